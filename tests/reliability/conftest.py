"""Fault-test fixtures: a public post to read and comment on, SMTP servers that fail on cue.

The site (blog, internal section, author) is the shared one of
``tests/fixtures/posts.py``, so a fault test sees the same site a reader would.
"""

import asyncio
import threading

import pytest
from aiosmtpd.controller import Controller

from tests.helpers.posts import make_blog_post

from .tcp_proxy import free_port


@pytest.fixture(autouse=True)
def _flood_rules_off(relaxed_flood_rules):
    """Tests post within milliseconds from one address; tests/comments covers the rules."""


@pytest.fixture
def public_post(blog_index, author):
    """By ``author``, who has no account: the shared ``public_post``'s author gets
    notification mail, which would join the reader's mail these tests count."""
    return make_blog_post(blog_index, author, slug="waermepumpen-im-altbau")


@pytest.fixture
def second_post(blog_index, author):
    return make_blog_post(
        blog_index, author, title="Servicezeiten im Winter", slug="servicezeiten-im-winter"
    )


class Mailbox:
    """An aiosmtpd handler: accepts mail, or holds the next one until released (or refuses)."""

    def __init__(self):
        self.accepted: list[dict] = []
        self.held: list[dict] = []
        self.holding = False
        self.arrived = threading.Event()
        self.release = threading.Event()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
        message = {
            "to": list(envelope.rcpt_tos),
            "data": envelope.content.decode("utf-8", "replace"),
        }
        if self.holding:
            # The sender waits for our answer; a test kills it meanwhile.
            self.held.append(message)
            self.arrived.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 Requested action aborted: sender went away"
        with self.lock:
            self.accepted.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[dict]:
        with self.lock:
            return [message for message in self.accepted if address in message["to"]]


class SmtpServer:
    """A real SMTP server on a fixed loopback port that can go down and come back."""

    def __init__(self):
        self.port = free_port()
        self.mailbox = Mailbox()
        self.controller = None

    def up(self) -> None:
        if self.controller is None:
            self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
            self.controller.start()

    def down(self) -> None:
        if self.controller is not None:
            self.mailbox.release.set()
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp(settings):
    """Django's SMTP backend pointed at a server that starts *down*; ``smtp.up()`` starts it."""
    server = SmtpServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.down()
