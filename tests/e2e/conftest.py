"""Real-browser fixtures: Debian's Chromium driven by Playwright against a live server.

The site under test runs in pytest-django's live server on a free loopback
port. Every request the browser makes is recorded, and a test fails if any
of them leaves this machine: pages must call no one else.
"""

import os
import shutil
from urllib.parse import urlsplit

from django.core.cache import cache
from django.core.management import call_command

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}

# Playwright's sync API runs an event loop in this thread; the ORM calls our
# tests make between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


class RequestLog:
    """Every URL the page asked for, to prove nothing goes to a third party."""

    def __init__(self):
        self.urls: list[str] = []

    def record(self, request):
        self.urls.append(request.url)

    def external(self) -> list[str]:
        return [
            url
            for url in self.urls
            if urlsplit(url).scheme in {"http", "https", "ws", "wss"}
            and urlsplit(url).hostname not in LOOPBACK_HOSTS
        ]


@pytest.fixture
def requests_made():
    return RequestLog()


@pytest.fixture
def page(browser, requests_made):
    """A fresh browser tab (own cookies) that fails the test on third-party requests."""
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.on("request", requests_made.record)
    tab.set_default_timeout(10_000)
    yield tab
    context.close()
    assert requests_made.external() == [], "pages must not call third parties"


@pytest.fixture
def seeded(transactional_db, live_server):
    """The demo company in the live server's database."""
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    from wagtail.models import Site

    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    # The database was flushed and re-seeded, but the cache was not: Wagtail's
    # site root paths and our cached URLs would still point at the old pages.
    cache.clear()
    return live_server.url
