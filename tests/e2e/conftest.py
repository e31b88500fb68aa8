"""Real-browser fixtures: Debian's Chromium driven by Playwright against a live server.

The site under test runs in its own live server on a free loopback port,
seeded with the demo company once per test module (seeding takes seconds;
doing it per test would make the browser suite crawl). Every request any
browser tab makes is recorded, and a test fails if one of them leaves this
machine: pages must call no one else.

Why not pytest-django's ``live_server``: requesting it makes every test
transactional, and the flush after each test would wipe the module's seed.
The server below uses the test database the same way (its threads get their
own connections and see the committed seed), and the module fixture flushes the
database when the module is done, so later tests start from nothing, as they
would after a transactional test.
"""

import os
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from django.core import mail
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
DEMO_PASSWORD = "demo-2026!"  # noqa: S105 - the documented demo login
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# Screenshots a person can look at after a run (git-ignored).
SCREENSHOTS = Path(__file__).parent / "screenshots"

# Playwright's sync API runs an event loop in this thread; the ORM calls our
# tests make between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


# One Chromium per test process: Playwright's sync API refuses a second
# instance while one runs, and tests/live imports this fixture into its own
# modules (a second fixture definition, so a second session-scoped call).
_RUNNING_BROWSER: list = []


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium; skipped when missing, but under ``CI=true`` the run fails."""
    missing = []
    if not os.path.exists(CHROMIUM):
        missing.append(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing.append("playwright (make install-dev)")
    if missing:
        reason = "Browser tests need " + " and ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    if _RUNNING_BROWSER:
        yield _RUNNING_BROWSER[0]
        return
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        _RUNNING_BROWSER.append(browser)
        yield browser
        _RUNNING_BROWSER.clear()
        browser.close()


class RequestLog:
    """Every URL the browser asked for, to prove nothing goes to anyone but the site itself."""

    def __init__(self, own_origin: str):
        self.own_origin = own_origin
        self.urls: list[str] = []

    def record(self, request):
        self.urls.append(request.url)

    def external(self) -> list[str]:
        """Requests to any other origin (another host *or* another port on this machine)."""
        return [
            url
            for url in self.urls
            if urlsplit(url).scheme in {"http", "https", "ws", "wss"}
            and f"http://{urlsplit(url).netloc}" != self.own_origin
        ]


@pytest.fixture
def requests_made(site_server):
    return RequestLog(own_origin=site_server.url)


@pytest.fixture
def new_tab(browser, requests_made) -> Callable:
    """Open more tabs, each in its own context (own cookies, viewport, JavaScript on or off).

    Every tab records its requests into ``requests_made``; after the test,
    any request to another origin fails it.
    """
    contexts = []

    def open_tab(*, viewport=DESKTOP, java_script_enabled=True, locale="de-DE"):
        context = browser.new_context(
            locale=locale, viewport=viewport, java_script_enabled=java_script_enabled
        )
        contexts.append(context)
        # Context-wide, so requests of popups and service workers count too.
        context.on("request", requests_made.record)
        tab = context.new_page()
        tab.set_default_timeout(10_000)
        return tab

    yield open_tab
    for context in contexts:
        context.close()
    assert requests_made.external() == [], "pages must not call third parties"


@pytest.fixture
def page(new_tab):
    """A fresh browser tab (own cookies) that fails the test on third-party requests."""
    return new_tab()


@pytest.fixture(scope="session")
def test_database(django_db_setup, django_db_blocker):
    """The test database, created even when no other test of this run asks for ``db``.

    pytest-django creates test databases only for the aliases its collected
    tests request through ``db``/``transactional_db``/``live_server`` or the
    ``django_db`` marker; a run of ``tests/e2e`` alone requests none of them.
    """
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        created = None
        if connection.settings_dict["NAME"] != connection.creation._get_test_db_name():
            created = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    yield
    if created is not None:
        with django_db_blocker.unblock():
            teardown_databases(created, verbosity=0)


@pytest.fixture(scope="session")
def site_server(test_database, django_db_blocker):
    """A live server on a free loopback port, sharing the test database."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def seeded_module(site_server, django_db_blocker):
    """The demo company, seeded once for all tests of a module; flushed afterwards.

    Tests in one module share the data, so a test that changes something
    (posts a comment, publishes a post) must not rely on another test's
    change, and asserts on things it created itself.
    """
    from django.test import override_settings

    from core.site_address import sync_sites

    # The site links to the live server's address, as `make run` links to its own.
    with django_db_blocker.unblock(), override_settings(WAGTAILADMIN_BASE_URL=site_server.url):
        call_command("flush", interactive=False, verbosity=0)
        call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        from django.contrib.auth import get_user_model

        sync_sites()
        # Outside DEBUG the demo accounts get random passwords; the journeys log
        # in with the documented one, as a person trying the demo would.
        for user in get_user_model().objects.all():
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        cache.clear()
        yield site_server.url
        call_command("flush", interactive=False, verbosity=0)
        cache.clear()


@pytest.fixture
def seeded(seeded_module, django_db_blocker, settings):
    """The seeded site's base URL; the test (and the server thread) may use the database."""
    # A browser types a comment in milliseconds, and every journey's "person"
    # comes from the same loopback address: the anti-bot timing and per-address
    # flood rules would refuse them. tests/comments covers those rules.
    settings.COMMENTS_MIN_SUBMIT_SECONDS = 0
    settings.COMMENTS_FLOOD_INTERVAL_SECONDS = 0
    settings.COMMENTS_FLOOD_PER_HOUR = 0
    with django_db_blocker.unblock():
        # Rate limits and cached fragments from an earlier test must not leak in.
        cache.clear()
        mail.outbox = []
        yield seeded_module


def log_in(page, base_url: str, username: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the staff login form, as a person would."""
    page.goto(base_url + "/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "/login/" not in page.url, f"login as {username} failed"


def confirmation_path(email: str) -> str:
    """The confirmation link in the newest mail to ``email``, as a path on the live server.

    Mail goes through ``operations.mail``'s durable outbox (sent at once in tests:
    immediate tasks, locmem backend); the link uses the configured BASE_URL,
    while the live server has its own port, so only the path is kept.
    """
    from operations.models import OutboxMessage

    message = OutboxMessage.objects.filter(to=email).latest("pk")
    url = re.search(r"\S*/comments/confirm/\S+/", message.body_text).group(0)
    return urlsplit(url).path
