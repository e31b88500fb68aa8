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
* The comment form's CSRF token is personal: the page is stored cut at the
  tokens its templates rendered (``csrf_token``, our context processor,
  notes each one), and each reader served from the cache gets a token of
  their own (and the cookie) filled in there. So post pages with comment
  forms are cacheable and posting still works. Nothing else in the page is
  ever rewritten: text that merely looks like a token stays as written.

Invalidation is by generation: the cache key contains a site-wide number
that any content change bumps (see ``bump_generation``). Only content
changes bump it: model signals (``core.cache_invalidation``) and the writes
that bypass them (comment moderation's bulk updates call
``invalidate_pages``). A request that merely writes (a stranger's POST to a
page, which Wagtail answers 200, an unconfirmed comment, a failed login)
does not: otherwise anyone could empty the cache for every reader with one
request a second. Trade-off: one new
comment or published post drops *every* cached page, not just the pages
showing it. In exchange there is no dependency tracking to get wrong: a post
appears in listings, feeds, search, related posts, author and person pages,
and all of them are fresh after any change. Changes are rare (a few per hour)
and reads are many, so re-rendering each page once after a change is cheap.
``PAGE_CACHE_SECONDS`` bounds anything no signal reports (and how old the
comment form's timestamp may look).

Asking Redis for the generation was about a third of a hit's time, so each
process may reuse the number it read for ``PAGE_CACHE_GENERATION_SECONDS``
(1 s in production, 0 elsewhere). The process that makes a change sees it
at once; anonymous readers served by the other processes may see the page
as it was for up to that long. Signed-in users never read the cache.

Fragments (``cached_fragment``) live under the same generation: a piece of
a page every anonymous reader shares, such as a post's comment thread, is
rendered once per change even when the page around it is not cached (the
page cache is off, or the reader brought a cookie we do not understand).

Hits are answered twice as cheaply by ``PageCacheApplication``, a WSGI
wrapper (``settings.wsgi``) that asks the same questions with the same
functions before Django's handler and middleware run; see its docstring.
"""

import functools
import hashlib
import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost, MiddlewareNotUsed
from django.core.handlers.wsgi import WSGIRequest, get_script_name
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, _unmask_cipher_token, get_token
from django.urls import Resolver404, resolve, set_script_prefix
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
# Bumped when the stored entry's shape or meaning changes: old entries are never read
# (v3: cut only where a form rendered a token).
ENTRY_VERSION = "v3"
CACHE_HEADER = "X-Page-Cache"
# Request attribute: the CSRF tokens this response's templates rendered.
_RENDERED_TOKENS = "_stimme_rendered_csrf_tokens"
# A masked CSRF token: 64 letters and digits, standing alone.
_TOKEN_PATTERN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
# Headers that describe one transfer, not the page: recomputed for every reader.
_TRANSFER_HEADERS = {"content-length", "etag", CACHE_HEADER.lower()}


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", False)


def fragments_enabled() -> bool:
    return getattr(settings, "PAGE_FRAGMENT_CACHE_SECONDS", 0) > 0


def _generation_in_use() -> bool:
    return enabled() or fragments_enabled()


# --- Invalidation -------------------------------------------------------------


def _new_generation() -> int:
    # Time-based, so a generation lost to eviction is never reused: pages
    # stored under an old number can never come back.
    return time.time_ns() // 1000


# The generation this process read last, and until when it may use it
# without asking the shared cache again (PAGE_CACHE_GENERATION_SECONDS).
_known_generation: tuple[int | None, float] = (None, 0.0)
_clock = time.monotonic


def current_generation() -> int:
    global _known_generation
    window = getattr(settings, "PAGE_CACHE_GENERATION_SECONDS", 0)
    if window > 0:
        generation, until = _known_generation
        if generation is not None and _clock() < until:
            return generation
    cache = _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = _new_generation()
        if not cache.add(GENERATION_KEY, generation, timeout=None):
            generation = cache.get(GENERATION_KEY, generation)
    if window > 0:
        _known_generation = (generation, _clock() + window)
    return generation


def forget_known_generation() -> None:
    """Ask the shared cache for the generation next time (this process changed it)."""
    global _known_generation
    _known_generation = (None, 0.0)


def _bump_now() -> None:
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # missing (first run, or evicted)
        cache.set(GENERATION_KEY, _new_generation(), timeout=None)
    forget_known_generation()


def bump_generation() -> None:
    """Drop every cached page: call after any change readers could see.

    Bumps now and again when the surrounding transaction commits: a reader
    who rendered the old data between the two stores it under a generation
    nobody reads any more.
    """
    if not _generation_in_use():
        return
    _bump_now()
    transaction.on_commit(_bump_now)


def invalidate_page(page=None) -> None:
    """Public entry point for apps: ``page`` changed (or a comment on it did).

    Drops the page cache (all pages: listings show the page too) and, where
    Wagtail's frontend cache (CDN/Varnish) is configured, purges the page
    and its ancestors (the index and home listing it) there as well.
    """
    invalidate_pages([page])


def invalidate_pages(pages: Iterable = ()) -> None:
    """Several pages changed at once (a moderator's bulk action): one bump, each purged.

    For writes that send no model signal (``QuerySet.update``). ``pages``
    may be a generator: it is consumed only when a CDN needs purging, so
    callers need not look pages up for nothing. ``None`` entries are skipped.
    """
    bump_generation()
    if not frontend_cache_configured():
        return
    for page in {page for page in pages if page is not None}:
        purge_frontend_cache(page)


def frontend_cache_configured() -> bool:
    """Is Wagtail's frontend cache (a CDN or Varnish to purge) set up?"""
    return apps.is_installed("wagtail.contrib.frontend_cache") and bool(
        getattr(settings, "WAGTAILFRONTENDCACHE", None)
    )


def purge_frontend_cache(page) -> None:
    """Purge ``page`` and its ancestors from a CDN/Varnish, if one is configured."""
    if not frontend_cache_configured():
        return
    pages = [page, *page.get_ancestors().filter(depth__gt=1).specific()]
    transaction.on_commit(lambda: purge_pages_from_cache(pages))


# --- Fragments shared by anonymous readers ---------------------------------------


def _fragment_key(name: str, parts: tuple) -> str:
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"pagefragment:{current_generation()}:{name}:{digest}"


def shared_value(name: str, parts: tuple, compute):
    """``compute()``'s result (picklable), kept until the next content change.

    For data that is the same for every reader, such as which comments of a
    post are published; ``parts`` says what else it depends on.
    """
    if not fragments_enabled():
        return compute()
    key = _fragment_key(name, parts)
    cache = _cache()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.PAGE_FRAGMENT_CACHE_SECONDS)
    return value


def cached_fragment(name: str, parts: tuple, render) -> str:
    """``render()``'s HTML, shared by every reader until the next content change.

    Only for HTML that is the same for everyone who gets it: the caller
    decides who that is (never signed-in readers whose view shows personal
    bits) and passes in ``parts`` whatever else the HTML depends on. The
    language is part of the key already.
    """
    language = get_language() or settings.LANGUAGE_CODE
    html = shared_value(name, (language, *parts), lambda: str(render()))
    # Our own template output, stored by us: as safe as when it was rendered.
    return mark_safe(html)  # noqa: S308


# --- Which requests and responses qualify --------------------------------------


def _allowed_cookies() -> set[str]:
    return {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}


@functools.lru_cache(maxsize=4096)
def _view_name(urlconf: str, path: str) -> str:
    # A path resolves to the same view for the life of the URLconf; paths are
    # chosen by readers (and crawlers), so the memory is bounded.
    try:
        func = resolve(path, urlconf).func
    except Resolver404:
        return ""
    return f"{func.__module__}.{getattr(func, '__name__', '')}"


def _view_is_cacheable(path: str) -> bool:
    return _view_name(settings.ROOT_URLCONF, path) in settings.PAGE_CACHE_VIEWS


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
    return f"pagecache:{ENTRY_VERSION}:{generation}:{language}:{digest}"


# --- CSRF tokens: personal, so never stored -------------------------------------


def csrf_token(request) -> dict:
    """Context processor: Django's ``csrf_token``, remembered for the page cache.

    Listed after Django's built-in one in ``TEMPLATES``, so ``{% csrf_token %}``
    and ``{{ csrf_token }}`` use this one. Each token it hands out (a fresh
    masking of the reader's secret, unguessable) is noted on the request:
    those exact strings, and nothing else in the page, are where the page
    cache later puts each reader's own token.
    """

    def token():
        value = get_token(request)
        if value is None:
            return "NOTPROVIDED"  # what Django's own processor says
        tokens = request.__dict__.setdefault(_RENDERED_TOKENS, set())
        tokens.add(value)
        return value

    return {"csrf_token": SimpleLazyObject(token)}


def _split_at_csrf_tokens(request, content: bytes) -> list[bytes] | None:
    """``content`` cut where this response's forms rendered a CSRF token.

    Returns the pieces between the tokens (one piece: no token), or None
    when the page cannot be shared: the raw secret is in it, or a string
    that unmasks to this reader's secret sits where no form rendered one
    (a template calling ``get_token`` itself, or text a reader planted).
    Only positions ``csrf_token`` produced are ever spliced: a 64-character
    word in a comment stays as written for every later reader.
    """
    # CsrfViewMiddleware has already sent the cookie and cleared its
    # "needs update" flag by now; the secret stays in META whenever the
    # reader had one or the page asked for a token.
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return [content]
    if secret.encode() in content:
        return None
    rendered = getattr(request, _RENDERED_TOKENS, ())
    if rendered:
        tokens = re.compile(b"|".join(re.escape(token.encode()) for token in rendered))
        parts = tokens.split(content)
    else:
        parts = [content]
    # Django masks the secret differently in each token; unmasking tells this
    # reader's from any other 64-character word. Private helper, but it is the
    # one definition of the token format (Django 6.1 is pinned).
    for part in parts:
        for match in _TOKEN_PATTERN.finditer(part):
            if _unmask_cipher_token(match.group().decode()) == secret:
                return None
    return parts


# --- Stored pages: shared cache, with a small copy in each process ---------------


class _RecentPages:
    """The pages this process served last, so a hit skips the trip to Redis for them.

    Safe because what a key names never changes: the key contains the
    generation, and a content change moves every reader to new keys. Each
    copy still expires when the shared entry does (``PAGE_CACHE_SECONDS``
    after it was rendered). Bounded by ``PAGE_CACHE_LOCAL_BYTES`` per
    process; 0 turns it off.
    """

    def __init__(self):
        self.entries: OrderedDict[str, tuple[float, int, dict]] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            found = self.entries.get(key)
            if found is None:
                return None
            if found[0] <= time.time():
                self._drop(key)
                return None
            self.entries.move_to_end(key)
            return found[2]

    def put(self, key, entry) -> None:
        limit = getattr(settings, "PAGE_CACHE_LOCAL_BYTES", 0)
        size = sum(len(part) for part in entry["parts"])
        expires = entry.get("stored_at", 0) + settings.PAGE_CACHE_SECONDS
        if size > limit // 4 or expires <= time.time():
            return
        with self.lock:
            if key in self.entries:
                self._drop(key)
            self.entries[key] = (expires, size, entry)
            self.size += size
            while self.size > limit:
                self._drop(next(iter(self.entries)))

    def _drop(self, key) -> None:
        self.size -= self.entries.pop(key)[1]


_recent = _RecentPages()


def _stored_page(key):
    entry = _recent.get(key)
    if entry is None:
        entry = _cache().get(key)
        if entry is not None:
            _recent.put(key, entry)
    return entry


# Set by PageCacheApplication on a miss: the key it looked up (not an HTTP_*
# name, so no client can send it), so the middleware does not ask again.
MISS_KEY = "stimme.pagecache.missed_key"


class PageCacheMiddleware:
    """Serve anonymous readers from the page cache; store what is safe to share.

    Place it right after WhiteNoise: a hit then skips sessions, users, the
    database and template rendering altogether. Requests never drop the
    cache by themselves: the content they change does (see the module
    docstring), so a stranger's POST leaves every reader's copy in place.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request):
        if not request_is_cacheable(request):
            return self.get_response(request)

        key = request.META.pop(MISS_KEY, None)
        if key is None:
            key = cache_key(request, current_generation())
            stored = _stored_page(key)
            if stored is not None:
                return self.from_cache(request, stored)

        response = self.get_response(request)
        if response_is_cacheable(request, response):
            self.store(request, response, key)
        else:
            response.headers[CACHE_HEADER] = "skip"
        return response

    def lookup(self, request) -> HttpResponse | None:
        """The cached answer to ``request`` (which must be cacheable), or None."""
        key = cache_key(request, current_generation())
        stored = _stored_page(key)
        if stored is None:
            request.META[MISS_KEY] = key
            return None
        return self.from_cache(request, stored)

    def store(self, request, response, key) -> None:
        # Split once here, so a hit joins bytes instead of searching the page.
        parts = _split_at_csrf_tokens(request, response.content)
        if parts is None:
            response.headers[CACHE_HEADER] = "skip"
            return
        headers = [
            (name, value)
            for name, value in response.headers.items()
            if name.lower() not in _TRANSFER_HEADERS
        ]
        entry = {"parts": parts, "headers": headers, "stored_at": time.time()}
        _cache().set(key, entry, settings.PAGE_CACHE_SECONDS)
        _recent.put(key, entry)
        response.headers[CACHE_HEADER] = "miss"

    def from_cache(self, request, stored) -> HttpResponse:
        parts = stored["parts"]
        has_token = len(parts) > 1
        if has_token:
            # This reader's own token (and cookie), as a fresh render would give.
            self.csrf.process_request(request)
            content = get_token(request).encode().join(parts)
        else:
            content = parts[0]
        response = HttpResponse(content, headers=dict(stored["headers"]))
        response.headers["Content-Length"] = str(len(content))
        response.headers[CACHE_HEADER] = "hit"
        if has_token:
            response = self.csrf.process_response(request, response)
            patch_vary_headers(response, ("Cookie",))
        return response


class _Miss(Exception):  # noqa: N818 - control flow, not an error
    """The fast path has no answer: Django's full handler takes the request."""


class PageCacheApplication:
    """WSGI wrapper: page-cache hits answered before Django's handler runs.

    A hit through Django costs the handler, every middleware before the page
    cache and the response conversion; here it costs the same rule and key
    functions (``request_is_cacheable``, ``cache_key``) and the same
    ``PageCacheMiddleware`` methods, wrapped in the middleware listed
    *before* the page cache in ``settings.MIDDLEWARE`` (security headers,
    the HTTPS redirect), built from that list so the two paths cannot
    drift apart. Anything else (a miss, a request the rules refuse, a
    redirect, an error) goes to Django unchanged, which then does not look
    the key up a second time.
    """

    def __init__(self, application):
        self.application = application
        self.middleware = None
        self.chain = None
        names = list(settings.MIDDLEWARE)
        own = f"{PageCacheMiddleware.__module__}.{PageCacheMiddleware.__name__}"
        if own in names:
            self.middleware = PageCacheMiddleware(self._not_cached)
            self.chain = self._build_chain(names[: names.index(own)])

    def _build_chain(self, names):
        handler = self._lookup
        for name in reversed(names):
            try:
                handler = import_string(name)(handler)
            except MiddlewareNotUsed:
                continue
        return handler

    @staticmethod
    def _not_cached(request):
        raise _Miss

    def _lookup(self, request):
        response = self.middleware.lookup(request)
        if response is None:
            raise _Miss
        return response

    def __call__(self, environ, start_response):
        if (
            self.chain is None
            or environ.get("REQUEST_METHOD") not in ("GET", "HEAD")
            or not enabled()
        ):
            return self.application(environ, start_response)
        # WSGIRequest writes the decoded path back into the dict it is given
        # (PATH_INFO, SCRIPT_NAME): on the server's own environ, Django's
        # handler would decode "/fernwärme/" a second time and route
        # "/fernw%E4rme/". The fast path works on a copy; only the key it
        # missed on is handed on.
        try:
            set_script_prefix(get_script_name(environ))
            request = WSGIRequest(dict(environ))
            if not request_is_cacheable(request):
                return self.application(environ, start_response)
            response = self.chain(request)
        except _Miss:
            if MISS_KEY in request.META:
                environ[MISS_KEY] = request.META[MISS_KEY]
            return self.application(environ, start_response)
        except DisallowedHost:
            # A bad Host header is Django's to refuse (and log), as without us.
            return self.application(environ, start_response)
        except Exception:
            # Never worse than no fast path: Django answers (and logs) instead.
            logger.exception("page cache fast path failed; Django answers instead")
            return self.application(environ, start_response)
        if response.headers.get(CACHE_HEADER) != "hit":
            return self.application(environ, start_response)
        headers = [
            *response.items(),
            *(("Set-Cookie", cookie.output(header="")) for cookie in response.cookies.values()),
        ]
        start_response(f"{response.status_code} {response.reason_phrase}", headers)
        return [response.content]
