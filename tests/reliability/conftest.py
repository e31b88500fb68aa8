"""Fault-test fixtures: a public post to read and comment on, SMTP servers that fail on cue.

Posts are built with the comment tests' helpers, so a fault test sees the
same site a reader would.
"""

import asyncio
import json
import threading

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

import pytest
from aiosmtpd.controller import Controller

from people.models import Person

# Shared with tests/comments: the blog, a clean cache per test, flood rules
# off (tests post within milliseconds from one address; tests/comments covers
# the rules).
from tests.comments.conftest import (  # noqa: F401 - fixtures used by name
    blog_index,
    department,
    fresh_cache,
    internal_index,
    make_blog_post,
    relaxed_flood_rules,
)

from .tcp_proxy import free_port


@pytest.fixture(scope="session", autouse=True)
def migrated_state(django_db_setup, django_db_blocker) -> str:
    """The test database as the migrations left it (groups, root page, site), serialised.

    Taken when the first test of this folder starts, before any transactional
    test has flushed the database.
    """
    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture
def migrated_data(transactional_db, migrated_state):
    """For transactional tests: start from the migrated database, whatever ran before.

    pytest-django's ``serialized_rollback`` reloads into a database that must
    be empty; a transactional test without it that ran earlier leaves one
    re-populated by ``post_migrate``, and the reload then fails on duplicates.
    """
    call_command(
        "flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0
    )
    # Content types first and the cache cleared: building some rows (Wagtail's
    # tasks) looks up their content type, and a stale or missing one would be
    # created anew, clashing with the row about to be loaded.
    ContentType.objects.clear_cache()
    rows = json.loads(migrated_state)
    is_content_type = [row["model"] == "contenttypes.contenttype" for row in rows]
    for wanted in (True, False):
        chosen = [row for row, flag in zip(rows, is_content_type, strict=True) if flag is wanted]
        connection.creation.deserialize_db_from_string(json.dumps(chosen))
    ContentType.objects.clear_cache()


@pytest.fixture
def author(department):  # noqa: F811 - a fixture argument, not a redefinition
    """The posts' author, without an account: the comment tests' author gets
    notification mail, which would join the reader's mail these tests count."""
    return Person.objects.create(
        name="Karla Autorin",
        slug="karla-autorin",
        job_title="Geschäftsführerin",
        department=department,
        visibility=Person.Visibility.PUBLIC,
        live=True,
    )


@pytest.fixture
def public_post(blog_index, author):  # noqa: F811
    return make_blog_post(blog_index, author, slug="waermepumpen-im-altbau")


@pytest.fixture
def second_post(blog_index, author):  # noqa: F811
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
