"""A link checker for the running site: every link, every absolute URL, every answer.

Unlike ``tests/security/crawler.py`` (Django's test client, any host counts
as the site), this one talks HTTP to a real server and is strict about
addresses: an absolute URL is either the site's own address (``BASE_URL``,
scheme, host *and* port) or someone else's; one that names this machine or a
placeholder host another way (``localhost``, ``example.com``, ``testserver``,
port 8000) is a wrong address, and the crawl reports it with the page it was
found on.
"""

import html
import re
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, unquote, urldefrag, urljoin, urlsplit, urlunsplit

from tests.reliability.processes import Answer, Browser

from .stack import urls_in

# Hosts that are never someone else's site: an absolute URL naming one of
# them (with anything but the site's own scheme, host and port) is a wrong
# address of ours, e.g. a feed built from Django's default site example.com.
OUR_HOSTS_BY_MISTAKE = {
    "localhost",
    "127.0.0.1",
    "::1",
    "0.0.0.0",  # noqa: S104 - a host name to look for, not a bind address
    "testserver",
    "example.com",
    "www.example.com",
}
TEXT_TYPES = ("text/", "application/xml", "application/rss", "application/atom", "application/json")
# Fetched and checked, but what they contain is not followed: the admin is
# Wagtail's (tests/security crawls it per role), static and image files hold
# no links we make (CSS is read for its url(...) references, though).
FETCH_ONLY_PREFIXES = ("/admin/", "/django-admin/", "/media/")
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')\s]+)["']?\s*\)""")
_ROBOTS_SITEMAP = re.compile(r"^Sitemap:\s*(\S+)", re.I | re.M)


class _Links(HTMLParser):
    """Links a browser would follow or load: a/link href, img/source src(set), script src."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("a", "link", "area") and attrs.get("href"):
            self.found.append(attrs["href"])
        if tag in ("img", "script", "source", "iframe", "audio", "video") and attrs.get("src"):
            self.found.append(attrs["src"])
        for name in ("srcset", "imagesrcset"):
            if attrs.get(name):
                self.found += [part.strip().split(" ")[0] for part in attrs[name].split(",")]
        is_get_form = tag == "form" and (attrs.get("method") or "get").lower() == "get"
        if is_get_form and attrs.get("action"):
            self.found.append(attrs["action"])


def html_links(text: str) -> list[str]:
    parser = _Links()
    parser.feed(text)
    return parser.found


def as_ascii(url: str) -> str:
    """The URL as a browser sends it: non-ASCII characters percent-encoded as UTF-8."""
    parts = urlsplit(url)
    return urlunsplit(
        parts._replace(
            path=quote(parts.path, safe="/%:@!$&'()*+,;=-._~"),
            query=quote(parts.query, safe="/%:@!$&'()*+,;=-._~?"),
        )
    )


def nested_urls(url: str) -> list[str]:
    """URLs carried in another URL's query (share links: ``?url=https://…``)."""
    return [
        found
        for _name, value in parse_qsl(urlsplit(url).query)
        for found in urls_in(unquote(value))
    ]


@dataclass
class Problem:
    url: str
    found_on: str
    what: str

    def __str__(self) -> str:
        return f"{self.what}: {self.url}\n    found on {self.found_on}"


