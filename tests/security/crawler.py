"""A small same-site crawler on Django's test client, for leak tests.

It follows every link it can find in HTML (``href``, ``src``, ``srcset``,
GET forms' ``action``, feed ``<link>``s), in sitemaps and feeds (``<loc>``,
``<link>``, ``href``), in ``robots.txt`` (``Sitemap:``/``Disallow:``) and in
redirects, and records every response. It knows nothing about the apps, so
pages teammates add are crawled too.
"""

import contextlib
import html
import json
import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit, urlunsplit

SITE_HOSTS = {"", "localhost", "testserver", "127.0.0.1"}
SKIP_PREFIXES = ("/admin/", "/django-admin/", "/static/")
# Image files are recorded (their URLs are checked) but not downloaded: they hold no text.
UNFETCHED_PREFIXES = ("/media/images/", "/media/original_images/")
TEXT_TYPES = ("text/", "application/json", "application/xml", "application/rss", "application/atom")
MAX_URLS = 2500

_ATTR_URL = re.compile(r"""(?:href|src|action|data-src|data-href)\s*=\s*["']([^"']+)["']""", re.I)
_SRCSET = re.compile(r"""srcset\s*=\s*["']([^"']+)["']""", re.I)
_XML_LOC = re.compile(r"<(?:loc|link|id|guid|comments)>\s*([^<\s]+)\s*</", re.I)
_ROBOTS = re.compile(r"^(?:Sitemap|Disallow|Allow):\s*(\S+)", re.I | re.M)


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


def same_site_path(url: str, base: str) -> str | None:
    """``url`` as a site-relative path with query (no fragment), or None if off-site."""
    url = html.unescape(url.strip())
    if not url or url.startswith(("mailto:", "tel:", "javascript:", "data:", "#")):
        return None
    absolute = urljoin("http://localhost" + base, urldefrag(url)[0])
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or (parts.hostname or "") not in SITE_HOSTS:
        return None
    path = parts.path or "/"
    if path.startswith(SKIP_PREFIXES):
        return None
    query = parts.query
    if path.startswith("/language/"):
        query = ""  # one visit per language is enough
    return urlunsplit(("", "", path, query, ""))


def links_in(fetched: Fetched) -> list[str]:
    """Every URL mentioned in a response (HTML attributes, XML locations, robots lines)."""
    text = fetched.text
    found = [match.group(1) for match in _ATTR_URL.finditer(text)]
    for match in _SRCSET.finditer(text):
        found += [candidate.strip().split(" ")[0] for candidate in match.group(1).split(",")]
    if "xml" in fetched.content_type or "rss" in fetched.content_type:
        found += [match.group(1) for match in _XML_LOC.finditer(text)]
    if fetched.url.startswith("/robots.txt"):
        found += [match.group(1) for match in _ROBOTS.finditer(text)]
    if fetched.location:
        found.append(fetched.location)
    return found


def fetch(client, path: str) -> Fetched:
    response = client.get(path, follow=False)
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


def crawl(client, start: list[str], extra: list[str] = (), limit: int = MAX_URLS) -> Crawl:
    """Breadth-first crawl from ``start``; ``extra`` URLs are fetched too (and followed)."""
    result = Crawl()
    queue = deque(dict.fromkeys([*start, *extra]))
    seen = set(queue)
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
        for link in links_in(fetched):
            target = same_site_path(link, path)
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
    return result
