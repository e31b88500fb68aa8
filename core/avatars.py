"""Initials avatars drawn locally: no Gravatar, no third-party request."""

import hashlib

from django.utils.html import format_html

from core.visibility import is_employee

# Muted colours with enough contrast for white initials (WCAG AA at 16px bold).
AVATAR_COLOURS = (
    "#1f5f8b",
    "#7a3b69",
    "#2e6b3f",
    "#8a4b08",
    "#4b4f9e",
    "#8b2f3c",
    "#1d6f6a",
    "#5b5b5b",
)


def initials_for(name: str) -> str:
    """Up to two capital letters from a display name ("Anna-Lena Weber" -> "AW").

    Titles and abbreviations ending in a dot are skipped ("Dr. Katrin Albers" -> "KA").
    """
    parts = [part for part in (name or "").replace("-", " ").split() if part[:1].isalnum()]
    parts = [part for part in parts if not part.endswith(".")] or parts
    if not parts:
        return "?"
    if len(parts) == 1:
        return parts[0][:2].upper()
    return (parts[0][0] + parts[-1][0]).upper()


def colour_for(name: str) -> str:
    """A stable colour per name, so the same commenter always looks the same."""
    digest = hashlib.sha256((name or "").strip().lower().encode()).digest()
    return AVATAR_COLOURS[digest[0] % len(AVATAR_COLOURS)]


def initials_svg(name: str, size: int = 48) -> str:
    """An inline SVG avatar; decorative, since the name is always shown beside it."""
    return format_html(
        '<svg class="avatar avatar--initials" width="{size}" height="{size}" '
        'viewBox="0 0 48 48" aria-hidden="true" focusable="false">'
        '<rect width="48" height="48" rx="24" fill="{colour}"/>'
        '<text x="24" y="24" dy=".35em" text-anchor="middle" fill="#fff" '
        'font-family="system-ui, sans-serif" font-size="18" font-weight="700">{initials}</text>'
        "</svg>",
        size=size,
        colour=colour_for(name),
        initials=initials_for(name),
    )


def shows_photo(person, user) -> bool:
    """Whether ``user`` gets ``person``'s photo, or initials instead.

    The same rule the photo's files are served by (``people.portraits.
    visible_portraits`` through ``core.image_access``), asked without a
    query: a public published profile's photo for everyone, any published
    colleague's for employees. Otherwise a page would point at a file the
    reader gets a 404 for, or show an internal-only colleague's face in public.
    A profile draft (a pending photo) reaches its owner and editors: both
    are employees, and its file answers them.
    """
    if not getattr(person, "photo_id", None):
        return False
    if getattr(person, "is_public", False):
        return True
    return bool(getattr(person, "live", False)) and is_employee(user)
