"""Slugs a page may not take because a Django URL answers there first.

Django's URLconf is matched before Wagtail serves a page (its catch-all
comes last in ``settings.urls``), so a page at ``/intern/feed/`` could never
be reached while an app routes ``intern/feed/…``. The URLconf already says
which paths apps claim; reading it here means no app keeps a list of
another app's routes, and a new route is reserved the moment it exists.
"""

import re

from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

_REGEX_SPECIAL = re.compile(r"[.^$*+?{}\[\]\\|()]")


def _fixed_start(pattern) -> tuple[str, bool]:
    """The text a URL pattern starts with before its first parameter, and whether that is all."""
    if isinstance(pattern, RoutePattern):
        route = str(pattern)
        fixed = route.split("<", 1)[0]
        return fixed, fixed == route
    if isinstance(pattern, RegexPattern):
        regex = pattern._regex.removeprefix("^")
        special = _REGEX_SPECIAL.search(regex.removesuffix("$"))
        if special is None:
            return regex.removesuffix("$"), True
        return regex[: special.start()], False
    return "", False  # a language prefix, say: nothing below it is fixed text


def _fixed_starts(resolver: URLResolver, prefix: str = ""):
    for entry in resolver.url_patterns:
        fixed, complete = _fixed_start(entry.pattern)
        if isinstance(entry, URLResolver) and complete:
            yield from _fixed_starts(entry, prefix + fixed)
        else:
            yield prefix + fixed


def slugs_taken_by_django(parent_path: str) -> frozenset[str]:
    """Slugs below ``parent_path`` ("/intern/") whose URL a Django route claims.

    A route counts once its fixed text names the whole segment
    (``intern/feed/<token>/`` takes ``feed``); routes that start with a
    parameter right after the parent would take every slug and are not
    answered here.
    """
    prefix = parent_path.strip("/")
    prefix = f"{prefix}/" if prefix else ""
    taken = set()
    for start in _fixed_starts(get_resolver()):
        if not start.startswith(prefix):
            continue
        segment, slash, _rest = start[len(prefix) :].partition("/")
        if segment and slash:
            taken.add(segment)
    return frozenset(taken)
