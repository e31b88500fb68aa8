"""Every link of the running site answers, and every absolute URL names the running site.

Two readers crawl the seeded demo on ``make run``'s stack (``tests.live``):
an anonymous one and the employee Jonas Berger, signed in through
``/login/``. From ``/``, ``/robots.txt`` and ``/sitemap.xml`` they follow
every link and every absolute URL in pages, feeds (comment and tag feeds
included, umlauts too) and sitemaps. Each URL must answer 200, or redirect
deliberately (listed below) to a URL of the site that answers 200; every
absolute URL must start with the site's own address.
"""

import re
import time
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from core.pagecache import CACHE_HEADER
from internal.models import InternalPostPage

from .crawl import Crawler

START = ["/", "/robots.txt", "/sitemap.xml"]
EMPLOYEE = "jonas.berger"


def never_fetch(path: str) -> str:
    """URLs a crawl must not GET, with the reason (the test reports them)."""
    # Logging out is a POST form everywhere; a GET link to it would still end
    # the crawl's own session (Wagtail's admin logout signs out on GET).
    if path.startswith(("/logout/", "/admin/logout/")):
        return "ends the crawl's session"
    return ""


def switches_language(path: str) -> bool:
    """``/language/<code>/?next=…`` stores a preference cookie and goes back: fetched
    without the crawl's cookies, so the crawl reads every page in German."""
    return path.startswith("/language/")


def back_to_next(path: str, target) -> bool:
    """The language switch goes back to the page the reader came from."""
    asked = parse_qs(urlsplit(path).query).get("next", ["/"])[0]
    return switches_language(path) and target.path == urlsplit(asked).path


def anonymous_redirects(path: str, target) -> bool:
    """Deliberate redirects for a reader who is not signed in."""
    # Internal pages: to the staff login, which brings the reader back after.
    to_login = target.path == "/login/" and parse_qs(target.query).get("next") == [unquote(path)]
    return to_login or back_to_next(path, target)


def employee_redirects(path: str, target) -> bool:
    """A signed-in employee is never sent elsewhere, except by the language switch."""
    return back_to_next(path, target)


def crawl_as(live_site, browser, allowed_redirect, start=START, known_good=()):
    crawler = Crawler(
        live_site.url,
        browser,
        allowed_redirect=allowed_redirect,
        never_fetch=never_fetch,
        cookieless=switches_language,
        known_good=known_good,
    )
    started = time.monotonic()
    crawl = crawler.run(start)
    crawl.seconds = time.monotonic() - started
    return crawl


def failure(crawl, live_site) -> str:
    return (
        f"{len(crawl.problems)} broken link(s) of {len(crawl.answers)} URLs:\n"
        f"{crawl.report()}\n{live_site.log_tail()}"
    )


def fetched(crawl, prefix: str, status: int = 200) -> list[str]:
    return [
        path
        for path, answer in crawl.answers.items()
        if path.startswith(prefix) and answer.status == status
    ]


@pytest.fixture(scope="module")
def anonymous(live_site):
    # The internal section too: its address is no secret, and a reader who
    # follows a colleague's link must land on the login.
    return crawl_as(live_site, live_site.browser(), anonymous_redirects, [*START, "/intern/"])


# Listings that look the same to every reader: an employee's crawl does not
# fetch again what the anonymous crawl found working there (time: the whole
# live folder must stay short). Posts, people, home and the internal section
# are fetched again, as they differ for a signed-in employee.
SAME_FOR_EVERYONE = ("/blog/tag/", "/blog/author/", "/blog/category/", "/blog/20")


def same_for_everyone(path: str, answer) -> bool:
    if answer.status != 200:
        return False
    is_html = "html" in (answer.headers.get("Content-Type") or "")
    return not is_html or "?" in path or path.startswith(SAME_FOR_EVERYONE)


@pytest.fixture(scope="module")
def employee(live_site, anonymous):
    checked = [path for path, seen in anonymous.answers.items() if same_for_everyone(path, seen)]
    browser = live_site.signed_in(EMPLOYEE)
    return crawl_as(live_site, browser, employee_redirects, [*START, "/intern/"], checked)


def test_every_link_an_anonymous_reader_finds_works(anonymous, live_site):
    print(
        f"anonymous: {len(anonymous.answers)} URLs, {anonymous.seconds:.0f} s; {anonymous.timing()}"
    )
    assert not anonymous.problems, failure(anonymous, live_site)
    # The crawl reached what it is meant to check (a crawl that stops at / passes too).
    for path in ("/robots.txt", "/sitemap.xml", "/blog/feed/", "/blog/feed/atom/"):
        assert anonymous.answers[path].status == 200, path
    assert fetched(anonymous, "/blog/tag/f%C3%BChrung/feed/"), "no tag feed with an umlaut"
    assert fetched(anonymous, "/comments/feed/"), "no comment feed"
    assert fetched(anonymous, "/media/images/"), "no image"
    assert anonymous.answers["/intern/"].status == 302


def without_tokens(page: str) -> str:
    """The page minus its reader's CSRF token (the cache splices in each reader's own)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def test_pages_with_umlauts_in_their_address_come_from_the_page_cache(anonymous, live_site):
    """Asked again, they are cache hits, answered by the WSGI fast path: still the same page."""
    reader = live_site.browser()
    umlaut_pages = [
        path
        for path, answer in anonymous.answers.items()
        if "%C3" in path and answer.headers.get(CACHE_HEADER) == "miss"
    ]
    assert len(umlaut_pages) >= 5, umlaut_pages
    for path in umlaut_pages:
        again = reader.get(path)
        assert (again.status, again.headers.get(CACHE_HEADER)) == (200, "hit"), path
        assert without_tokens(again.text) == without_tokens(anonymous.answers[path].text), path


def test_an_anonymous_reader_sees_no_internal_post(anonymous, django_db_blocker):
    with django_db_blocker.unblock():
        titles = list(InternalPostPage.objects.values_list("title", flat=True))
    assert len(titles) >= 3
    leaks = [
        f"{title!r} on {url}"
        for url, text in anonymous.texts()
        for title in titles
        if title in text
    ]
    assert not leaks, "internal posts shown to an anonymous reader:\n" + "\n".join(leaks)


def test_every_link_an_employee_finds_works(employee, live_site, django_db_blocker):
    print(f"employee: {len(employee.answers)} URLs, {employee.seconds:.0f} s; {employee.timing()}")
    assert not employee.problems, failure(employee, live_site)
    with django_db_blocker.unblock():
        internal_posts = [page.url for page in InternalPostPage.objects.live()]
    assert employee.answers["/intern/"].status == 200
    reached = [path for path in internal_posts if path in employee.answers]
    assert reached, f"the employee's crawl reached no internal post of {internal_posts}"
