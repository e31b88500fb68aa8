"""The running site as ``make run`` runs it, for tests that walk it like a person.

``manage.py runserver --noreload`` serves ``settings.wsgi.application`` (the
page cache's WSGI fast path included) on a free loopback port, and
``manage.py run_worker`` sends the mail through a real SMTP server on
loopback (aiosmtpd), both with ``tests.live.site_settings`` (``make run``'s
settings) against pytest's test database, seeded with the demo company.
``BASE_URL`` is the server's own address, so every absolute link the site
builds must point back at it.

The test process keeps its own settings (``settings.test``): anything it
writes to the database the processes see, but its cache and mail are its
own; ``LiveSite.clear_cache()`` drops the processes' shared cache after a
test changed content behind their back.
"""

import contextlib
import email
import email.policy
import html
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, connections
from django.test import override_settings

from aiosmtpd.controller import Controller

from core.site_address import sync_sites
from settings.env import sqlite_options
from tests.helpers.snapshot import DatabaseSnapshot
from tests.reliability.processes import (
    PROJECT,
    Browser,
    database_url,
    process_env,
    start,
    stop,
    wait_for,
)
from tests.reliability.tcp_proxy import free_port

DEMO_PASSWORD = "demo-2026!"  # noqa: S105 - the documented demo login
SECRET_KEY = "live-stack-secret-key-for-tests-only-0123456789-abcdefghij"  # noqa: S105
_URL = re.compile(r"https?://[^\s<>\"'`]+")
# Sentence punctuation after a URL in running text is not part of it.
_TRAILING = ".,;:!?)]}>»“”'\""


def urls_in(text: str) -> list[str]:
    """Every http(s) URL in ``text`` (HTML entities decoded), in order, without repeats."""
    found = []
    for match in _URL.finditer(html.unescape(text)):
        url = match.group(0).rstrip(_TRAILING)
        if url not in found:
            found.append(url)
    return found


@dataclass
class Mail:
    """One message the SMTP server accepted, decoded as a reader's mail client would."""

    to: list[str]
    subject: str
    text: str
    links: list[str]
    message: email.message.EmailMessage = field(repr=False)

    @classmethod
    def parse(cls, recipients: list[str], raw: bytes) -> "Mail":
        message = email.message_from_bytes(raw, policy=email.policy.default)
        bodies = [
            part.get_content()
            for part in message.walk()
            if part.get_content_maintype() == "text" and not part.is_attachment()
        ]
        text = "\n".join(bodies)
        # One-click unsubscribe and the like are links of the mail too.
        headers = "\n".join(str(value) for name, value in message.items() if name != "Subject")
        links = urls_in(text + "\n" + headers)
        return cls(list(recipients), str(message["Subject"] or ""), text, links, message)

    def link(self, containing: str) -> str:
        """The first link whose URL contains ``containing``."""
        for url in self.links:
            if containing in url:
                return url
        raise AssertionError(f"no link with {containing!r} in mail {self.subject!r}: {self.links}")


class Mailbox:
    """An aiosmtpd handler that keeps every message; tests wait for the ones they expect."""

    def __init__(self):
        self.mails: list[Mail] = []
        self.changed = threading.Condition()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
        mail = Mail.parse(envelope.rcpt_tos, envelope.original_content or envelope.content)
        with self.changed:
            self.mails.append(mail)
            self.changed.notify_all()
        return "250 Message accepted for delivery"

    def mark(self) -> int:
        """A bookmark: ``since(mark)`` returns only mail that arrived after it."""
        with self.changed:
            return len(self.mails)

    def since(self, mark: int = 0) -> list[Mail]:
        with self.changed:
            return list(self.mails[mark:])

    def wait_for(self, predicate, timeout: float = 20, since: int = 0, what: str = "") -> Mail:
        """The first mail (after ``since``) for which ``predicate(mail)`` is true."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                for mail in self.mails[since:]:
                    if predicate(mail):
                        return mail
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(mail.to, mail.subject) for mail in self.mails[since:]]
                    raise AssertionError(
                        f"no mail {what or predicate} within {timeout} s; arrived: {seen}"
                    )
                self.changed.wait(left)


class LiveSite:
    """What a test gets: the address, the mailbox, the demo password, the processes' log."""

    password = DEMO_PASSWORD

    def __init__(self, url: str, mailbox: Mailbox, log: Path, env: dict, cache_dir: Path):
        self.url = url
        self.mailbox = mailbox
        self.log = log
        self.env = env
        self.cache_dir = cache_dir

    def wait_for_mail(self, predicate, timeout: float = 20, since: int = 0, what: str = "") -> Mail:
        """Wait for a mail the worker sends; the failure message quotes the processes' log."""
        try:
            return self.mailbox.wait_for(predicate, timeout, since, what)
        except AssertionError as error:
            raise AssertionError(f"{error}\n{self.log_tail()}") from None

    def mail_mark(self) -> int:
        return self.mailbox.mark()

    def mails_since(self, mark: int) -> list[Mail]:
        return self.mailbox.since(mark)

    def browser(self) -> Browser:
        """A cookie-keeping HTTP client (no redirects followed) on this site."""
        return Browser(self.url)

    def signed_in(self, username: str) -> Browser:
        """A ``Browser`` signed in through ``/login/`` with the demo password, like a person."""
        browser = self.browser()
        form = browser.get("/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
        assert form.status == 200 and token, f"no login form at /login/: {form.status}"
        answer = browser.post(
            "/login/",
            {
                "csrfmiddlewaretoken": token.group(1),
                "username": username,
                "password": self.password,
            },
        )
        assert answer.status == 302, (
            f"login as {username} failed ({answer.status})\n{self.log_tail()}"
        )
        return browser

    def manage(self, *args: str, timeout: float = 120) -> str:
        """Run a management command (a cron job, say) with the processes' settings; its output."""
        return _manage(self.env, *args, timeout=timeout)

    def clear_cache(self) -> None:
        """Drop the shared cache (pages, rate limits): after the test process changed content."""
        shutil.rmtree(self.cache_dir, ignore_errors=True)
        self.cache_dir.mkdir(exist_ok=True)

    def log_tail(self, chars: int = 4000) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return f"--- server and worker log ({self.log}), last {chars} characters:\n{text[-chars:]}"


def _healthy(url: str, process: subprocess.Popen, log: Path) -> bool:
    if process.poll() is not None:
        raise AssertionError(f"runserver exited:\n{log.read_text(errors='replace')[-3000:]}")
    try:
        return Browser(url).get("/healthz/", timeout=2).status == 200
    except OSError:
        return False


def _worker_started(process: subprocess.Popen, log: Path) -> bool:
    """The worker has logged its start (django-tasks-db's "Starting worker", verbosity 1)."""
    if process.poll() is not None:
        raise AssertionError(f"run_worker exited:\n{log.read_text(errors='replace')[-3000:]}")
    return "Starting worker" in log.read_text(errors="replace")


def _set_demo_passwords() -> None:
    """The documented password for every account, whatever the seed chose."""
    for user in get_user_model().objects.all():
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])


def _manage(env: dict, *args: str, timeout: float = 120) -> str:
    done = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def _site_env(folder: Path, url: str, **extra) -> dict:
    """``make run``'s environment for a process of the stack, on the test database."""
    return process_env(
        database_url(),
        DJANGO_SETTINGS_MODULE="tests.live.site_settings",
        BASE_URL=url,
        MEDIA_ROOT=folder / "media",
        STIMME_LIVE_CACHE_DIR=folder / "cache",
        SECRET_KEY=SECRET_KEY,
        **extra,
    )


