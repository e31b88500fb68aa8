"""A small same-site crawler on Django's test client, for leak tests.

It follows every link it can find in HTML (``href``, ``src``, ``srcset``,
GET forms' ``action``, feed ``<link>``s), in sitemaps and feeds (``<loc>``,
``<link>``, ``href``), in ``robots.txt`` (``Sitemap:``/``Disallow:``) and in
redirects, and records every response. It knows nothing about the apps, so
pages teammates add are crawled too.

The per-role crawl also walks the Wagtail admin: it passes its own
``skip_prefixes`` and ``quoted_paths=True``, which also follows every quoted
same-site path in a page's text (Wagtail's menu is JSON in an attribute, its
choosers keep URLs in ``data-*`` attributes, the admin API answers JSON), and
caps how many query variants of one path it fetches (filters, sorting and
pagination would otherwise multiply without end).
"""

import contextlib
import html
import json
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit, urlunsplit

SITE_HOSTS = {"", "localhost", "testserver", "127.0.0.1"}
SKIP_PREFIXES = ("/admin/", "/django-admin/", "/static/")
# Image files are recorded (their URLs are checked) but not downloaded: they hold no text.
UNFETCHED_PREFIXES = ("/media/images/", "/media/original_images/")
TEXT_TYPES = ("text/", "application/json", "application/xml", "application/rss", "application/atom")
MAX_URLS = 2500
# Never requested by a crawl: a GET must not end the crawl's own session.
NEVER_FETCH = ("logout", "abmelden")

# Not preceded by a letter or dash: ``data-action="click->w-dialog#show"`` is no URL.
_ATTR_URL = re.compile(
    r"""(?<![\w-])(?:href|src|action|data-src|data-href)\s*=\s*["']([^"']+)["']""", re.I
)
_SRCSET = re.compile(r"""srcset\s*=\s*["']([^"']+)["']""", re.I)
_XML_LOC = re.compile(r"<(?:loc|link|id|guid|comments)>\s*([^<\s]+)\s*</", re.I)
_ROBOTS = re.compile(r"^(?:Sitemap|Disallow|Allow):\s*(\S+)", re.I | re.M)
_QUOTED_PATH = re.compile(r"""["']((?:https?://[^/"'\s<>]+)?/[^/"'\s<>][^"'\s<>]*)["']""")


@dataclass
class Fetched:
    """One crawled URL: status, headers that matter and the text (if textual)."""

    url: str
    status: int
    content_type: str
    location: str
    text: str

    def searchable(self) -> str:
        """Body and redirect target, plus unescaped HTML/XML and non-ASCII JSON forms."""
        parts = [self.text, html.unescape(self.text), self.location]
        if "json" in self.content_type:
            with contextlib.suppress(ValueError):
                parts.append(json.dumps(json.loads(self.text), ensure_ascii=False))
        return "\n".join(parts)


@dataclass
class Crawl:
    """The result: every URL fetched, in order."""

    pages: dict[str, Fetched] = field(default_factory=dict)
    unfetched: list[str] = field(default_factory=list)
    truncated: bool = False

    def ok(self) -> list[Fetched]:
        return [page for page in self.pages.values() if page.status == 200]


def same_site_path(url: str, base: str, skip_prefixes=SKIP_PREFIXES) -> str | None:
    """``url`` as a site-relative path with query (no fragment), or None if off-site."""
    url = html.unescape(url.strip())
    if not url or url.startswith(("mailto:", "tel:", "javascript:", "data:", "#")):
        return None
    absolute = urljoin("http://localhost" + base, urldefrag(url)[0])
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or (parts.hostname or "") not in SITE_HOSTS:
        return None
    path = parts.path or "/"
    if path.startswith(tuple(skip_prefixes)) or any(word in path for word in NEVER_FETCH):
        return None
    query = parts.query
    if path.startswith("/language/"):
        query = ""  # one visit per language is enough
    return urlunsplit(("", "", path, query, ""))


def links_in(fetched: Fetched, quoted_paths: bool = False) -> list[str]:
    """Every URL mentioned in a response (HTML attributes, XML locations, robots lines).

    With ``quoted_paths``, also every quoted path or same-site URL anywhere in
    the unescaped text (JSON in attributes and scripts, ``data-*`` URLs).
    """
    text = fetched.text
    found = [match.group(1) for match in _ATTR_URL.finditer(text)]
    for match in _SRCSET.finditer(text):
        found += [candidate.strip().split(" ")[0] for candidate in match.group(1).split(",")]
    if "xml" in fetched.content_type or "rss" in fetched.content_type:
        found += [match.group(1) for match in _XML_LOC.finditer(text)]
    if fetched.url.startswith("/robots.txt"):
        found += [match.group(1) for match in _ROBOTS.finditer(text)]
    if quoted_paths:
        unescaped = html.unescape(text).replace("\\/", "/")
        found += [match.group(1) for match in _QUOTED_PATH.finditer(unescaped)]
    if fetched.location:
        found.append(fetched.location)
    return found


def fetch(client, path: str, method: str = "get", **kwargs) -> Fetched:
    """One request (GET unless ``method`` says otherwise), without following redirects."""
    response = getattr(client, method)(path, follow=False, **kwargs)
    content_type = response.get("Content-Type", "")
    text = ""
    if content_type.startswith(TEXT_TYPES) or "xml" in content_type:
        content = b"".join(response.streaming_content) if response.streaming else response.content
        text = content.decode("utf-8", errors="replace")
    return Fetched(
        url=path,
        status=response.status_code,
        content_type=content_type,
        location=response.get("Location", ""),
        text=text,
    )


def crawl(
    client,
    start: list[str],
    extra: list[str] = (),
    limit: int = MAX_URLS,
    *,
    skip_prefixes=SKIP_PREFIXES,
    quoted_paths: bool = False,
    max_variants: int | None = None,
) -> Crawl:
    """Breadth-first crawl from ``start``; ``extra`` URLs are fetched too (and followed).

    ``start`` and ``extra`` are always fetched first (up to ``limit``);
    ``max_variants`` caps how many URLs differing only in their query string
    the crawl follows per path.
    """
    result = Crawl()
    queue = deque(dict.fromkeys([*start, *extra]))
    seen = set(queue)
    variants = Counter(urlsplit(path).path for path in queue)
    while queue:
        if len(result.pages) >= limit:
            result.truncated = True
            break
        path = queue.popleft()
        if path.startswith(UNFETCHED_PREFIXES):
            result.unfetched.append(path)
            continue
        fetched = fetch(client, path)
        result.pages[path] = fetched
        if not fetched.text and not fetched.location:
            continue
        for link in links_in(fetched, quoted_paths):
            target = same_site_path(link, path, skip_prefixes)
            if not target or target in seen:
                continue
            target_path = urlsplit(target).path
            if max_variants is not None and variants[target_path] >= max_variants:
                continue
            variants[target_path] += 1
            seen.add(target)
            queue.append(target)
    return result
