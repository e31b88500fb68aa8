"""Small, typed readers for configuration from the environment.

Every value a deployer sets comes through these helpers, so a typo such as
``EMAIL_USE_TLS=ture`` fails loudly at start-up instead of silently meaning
"off".
"""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    """Return the variable as a string, or ``default`` when it is unset."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    """Return the variable as a boolean; unknown spellings are an error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    """Return the variable as an integer; non-numbers are an error."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """Return a comma-separated variable as a list without blanks."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def search_backends(databases: dict) -> dict:
    """Wagtail search on the database, with German stemming on PostgreSQL.

    German is the company's language, so its configuration stems the index;
    English posts still match on their unstemmed words. SQLite has no
    stemming and uses Wagtail's fallback.
    """
    backend: dict = {"BACKEND": "wagtail.search.backends.database"}
    if "postgresql" in databases["default"]["ENGINE"]:
        backend["SEARCH_CONFIG"] = "german"
    return {"default": backend}


def sqlite_options() -> dict:
    """SQLite for ``make run``: the server and the task worker write one file at once.

    SQLite's default (deferred) transactions fail at once with "database is
    locked" when a transaction that has read tries to write while another
    process writes: that was a 500 on an employee's first comment.
    ``IMMEDIATE`` takes the write lock at ``BEGIN``, so the second writer waits
    for up to ``timeout`` seconds instead; WAL lets readers go on meanwhile.
    """
    return {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
