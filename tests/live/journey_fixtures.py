"""Browser journeys on the running site (``live_site``): tabs, logins, screenshots, images.

Test modules import what they use by name (``from .journey_fixtures import
tab``): the fixtures are the journeys' own and stay out of the folder's
conftest. Every tab records its requests and answers; after the test, a
request to anyone but the site, or an answer of 500 or more, fails it.
"""

import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from tests.helpers.browser import CHROMIUM_FLAGS, DESKTOP, PHONE, SCREENSHOTS, RequestLog  # noqa: F401

__all__ = ["DESKTOP", "PHONE", "tab", "log_in", "shoot", "photo", "image_shows", "mail_to"]


class Traffic(RequestLog):
    """The request log of tests/e2e, plus every server error a tab was answered with."""

    def __init__(self, own_origin: str):
        super().__init__(own_origin)
        self.server_errors: list[str] = []

    def answer(self, response):
        if response.status >= 500:
            self.server_errors.append(f"{response.status} {response.request.method} {response.url}")


@pytest.fixture
def tab(browser, live_site) -> Callable:
    """Open a browser tab on the live site, each in its own context (own cookies)."""
    traffic = Traffic(own_origin=live_site.url)
    contexts = []

    def open_tab(*, viewport=DESKTOP, locale="de-DE"):
        context = browser.new_context(locale=locale, viewport=viewport)
        contexts.append(context)
        # Context-wide, so requests of popups and fetches of scripts count too.
        context.on("request", traffic.record)
        context.on("response", traffic.answer)
        page = context.new_page()
        # Generous: the first answer of a fresh server renders and caches the
        # page, and the machine may be busy with other tests.
        page.set_default_timeout(30_000)
        return page

    yield open_tab
    for context in contexts:
        context.close()
    assert traffic.external() == [], "pages must not call third parties"
    assert traffic.server_errors == [], f"server errors:\n{live_site.log_tail()}"


def log_in(page, site, username: str, *, admin: bool = False) -> None:
    """Sign in through the site's (or the admin's) login form, as a person would."""
    page.goto(site.url + ("/admin/login/" if admin else "/login/"))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(site.password)
    with page.expect_navigation():
        page.locator("form:has(#id_password) button[type=submit]").first.click()
    assert "/login/" not in page.url, f"login as {username} failed"


def shoot(page, name: str, at=None) -> None:
    """The screen a person sees, at desktop and phone width, for a person to look at later.

    ``at`` (a locator) is scrolled into view first; without it the top of the page.
    """
    SCREENSHOTS.mkdir(exist_ok=True)
    size = page.viewport_size
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        if at is not None:
            at.scroll_into_view_if_needed()
        page.screenshot(path=SCREENSHOTS / f"live-{name}-{viewport['width']}.png")
    page.set_viewport_size(size)


def photo(folder: Path, name: str) -> Path:
    """A real small PNG, different on every call (Wagtail flags re-uploads of the same file)."""
    image = Image.new("RGB", (960, 540), (22, 78, 140))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = random.randint(0, 800), random.randint(0, 400)  # noqa: S311 - pixels, not secrets
        draw.rectangle([x, y, x + 140, y + 120], outline=(255, 190, 0), width=6)
    path = folder / name
    image.save(path)
    return path


def image_shows(image) -> bool:
    """The image has loaded and has pixels (a broken or blocked image has naturalWidth 0)."""
    image.scroll_into_view_if_needed()
    return image.evaluate(
        "img => img.complete ? img.naturalWidth > 0 :"
        " new Promise(done => { img.onload = () => done(img.naturalWidth > 0);"
        " img.onerror = () => done(false); })"
    )


def mail_to(address: str, subject: str = "") -> Callable:
    """A mailbox predicate: a mail to ``address`` whose subject contains ``subject``."""
    return lambda mail: address in mail.to and subject in mail.subject


def path_of(url: str, site) -> str:
    """A link the site built, checked to point at the running site itself."""
    assert url.startswith(site.url + "/"), f"{url} does not point at {site.url}"
    return re.sub(r"^https?://[^/]+", "", url)
