"""`make run` on SQLite: two writers at once wait for each other instead of failing.

The server and the task worker are two processes writing the same file. With
SQLite's default deferred transactions, a transaction that read first and then
writes cannot wait for the other writer: SQLite answers "database is locked" at
once, and the employee saw a 500 on their first internal comment. The
settings' SQLite options (WAL, a busy timeout, immediate transactions) make
the second writer queue behind the first.
"""

import json
import threading
import time

from django.db import OperationalError, connections, transaction

import pytest

from settings.env import sqlite_options
from tests.helpers.dev_process import run_with_dev_settings


def _writer(alias, start, errors):
    connection = connections[alias]
    try:
        start.wait()
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            # Read, then write a moment later: the shape of a comment POST
            # (policy checks read, then the comment is inserted).
            cursor.execute("SELECT count(*) FROM note")
            time.sleep(0.3)
            cursor.execute("INSERT INTO note (text) VALUES (%s)", [f"Grüße von {alias}"])
    except OperationalError as error:
        errors.append(str(error))
    finally:
        connection.close()


@pytest.fixture
def sqlite_file(tmp_path, django_db_blocker):
    """Register two connections ("server", "worker") to one SQLite file; yield a configurer."""
    aliases = ("server", "worker")

    def configure(options):
        for alias in aliases:
            connections.settings[alias] = connections.configure_settings(
                {
                    "default": {},
                    alias: {
                        "ENGINE": "django.db.backends.sqlite3",
                        "NAME": str(tmp_path / "stimme.sqlite3"),
                        "OPTIONS": options,
                    },
                }
            )[alias]
        with connections["server"].cursor() as cursor:
            cursor.execute("CREATE TABLE IF NOT EXISTS note (text TEXT)")
        connections["server"].close()
        return aliases

    with django_db_blocker.unblock():
        yield configure
    for alias in aliases:
        connections.settings.pop(alias, None)
        if hasattr(connections._connections, alias):
            delattr(connections._connections, alias)


def _race(aliases) -> list[str]:
    errors: list[str] = []
    start = threading.Barrier(len(aliases))
    threads = [threading.Thread(target=_writer, args=(alias, start, errors)) for alias in aliases]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


def test_without_the_options_concurrent_writers_fail(sqlite_file):
    """The control: SQLite's defaults reproduce the 500 (else the next test proves nothing)."""
    assert any("locked" in error for error in _race(sqlite_file({})))


def test_with_the_settings_options_concurrent_writers_both_succeed(sqlite_file):
    aliases = sqlite_file(sqlite_options())
    assert _race(aliases) == []
    with connections["server"].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM note")
        assert cursor.fetchone()[0] == 2
    connections["server"].close()


def test_make_run_settings_give_the_sqlite_database_these_options(tmp_path):
    """``make run`` (settings.dev, SQLite by default) opens its database with the options.

    The race above is harmless only if the server and the worker really use them.
    """
    script = (
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default']))"
    )
    # From an empty directory: the SQLite file is where the settings say, not found by luck.
    database = json.loads(run_with_dev_settings(script, cwd=tmp_path))
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert sqlite_options().items() <= database["OPTIONS"].items()
