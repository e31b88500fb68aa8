"""Password reset tells nobody which addresses exist, and cannot be used to mail-bomb (item 13).

The timing fix is checked by construction, not with a stopwatch: the
request does the same work for a known and an unknown address (the same
queries, none of them on the user table) and hands the same task the same
kind of arguments; only that task, run by a worker, looks the address up
and writes the mail.
"""

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.tasks.signals import task_enqueued
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

pytestmark = pytest.mark.django_db

RESET_FORMS = ["/login/passwort/", "/admin/password_reset/"]
UNKNOWN = "niemand.gross@nordlicht.example"


@pytest.fixture(autouse=True)
def fresh_counts():
    """Rate-limit counts live in the process-wide cache: none from other tests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tight_limits(settings):
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "password_reset": (3, 3600),
        "password_reset_address": (5, 3600),
    }


class Request:
    """One reset request as a worker would see it: the response, the request's
    queries, and the tasks enqueued once its transaction commits."""

    def __init__(self, client, url, email, capture_on_commit):
        with (
            CaptureQueriesContext(connection) as queries,
            capture_on_commit(execute=False) as callbacks,
        ):
            self.response = client.post(url, {"email": email})
        self.sql = [query["sql"] for query in queries]
        self.tasks = []

        def keep(sender, task_result, **kwargs):
            self.tasks.append(task_result)

        # Only what the request's own callbacks enqueue; the task's mail is sent
        # by a task of its own once the block ends.
        with capture_on_commit(execute=True):
            task_enqueued.connect(keep)
            try:
                for callback in callbacks:
                    callback()
            finally:
                task_enqueued.disconnect(keep)


@pytest.mark.parametrize("url", RESET_FORMS)
def test_known_and_unknown_addresses_cost_the_request_the_same_work(
    site_root, employee, url, django_capture_on_commit_callbacks
):
    user_table = get_user_model()._meta.db_table
    known = Request(Client(), url, employee.email, django_capture_on_commit_callbacks)
    unknown = Request(Client(), url, UNKNOWN, django_capture_on_commit_callbacks)

    assert known.response.status_code == unknown.response.status_code == 302
    assert known.response["Location"] == unknown.response["Location"]
    # The request never asks the user table, and runs as many queries either way.
    for request in (known, unknown):
        assert not [sql for sql in request.sql if user_table in sql], request.sql
    assert len(known.sql) == len(unknown.sql)
    # Both hand the same task the same arguments but the address.
    assert len(known.tasks) == len(unknown.tasks) == 1
    known_task, unknown_task = known.tasks[0], unknown.tasks[0]
    assert known_task.task.module_path == unknown_task.task.module_path
    assert known_task.args == unknown_task.args
    assert known_task.kwargs.keys() == unknown_task.kwargs.keys()
    differing = {
        key for key in known_task.kwargs if known_task.kwargs[key] != unknown_task.kwargs[key]
    }
    assert differing == {"email"}
    # Only the worker's task tells them apart: one mail, to the known address.
    assert [message.to for message in mail.outbox] == [[employee.email]]


@pytest.mark.parametrize("url", RESET_FORMS)
def test_resets_are_limited_per_address(site_root, employee, url, tight_limits, on_commit_all):
    client = Client()
    statuses = []
    for _ in range(5):
        with on_commit_all():
            statuses.append(client.post(url, {"email": employee.email}).status_code)
    assert len(mail.outbox) == 3
    if url == "/login/passwort/":
        assert statuses == [302, 302, 302, 429, 429]
    # Asking for an unknown address is limited just the same (the answer tells nothing).
    for _ in range(4):
        with on_commit_all():
            last = Client(REMOTE_ADDR="198.51.100.40").post(url, {"email": UNKNOWN})
    assert last.status_code == (429 if url == "/login/passwort/" else 302)


def test_resets_are_limited_per_client_address(site_root, employee, tight_limits, on_commit_all):
    client = Client(REMOTE_ADDR="203.0.113.99")
    for number in range(5):
        with on_commit_all():
            response = client.post("/login/passwort/", {"email": f"jemand.{number}@example.org"})
        assert response.status_code == 302
    with on_commit_all():
        response = client.post("/login/passwort/", {"email": employee.email})
    assert response.status_code == 429
    assert "Zu viele" in response.content.decode() or "Too many" in response.content.decode()
    assert mail.outbox == []
    # Another client still gets its link.
    with on_commit_all():
        Client(REMOTE_ADDR="198.51.100.41").post("/login/passwort/", {"email": employee.email})
    assert [message.to for message in mail.outbox] == [[employee.email]]


@pytest.fixture
def on_commit_all(django_capture_on_commit_callbacks):
    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture
