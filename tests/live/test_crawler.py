"""The link checker itself: what it counts as a wrong address of the site (no server needed)."""

import pytest

from tests.reliability.processes import Browser

from .crawl import Crawl, Crawler, as_ascii

SITE = "http://127.0.0.1:54321"


def classify(url: str, found_on: str = "/blog/") -> tuple[str | None, Crawl]:
    crawler = Crawler(SITE, Browser(SITE), allowed_redirect=None, never_fetch=None)
    crawl = Crawl()
    return crawler.own_path(url, found_on, crawl), crawl


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/blog/feed/",  # Wagtail's Site left at localhost:80
        "http://example.com/comments/feed/",  # django.contrib.sites' default
        "http://127.0.0.1:8000/admin/pages/3/",  # Wagtail's mails' default port
        "https://127.0.0.1:54321/",  # right host and port, wrong scheme
        "http://testserver/blog/",  # the test client's host
        # A share link carrying a wrong address of the post.
        "https://www.linkedin.com/sharing/share-offsite/?url=http%3A%2F%2Flocalhost%2Fblog%2F",
    ],
)
def test_addresses_that_are_not_the_running_sites_are_reported(url):
    path, crawl = classify(url)
    assert path is None
    assert [problem.what for problem in crawl.problems] == ["wrong address"]


def test_the_sites_own_links_are_followed_as_a_browser_sends_them():
    assert classify(f"{SITE}/blog/tag/fernwärme/#x")[0] == "/blog/tag/fernw%C3%A4rme/"
    assert classify("../feed/?page=2", "/blog/tag/kiel/")[0] == "/blog/tag/feed/?page=2"
    assert classify("https://norden.social/@jonas_demo")[0] is None
    assert as_ascii("/suche/?q=Größe") == "/suche/?q=Gr%C3%B6%C3%9Fe"
