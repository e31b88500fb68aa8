"""Full-page cache for anonymous readers of public pages.

A public post looks the same to every anonymous reader, so after the first
one the rendered HTML is kept in Django's cache (Redis in production) and
the next readers get it without a single database query. The rules are
strict, because a cached page is shown to strangers:

* Only anonymous requests are looked up or stored: a request with a session
  cookie, an ``Authorization`` header, or any cookie we do not know (the
  messages cookie, say) bypasses the cache both ways. Only the language
  cookie (part of the key) and the CSRF cookie are understood.
* Only the views in ``PAGE_CACHE_VIEWS`` (Wagtail's page serving, search,
  sitemap, robots.txt) are cached: an allowlist, so a new view is never
  cached by accident. The admin is never cached.
* Only 200 answers to GET are stored, and never one that is marked private
  (``core.middleware.mark_private``, ``Cache-Control: private``/``no-store``/
  ``no-cache``/``max-age=0``, which signed-in users and internal pages
  always get), that sets a cookie other than the CSRF cookie, or that carries
  a CSP nonce.
* The comment form's CSRF token is personal: before storing, every token in
  the page is replaced by a placeholder, and each reader served from the
  cache gets a token of their own (and the cookie) filled in. So post pages
  with comment forms are cacheable and posting still works.

Invalidation is by generation: the cache key contains a site-wide number
that any content change bumps (see ``bump_generation``). Trade-off: one new
comment or published post drops *every* cached page, not just the pages
showing it. In exchange there is no dependency tracking to get wrong: a post
appears in listings, feeds, search, related posts, author and person pages,
and all of them are fresh after any change. Changes are rare (a few per hour)
and reads are many, so re-rendering each page once after a change is cheap.
``PAGE_CACHE_SECONDS`` bounds anything no signal reports (and how old the
comment form's timestamp may look).
"""

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers

GENERATION_KEY = "pagecache:generation"
CACHE_HEADER = "X-Page-Cache"
CSRF_PLACEHOLDER = "__stimme_pagecache_csrf_token__"
# A masked CSRF token: 64 letters and digits, standing alone.
_TOKEN_PATTERN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
# Headers that describe one transfer, not the page: recomputed for every reader.
_TRANSFER_HEADERS = {"content-length", "etag", CACHE_HEADER.lower()}
# Writes that never change what readers see: they do not drop the cache.
_NON_CONTENT_WRITES = ("/login/", "/logout/", "/language/")


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", False)


# --- Invalidation -------------------------------------------------------------


def _new_generation() -> int:
    # Time-based, so a generation lost to eviction is never reused: pages
    # stored under an old number can never come back.
    return time.time_ns() // 1000


def current_generation() -> int:
    cache = _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = _new_generation()
        if not cache.add(GENERATION_KEY, generation, timeout=None):
            generation = cache.get(GENERATION_KEY, generation)
    return generation


def _bump_now() -> None:
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # missing (first run, or evicted)
        cache.set(GENERATION_KEY, _new_generation(), timeout=None)


def bump_generation() -> None:
    """Drop every cached page: call after any change readers could see.

    Bumps now and again when the surrounding transaction commits: a reader
    who rendered the old data between the two stores it under a generation
    nobody reads any more.
    """
    if not enabled():
        return
    _bump_now()
    transaction.on_commit(_bump_now)


def invalidate_page(page=None) -> None:
    """Public entry point for apps: ``page`` changed (or a comment on it did).

    Drops the page cache (all pages: listings show the page too) and, where
    Wagtail's frontend cache (CDN/Varnish) is configured, purges the page
    and its ancestors (the index and home listing it) there as well.
    """
    bump_generation()
    if page is not None:
        purge_frontend_cache(page)


def frontend_cache_configured() -> bool:
    """Is Wagtail's frontend cache (a CDN or Varnish to purge) set up?"""
    from django.apps import apps

    return apps.is_installed("wagtail.contrib.frontend_cache") and bool(
        getattr(settings, "WAGTAILFRONTENDCACHE", None)
    )


def purge_frontend_cache(page) -> None:
    """Purge ``page`` and its ancestors from a CDN/Varnish, if one is configured."""
    if not frontend_cache_configured():
        return
    from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

    pages = [page, *page.get_ancestors().filter(depth__gt=1).specific()]
    transaction.on_commit(lambda: purge_pages_from_cache(pages))


# --- Which requests and responses qualify --------------------------------------


def _allowed_cookies() -> set[str]:
    return {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}


