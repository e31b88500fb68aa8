"""A copy of the seeded test database, put back before each module that needs the demo.

Seeding the demo takes most of a browser or live module's start; it is the
same every time. So the demo is seeded once per process, the database
copied, and each module starts from that copy: its own fresh demo, whatever
the modules before it changed (``tests/live/stack.py``,
``tests/fixtures/browser.py``).

SQLite copies with its backup API (page by page, safe with WAL). PostgreSQL
keeps the copy as a database of its own and recreates the test database
from it as a template, which copies files instead of rows.
"""

import sqlite3
from contextlib import closing
from pathlib import Path

from django.db import connection, connections


class DatabaseSnapshot:
    """``take()`` once, ``restore()`` as often as needed, ``discard()`` at the end.

    Processes using the test database (a server, a worker) must have stopped
    before ``take()`` and ``restore()``; connections this process left open in
    other threads or greenlets are ended by them (PostgreSQL copies only a
    database nobody is connected to).
    """

    def __init__(self, folder: Path, label: str = "seeded"):
        """``label`` names the PostgreSQL copy: one per kind of snapshot a process keeps."""
        self.test_name = connection.settings_dict["NAME"]
        self.sqlite_copy = folder / f"{label}.sqlite3"
        self.template_name = f"{self.test_name}_{label}"

    def take(self) -> None:
        connections.close_all()
        if connection.vendor == "sqlite":
            _sqlite_copy(self.test_name, self.sqlite_copy)
        else:
            _postgres(f"DROP DATABASE IF EXISTS {self._quoted(self.template_name)}")
            # As FORCE does below: a connection an earlier test left open (another
            # greenlet's) must not keep PostgreSQL from copying the database.
            end_other_sessions()
            _postgres(self._create(self.template_name, self.test_name))

    def restore(self) -> None:
        connections.close_all()
        if connection.vendor == "sqlite":
            _sqlite_copy(self.sqlite_copy, self.test_name)
        else:
            # FORCE: a connection a test left open (another greenlet's, say)
            # must not keep the next module from starting fresh.
            _postgres(f"DROP DATABASE {self._quoted(self.test_name)} WITH (FORCE)")
            _postgres(self._create(self.test_name, self.template_name))

    def discard(self) -> None:
        if connection.vendor == "sqlite":
            self.sqlite_copy.unlink(missing_ok=True)
        else:
            _postgres(f"DROP DATABASE IF EXISTS {self._quoted(self.template_name)}")

    def _create(self, name: str, template: str) -> str:
        return f"CREATE DATABASE {self._quoted(name)} TEMPLATE {self._quoted(template)}"

    @staticmethod
    def _quoted(name: str) -> str:
        return connection.ops.quote_name(name)


def end_other_sessions() -> None:
    """Close every PostgreSQL session on the test database but this process's own.

    Django closes the connections of the thread that asks; one opened in
    another thread or greenlet (Wagtail's rendition threads, Playwright's
    greenlet) stays open until the process ends, and PostgreSQL neither copies
    nor drops a database someone is connected to.
    """
    if connection.vendor != "postgresql":
        return
    connections.close_all()
    _postgres(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE datname = %s AND pid <> pg_backend_pid()",
        [connection.settings_dict["NAME"]],
    )


def _postgres(statement: str, params: list | None = None) -> None:
    # CREATE/DROP DATABASE and ending sessions run outside the test database.
    with connection._nodb_cursor() as cursor:
        cursor.execute(statement, params)


def _sqlite_copy(source: str | Path, target: str | Path) -> None:
    with closing(sqlite3.connect(source)) as read, closing(sqlite3.connect(target)) as write:
        read.backup(write)