@dataclass
class Crawl:
    """What one reader's crawl saw."""

    answers: dict[str, Answer] = field(default_factory=dict)
    found_on: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    external: dict[str, set] = field(default_factory=lambda: defaultdict(set))
    unfetched: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    def texts(self):
        """(url, decoded text) of every textual answer."""
        for url, answer in self.answers.items():
            if _content_type(answer).startswith(TEXT_TYPES) or "xml" in _content_type(answer):
                yield url, html.unescape(answer.text)

    def timing(self) -> str:
        """Where the time went, by first path segment (for keeping the suite fast)."""
        spent = Counter()
        count = Counter()
        for path, answer in self.answers.items():
            section = "/".join(path.split("?")[0].split("/")[:2])
            spent[section] += answer.seconds
            count[section] += 1
        return ", ".join(f"{s} {count[s]}x {spent[s]:.1f}s" for s, _ in spent.most_common(8))

    def report(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


def _content_type(answer: Answer) -> str:
    return (answer.headers.get("Content-Type") or "").lower()


class Crawler:
    """Breadth-first, a few requests at a time, as one reader (one cookie jar)."""

    def __init__(
        self,
        base_url: str,
        browser: Browser,
        *,
        allowed_redirect,
        never_fetch,
        cookieless=lambda path: False,
        known_good=(),
        max_variants: int = 3,
        workers: int = 4,
        limit: int = 3000,
    ):
        self.base = base_url.rstrip("/")
        self.origin = urlsplit(self.base)
        self.browser = browser
        self.allowed_redirect = allowed_redirect
        self.never_fetch = never_fetch
        self.cookieless = cookieless
        self.known_good = set(known_good)
        self.max_variants = max_variants
        self.workers = workers
        self.limit = limit

    def own_path(self, url: str, found_on: str, crawl: Crawl) -> str | None:
        """``url`` as a path on this site (query kept, fragment dropped), or None.

        Records wrong addresses as problems and other sites as external.
        """
        url = url.strip()
        if not url or url.startswith(("mailto:", "tel:", "javascript:", "data:", "#")):
            return None
        page = found_on if found_on.startswith("/") else "/"
        absolute = urljoin(self.base + page, urldefrag(url)[0])
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https"):
            return None
        if (parts.scheme, parts.netloc) != (self.origin.scheme, self.origin.netloc):
            if (parts.hostname or "") in OUR_HOSTS_BY_MISTAKE or parts.port == 8000:
                crawl.problems.append(Problem(absolute, found_on, "wrong address"))
            else:
                crawl.external[parts.netloc].add(absolute)
                for inner in nested_urls(absolute):
                    self.own_path(inner, found_on, crawl)
            return None
        return as_ascii(urlunsplit(("", "", parts.path or "/", parts.query, "")))

    def links(self, path: str, answer: Answer) -> list[str]:
        content_type = _content_type(answer)
        if answer.status in (301, 302, 303, 307, 308):
            return [answer.headers.get("Location", "")]
        if answer.status != 200 or path.startswith(FETCH_ONLY_PREFIXES):
            return []
        text = answer.text
        found = []
        if "html" in content_type:
            found += html_links(text)
        if "css" in content_type:
            found += _CSS_URL.findall(text)
        if path.startswith("/robots.txt"):
            found += _ROBOTS_SITEMAP.findall(text)
        if content_type.startswith(TEXT_TYPES) or "xml" in content_type:
            # Every absolute URL anywhere: canonical, og:url, JSON-LD, feed and sitemap entries.
            found += urls_in(text)
        return found

    def fetch(self, path: str) -> Answer:
        if self.cookieless(path):
            return Browser(self.base).get(path)
        return self.browser.get(path)

    def run(self, start: list[str]) -> Crawl:
        crawl = Crawl()
        variants = Counter()
        level = []
        for url in start:
            path = self.own_path(url, "(start)", crawl)
            crawl.found_on.setdefault(path, "(start)")
            level.append(path)
        with ThreadPoolExecutor(self.workers) as pool:
            while level:
                level = [path for path in level if path not in crawl.answers]
                if len(crawl.answers) + len(level) > self.limit:
                    raise AssertionError(f"more than {self.limit} URLs: a crawl trap?")
                answers = list(pool.map(self.fetch, level))
                next_level = []
                for path, answer in zip(level, answers, strict=True):
                    crawl.answers[path] = answer
                    self.check(path, answer, crawl)
                    for link in self.links(path, answer):
                        target = self.own_path(link, path, crawl)
                        if target is None or target in crawl.found_on:
                            continue
                        crawl.found_on[target] = path
                        if reason := self.never_fetch(target):
                            crawl.unfetched[target] = reason
                            continue
                        if target in self.known_good:
                            continue
                        if "?" in target:
                            # Filters, pagination, comment permalinks: a few per path show
                            # the links work; every one would multiply the crawl.
                            variants[urlsplit(target).path] += 1
                            if variants[urlsplit(target).path] > self.max_variants:
                                crawl.unfetched[target] = "query variant over the cap"
                                continue
                        next_level.append(target)
                level = next_level
        return crawl

    def check(self, path: str, answer: Answer, crawl: Crawl) -> None:
        found_on = crawl.found_on.get(path, "(start)")
        if answer.status == 200:
            return
        if answer.status in (301, 302, 303, 307, 308):
            location = answer.headers.get("Location", "")
            target = urlsplit(urljoin(self.base + path, location))
            if (target.scheme, target.netloc) != (self.origin.scheme, self.origin.netloc):
                crawl.problems.append(
                    Problem(path, found_on, f"redirect off the site to {location}")
                )
            elif not self.allowed_redirect(path, target):
                crawl.problems.append(
                    Problem(path, found_on, f"{answer.status} redirect to {location}")
                )
            return
        crawl.problems.append(Problem(path, found_on, f"HTTP {answer.status}"))
