"""PostgreSQL goes away under a running site: a quick, friendly 503, nothing half-saved, healing.

The site runs under gunicorn in its own process and reaches the database
through a TCP proxy that the test stops and starts, so the outage is real:
connections break, new ones are refused or hang. On SQLite (no server to
lose) the database file is made unreachable instead, through a symlink.
The task worker lives through the same outage and carries on afterwards.
"""

import re
import time

from django.db import connection

import pytest

from comments.models import PendingComment, StimmeComment
from operations.mail import queue_mail, send_outbox
from tests.helpers.comments import form_data

from .processes import Site, database_url, manage, process_env, stop, wait_for
from .tcp_proxy import TcpProxy, free_port

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migrated_data")]

# What a reader may wait for an answer while the database is away: the
# connect timeout (settings.base, 3 s) plus rendering, with room for a slow machine.
PATIENCE_SECONDS = 6
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Outage:
    """Takes the test database away from the site process and brings it back."""

    def __init__(self, tmp_path):
        self.sqlite = connection.vendor == "sqlite"
        if self.sqlite:
            self.link = tmp_path / "db-link" / "site.sqlite3"
            self.link.parent.mkdir()
            self.link.symlink_to(connection.settings_dict["NAME"])
            self.url = database_url(sqlite_path=str(self.link))
        else:
            db = connection.settings_dict
            self.proxy = TcpProxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))
            self.proxy.start()
            self.url = database_url(port=self.proxy.port)

    def begin(self, hang: bool = False) -> None:
        if self.sqlite:
            self.link.unlink()
            self.link.symlink_to(self.link.parent / "gone" / "site.sqlite3")
        elif hang:
            self.proxy.blackhole()
        else:
            self.proxy.stop()

    def end(self) -> None:
        if self.sqlite:
            self.link.unlink()
            self.link.symlink_to(connection.settings_dict["NAME"])
        else:
            self.proxy.start()

    def close(self) -> None:
        if not self.sqlite:
            self.proxy.stop()


@pytest.fixture
def outage(tmp_path):
    handle = Outage(tmp_path)
    yield handle
    handle.close()


@pytest.fixture
def site(outage, tmp_path, public_post, second_post):
    # SQLite: a new connection per request, so an unreachable file shows at once
    # (PostgreSQL keeps its persistent connections and health checks, as deployed).
    extra = {"DB_CONN_MAX_AGE": 0} if outage.sqlite else {}
    server = Site(process_env(outage.url, **extra), tmp_path / "gunicorn.log", free_port())
    yield server
    server.stop()


def _comment_form(browser, post):
    page = browser.get(post.url)
    assert page.status == 200, page.text[:500]
    return form_data(post, csrfmiddlewaretoken=CSRF_FIELD.search(page.text).group(1))


def _assert_friendly_503(answer, log):
    assert answer.status == 503, f"{answer.status}: {answer.text[:300]}\n{log.read_text()[-2000:]}"
    assert answer.seconds < PATIENCE_SECONDS, f"took {answer.seconds:.1f} s"
    assert int(answer.headers["Retry-After"]) > 0
    assert "no-store" in answer.headers["Cache-Control"]
    assert "Traceback" not in answer.text and "OperationalError" not in answer.text
    assert "Gleich wieder da" in answer.text


def test_reader_gets_a_quick_503_and_the_site_heals_itself(outage, site, public_post, second_post):
    reader = site.browser()
    assert reader.get(public_post.url).status == 200  # now in the page cache
    comment = _comment_form(reader, public_post)

    outage.begin()
    # An anonymous reader's cached page keeps being served: good.
    assert reader.get(public_post.url).status == 200
    # A page not in the cache cannot be built: a calm 503, fast, no traceback.
    answer = reader.get(second_post.url)
    _assert_friendly_503(answer, site.log)
    assert "Nichts, was Sie gespeichert haben, ist verloren" in answer.text

    # A comment sent now is refused clearly, its text handed back, nothing stored.
    answer = reader.post("/comments/post/", comment)
    _assert_friendly_503(answer, site.log)
    assert "Ihr Kommentar wurde nicht gespeichert" in answer.text
    assert "Wie laut ist die Außeneinheit nachts?" in answer.text
    assert not PendingComment.objects.exists() and not StimmeComment.objects.exists()

    outage.end()
    # No restart: the next requests reconnect on their own.
    wait_for(lambda: reader.get(second_post.url).status == 200, 10, "the site to recover")
    answer = reader.post("/comments/post/", comment)
    assert answer.status == 302, answer.text[:500]
    assert PendingComment.objects.get().comment == "Wie laut ist die Außeneinheit nachts?"


def test_hanging_database_costs_a_reader_seconds_not_minutes(outage, site, second_post):
    if outage.sqlite:
        pytest.skip("a database server that accepts but never answers exists only for PostgreSQL")
    reader = site.browser()
    assert reader.get("/").status == 200
    outage.begin(hang=True)
    started = time.monotonic()
    answer = reader.get(second_post.url)
    _assert_friendly_503(answer, site.log)
    assert time.monotonic() - started < PATIENCE_SECONDS
    outage.end()
    wait_for(lambda: reader.get(second_post.url).status == 200, 10, "the site to recover")


def test_worker_waits_out_the_outage_and_carries_on(outage, smtp, settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    smtp.up()
    extra = {"DB_CONN_MAX_AGE": 0} if outage.sqlite else {}
    log = tmp_path / "worker.log"
    worker = manage(
        "run_worker",
        "--interval=0.2",
        "--no-startup-delay",
        env=process_env(outage.url, EMAIL_PORT=smtp.port, **extra),
        log=log,
    )
    try:
        wait_for(lambda: "Starting worker" in log.read_text(), 30, f"the worker ({log})")
        outage.begin()
        wait_for(lambda: "Database unavailable" in log.read_text(), 15, f"the outage ({log})")
        assert worker.poll() is None, log.read_text()  # still there, waiting
        outage.end()
        queue_mail(to="petra@example.org", subject="Bitte bestätigen", text="Ihr Link")
        send_outbox.enqueue()
        wait_for(lambda: smtp.mailbox.to("petra@example.org"), 45, f"the mail ({log})")
    finally:
        stop(worker)
