"""Where the public team page lives: the base of every public profile URL.

``Person`` links to its profile below the team page, and ``TeamPage`` lists
people, so the two model modules would import each other. ``TeamPage`` sits
above ``Person`` (it imports ``people.py``); this module, below both, names
the page type as ``"people.TeamPage"`` and lets Django's app registry
resolve it when a URL is first asked for, as a ``ForeignKey("app.Model")``
would.
"""

from django.apps import apps
from django.core.cache import cache

from core.visibility import visible_to

TEAM_PAGE_MODEL = "people.TeamPage"
TEAM_URL_CACHE_KEY = "people:team-page-url"
# Signals clear the key on every change that could move the team page; the
# timeout only bounds the damage of a change that bypasses signals.
TEAM_URL_CACHE_SECONDS = 600


def team_pages():
    """Every team page (there is at most one, ``TeamPage.max_count``), oldest first."""
    return apps.get_model(TEAM_PAGE_MODEL).objects.order_by("path")


def public_team_url() -> str:
    """Root-relative URL of the team page an anonymous reader can open, or "".

    Cached, because bylines and comment threads ask for every author; see
    ``people.signals`` for when the cache is cleared.
    """
    url = cache.get(TEAM_URL_CACHE_KEY)
    if url is None:
        page = visible_to(team_pages(), None).first()
        url = (page.get_url() or "") if page else ""
        cache.set(TEAM_URL_CACHE_KEY, url, TEAM_URL_CACHE_SECONDS)
    return url


def forget_team_url() -> None:
    """Drop the cached team page URL (after the page moved, was (un)published, …)."""
    cache.delete(TEAM_URL_CACHE_KEY)