def _view_is_cacheable(path: str) -> bool:
    try:
        func = resolve(path).func
    except Resolver404:
        return False
    name = f"{func.__module__}.{getattr(func, '__name__', '')}"
    return name in settings.PAGE_CACHE_VIEWS


def request_is_cacheable(request) -> bool:
    """May this request be answered from the cache (and its answer stored)?"""
    if not enabled() or request.method not in ("GET", "HEAD"):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    # Any cookie we do not understand may change the page (a session means a
    # signed-in user or personal state): such readers always get a fresh page.
    if set(request.COOKIES) - _allowed_cookies():
        return False
    if request.path_info.startswith(settings.ADMIN_PATH_PREFIXES):
        return False
    return _view_is_cacheable(request.path_info)


def _cache_control_forbids(response) -> bool:
    value = response.get("Cache-Control", "").lower()
    return any(word in value for word in ("private", "no-store", "no-cache", "max-age=0"))


def response_is_cacheable(request, response) -> bool:
    """May this response be shown to other anonymous readers?"""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if getattr(request, "_stimme_private", False) or _cache_control_forbids(response):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if set(response.cookies) - {settings.CSRF_COOKIE_NAME}:
        return False
    # A nonce must differ per response; a cached one would not.
    return "'nonce-" not in response.get("Content-Security-Policy", "")


def cache_key(request, generation: int) -> str:
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"pagecache:{generation}:{language}:{digest}"


# --- CSRF tokens: personal, so never stored -------------------------------------


def _without_csrf_tokens(request, content: bytes) -> tuple[bytes, bool] | None:
    """``content`` with this reader's CSRF tokens replaced by the placeholder.

    Returns ``(content, had_tokens)``, or None when the page cannot be made
    safe (the raw secret itself appears in it).
    """
    # CsrfViewMiddleware has already sent the cookie and cleared its
    # "needs update" flag by now; the secret stays in META whenever the
    # reader had one or the page asked for a token.
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return content, False
    if secret.encode() in content:
        return None
    # Django masks the secret differently in each token; unmasking tells ours
    # from any other 64-character word. Private helper, but it is the one
    # definition of the token format (Django 6.1 is pinned).
    from django.middleware.csrf import _unmask_cipher_token

    found = False

    def replace(match):
        nonlocal found
        if _unmask_cipher_token(match.group().decode()) == secret:
            found = True
            return CSRF_PLACEHOLDER.encode()
        return match.group()

    return _TOKEN_PATTERN.sub(replace, content), found


class PageCacheMiddleware:
    """Serve anonymous readers from the page cache; store what is safe to share.

    Place it right after WhiteNoise: a hit then skips sessions, users, the
    database and template rendering altogether. Successful writes (POST and
    the like) drop the cache, so a moderator's action, an edit in the admin
    or a new comment is visible at once, whatever code path made it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request):
        if not request_is_cacheable(request):
            response = self.get_response(request)
            if (
                enabled()
                and request.method not in ("GET", "HEAD", "OPTIONS", "TRACE")
                and response.status_code < 400
                and not request.path_info.startswith(_NON_CONTENT_WRITES)
            ):
                bump_generation()
            return response

        key = cache_key(request, current_generation())
        stored = _cache().get(key)
        if stored is not None:
            return self.from_cache(request, stored)

        response = self.get_response(request)
        if response_is_cacheable(request, response):
            self.store(request, response, key)
        else:
            response.headers[CACHE_HEADER] = "skip"
        return response

    def store(self, request, response, key) -> None:
        cleaned = _without_csrf_tokens(request, response.content)
        if cleaned is None:
            response.headers[CACHE_HEADER] = "skip"
            return
        content, has_token = cleaned
        headers = [
            (name, value)
            for name, value in response.headers.items()
            if name.lower() not in _TRANSFER_HEADERS
        ]
        entry = {"content": content, "headers": headers, "csrf": has_token}
        _cache().set(key, entry, settings.PAGE_CACHE_SECONDS)
        response.headers[CACHE_HEADER] = "miss"

    def from_cache(self, request, stored) -> HttpResponse:
        content = stored["content"]
        if stored["csrf"]:
            # This reader's own token (and cookie), as a fresh render would give.
            self.csrf.process_request(request)
            content = content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
        response = HttpResponse(content, headers=dict(stored["headers"]))
        response.headers[CACHE_HEADER] = "hit"
        if stored["csrf"]:
            response = self.csrf.process_response(request, response)
            patch_vary_headers(response, ("Cookie",))
        return response
