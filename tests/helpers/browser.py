"""What browser tests share besides fixtures: Chromium's settings, viewports, the request
log that proves pages call no one else, logging in, and the confirmation link of a mail."""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from operations.models import OutboxMessage

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
SCREENSHOTS = Path(__file__).resolve().parents[1] / "e2e" / "screenshots"


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
    message = OutboxMessage.objects.filter(to=email).latest("pk")
    url = re.search(r"\S*/comments/confirm/\S+/", message.body_text).group(0)
    return urlsplit(url).path


def post_staff_comment(tab, text: str):
    """Write ``text`` in the comment form of the open post as the signed-in employee;
    the locator of the comment as it then shows."""
    form = tab.locator("#comment-form form")
    form.get_by_role("textbox", name=re.compile("Kommentar")).fill(text)
    with tab.expect_navigation():
        form.get_by_role("button", name="Kommentar senden").click()
    return tab.locator(".comment", has_text=text)


def fill_reader_form(form, name: str, email: str, text: str) -> None:
    """Fill a public reader's comment form (name, address, text, consent)."""
    form.get_by_role("textbox", name=re.compile("^Name")).fill(name)
    form.get_by_role("textbox", name=re.compile("^E-Mail")).fill(email)
    form.get_by_role("textbox", name=re.compile("^Ihr Kommentar")).fill(text)
    form.get_by_role("checkbox", name=re.compile("einverstanden")).check()