@contextlib.contextmanager
def _writing_beside_the_site():
    """The test process writes the SQLite file the way the site's processes do.

    A test that adds content while the worker marks mail sent would otherwise
    get "database is locked" from a deferred transaction (``sqlite_options``
    says why); PostgreSQL needs nothing.
    """
    options = connection.settings_dict["OPTIONS"]
    if connection.vendor == "sqlite":
        connection.settings_dict["OPTIONS"] = {**options, **sqlite_options()}
        connections.close_all()
    try:
        yield
    finally:
        connection.settings_dict["OPTIONS"] = options
        connections.close_all()


@dataclass
class SeededDemo:
    """The demo company as seeded once per run: the database's copy and the images."""

    snapshot: DatabaseSnapshot
    media: Path


@contextlib.contextmanager
def seeded_demo_copy(folder: Path, django_db_blocker):
    """Seed the demo once into the test database and keep a copy; flush it afterwards."""
    (folder / "cache").mkdir()
    with django_db_blocker.unblock():
        snapshot = DatabaseSnapshot(folder)
        started = time.monotonic()
        try:
            call_command("flush", interactive=False, verbosity=0)
            # In a process with the site's settings: the demo's images must land
            # in a MEDIA_ROOT a server can read (each module's gets a copy).
            _manage(_site_env(folder, "http://127.0.0.1"), "seed_demo", timeout=300)
            _set_demo_passwords()
            snapshot.take()
            (folder / "seeded.log").write_text(
                f"live stack: demo seeded once in {time.monotonic() - started:.1f} s\n"
            )
            yield SeededDemo(snapshot, folder / "media")
        finally:
            snapshot.discard()
            call_command("flush", interactive=False, verbosity=0)
            connections.close_all()


@contextlib.contextmanager
def running_site(folder: Path, demo: SeededDemo, django_db_blocker):
    """A fresh copy of the seeded demo; SMTP, server and worker on it; a ``LiveSite``."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = folder / "site.log"
    mailbox = Mailbox()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    processes: list[subprocess.Popen] = []
    with django_db_blocker.unblock(), _writing_beside_the_site():
        env = _site_env(folder, url, EMAIL_HOST="127.0.0.1", EMAIL_PORT=smtp.port)
        site = LiveSite(url, mailbox, log, env, folder / "cache")
        started = time.monotonic()

        def note(step: str) -> None:
            # Where the fixture's time goes, for keeping the live tests short.
            with log.open("a") as out:
                out.write(f"live stack: {step} after {time.monotonic() - started:.1f} s\n")

        try:
            demo.snapshot.restore()
            shutil.copytree(demo.media, folder / "media")
            site.clear_cache()
            # The seed linked the site rows to no server; this module's is here.
            with override_settings(WAGTAILADMIN_BASE_URL=url):
                sync_sites()
            connections.close_all()
            note("restored")
            # Only now: runserver reads the migrations table as it starts.
            processes.append(
                start(
                    ["manage.py", "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}"],
                    env,
                    log,
                )
            )
            # make run's worker, without the reloader DEBUG turns on: a file saved
            # meanwhile would restart it mid-test, and a reloader's child outlives stop().
            # Verbosity 1 (make run's is 0): it says when it starts taking tasks and
            # logs each task, so a test waiting for mail knows the worker is there.
            worker = ["run_worker", "--interval", "1", "--verbosity", "1", "--no-reload"]
            processes.append(start(["manage.py", *worker], env, log))
            # Generous: the machine may be busy with browsers and other servers.
            wait_for(
                lambda: _healthy(url, processes[0], log),
                120,
                f"runserver on {url} (log: {log})",
                0.2,
            )
            note("serving")
            # On a busy machine the worker may start well after the server: a
            # test's first mail must not wait for Django to load in the worker.
            wait_for(
                lambda: _worker_started(processes[1], log),
                120,
                f"the task worker taking tasks (log: {log})",
                0.2,
            )
            note("worker taking tasks")
            yield site
        finally:
            for process in processes:
                stop(process)
            smtp.stop()
            # Browser tests switch greenlets, and Django keeps a connection per
            # context: one left open keeps PostgreSQL from copying the database.
            connections.close_all()
