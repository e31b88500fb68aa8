"""Template tags every app's templates use: images, avatars, language, menus."""

import re

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.models import Site

from core.avatars import initials_svg, shows_photo
from core.visibility import is_employee as _is_employee
from core.visibility import visible_to

register = template.Library()

_FILL = re.compile(r"^fill-(\d+)x(\d+)(-c\d+)?")
_WIDTH = re.compile(r"^width-(\d+)")
DEFAULT_WIDTHS = (400, 800, 1200)


def _specs_for(spec: str, widths) -> list[str]:
    """Filter specs for each width of a ``width-N`` or ``fill-WxH`` spec."""
    if match := _FILL.match(spec):
        ratio = int(match.group(2)) / int(match.group(1))
        # Keep the crop closeness ("-c100": a face fills the square) at every width.
        closeness = match.group(3) or ""
        return [f"fill-{w}x{round(w * ratio)}{closeness}" for w in widths]
    if _WIDTH.match(spec):
        return [f"width-{w}" for w in widths]
    return [spec]


def _distinct_widths(renditions) -> list:
    """The renditions minus any whose width an earlier one already has.

    Wagtail never enlarges an image, so every width asked for beyond the
    original's comes back at the original's width; a ``srcset`` listing one
    width twice is invalid HTML and gives the browser nothing to choose.
    """
    seen, distinct = set(), []
    for rendition in renditions:
        if rendition.width not in seen:
            seen.add(rendition.width)
            distinct.append(rendition)
    return distinct


@register.simple_tag
def responsive_image(
    image, spec="width-800", sizes="100vw", widths=None, loading="lazy", css_class="", alt=None
):
    """A ``<picture>`` with WebP and JPEG ``srcset``, width and height set.

    Renditions are created once and then read from the database; lazy
    loading is the default, pass ``loading="eager"`` above the fold.
    """
    if not image:
        return ""
    if isinstance(widths, str):
        widths = [int(w) for w in widths.split(",")]
    specs = _specs_for(spec, widths or DEFAULT_WIDTHS)
    all_specs = [f"{s}|format-webp" for s in specs] + [f"{s}|format-jpeg" for s in specs]
    renditions = image.get_renditions(*all_specs)
    # The fallback is the middle of the widths asked for, whatever the original's size.
    fallback = renditions[f"{specs[len(specs) // 2]}|format-jpeg"]
    webp = _distinct_widths(renditions[f"{s}|format-webp"] for s in specs)
    jpeg = _distinct_widths(renditions[f"{s}|format-jpeg"] for s in specs)

    def srcset(items):
        return ", ".join(f"{r.url} {r.width}w" for r in items)

    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
        'loading="{}" decoding="async"{}{}></picture>',
        srcset(webp),
        sizes,
        fallback.url,
        srcset(jpeg),
        sizes,
        fallback.width,
        fallback.height,
        image.default_alt_text if alt is None else alt,
        loading,
        # Above the fold (eager) is usually the largest paint: fetch it first.
        mark_safe(' fetchpriority="high"') if loading == "eager" else "",
        format_html(' class="{}"', css_class) if css_class else "",
    )


@register.simple_tag
def image_credit(image):
    """The photo credit under an image ("Foto: …"), or nothing."""
    if not image or not getattr(image, "credit", ""):
        return ""
    return format_html('<span class="credit">{} {}</span>', _("Photo:"), image.credit)


@register.simple_tag(takes_context=True)
def avatar(context, person_or_name, size=48):
    """A person's photo (WebP, JPEG fallback, sharp on high-density screens), or initials.

    The initials avatar is drawn locally when there is no photo, or when
    this reader may not see it (``core.avatars.shows_photo``).
    """
    request = context.get("request")
    # Fragments drawn without the request (the comment thread) pass the reader as "user".
    reader = getattr(request, "user", None) or context.get("user")
    name = getattr(person_or_name, "name", person_or_name) or ""
    photo = getattr(person_or_name, "photo", None) if shows_photo(person_or_name, reader) else None
    if photo:
        spec = f"fill-{size * 2}x{size * 2}-c100"
        renditions = photo.get_renditions(f"{spec}|format-webp", f"{spec}|format-jpeg")
        return format_html(
            '<picture><source type="image/webp" srcset="{}">'
            '<img class="avatar" src="{}" width="{}" height="{}" alt="" loading="lazy" '
            'decoding="async"></picture>',
            renditions[f"{spec}|format-webp"].url,
            renditions[f"{spec}|format-jpeg"].url,
            size,
            size,
        )
    return initials_svg(str(name), size)


@register.simple_tag(takes_context=True)
def language_links(context):
    """Plain links to switch language; no form, no JavaScript, cache-friendly."""
    request = context.get("request")
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    next_url = request.get_full_path() if request else "/"
    query = urlencode({"next": next_url})
    items = [
        (
            reverse("switch_language", args=[code]) + "?" + query,
            code,
            code,
            "true" if code == current else "false",
            name,
        )
        for code, name in settings.LANGUAGES
    ]
    return format_html_join(
        "",
        '<li><a href="{}" hreflang="{}" lang="{}" aria-current="{}">{}</a></li>',
        items,
    )


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """Top-level pages marked "show in menus" that this reader may see."""
    request = context.get("request")
    site_root = context.get("site_root")
    if site_root is None and request is not None:
        site = Site.find_for_request(request)
        site_root = site.root_page if site else None
    if site_root is None:
        return []
    user = getattr(request, "user", None)
    return list(visible_to(site_root.get_children().in_menu(), user).specific())


@register.filter
def is_within(page, section) -> bool:
    """Whether ``page`` is ``section`` or below it in the page tree."""
    path = getattr(page, "path", None)
    return bool(path and section is not None and path.startswith(section.path))


@register.filter
def is_employee(user) -> bool:
    """Whether ``user`` may see internal pages (for menus and links)."""
    return _is_employee(user)


@register.simple_tag
def language_label(post):
    """Name ``post``'s language, in that language, where it differs from the interface's.

    Listings mix German and English posts; a reader should know before the click.
    """
    language = getattr(post, "language", "")
    interface = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if not language or language == interface:
        return ""
    name = dict(settings.LANGUAGES).get(language, language)
    return format_html('<span class="language-label" lang="{}">{}</span>', language, name)
