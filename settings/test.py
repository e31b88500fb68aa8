"""Fast, deterministic settings for the test suite.

SQLite in memory unless DATABASE_URL points elsewhere (CI uses PostgreSQL).
"""

import os
import tempfile

import dj_database_url

from .base import *  # noqa: F403
from .env import env_str, search_backends

DEBUG = False
SECRET_KEY = "test-only-secret-key-that-is-long-enough-for-django-checks"  # noqa: S105 - tests only  # nosec B105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

_database_url = env_str("DATABASE_URL")
DATABASES = {
    "default": dj_database_url.parse(_database_url)
    if _database_url
    else {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": ":memory:",
        # A file, not memory: the browser tests' live server answers requests
        # in several threads, and threads sharing one in-memory connection
        # corrupt each other's statements. One file per test process, so
        # parallel runs on one machine never meet; WAL lets readers and the
        # writer work side by side.
        "TEST": {"NAME": os.path.join(tempfile.gettempdir(), f"stimme-test-{os.getpid()}.sqlite3")},
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"},
    }
}

WAGTAILSEARCH_BACKENDS = search_backends(DATABASES)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PAGE_CACHE_ENABLED = False  # tests/performance turn it on with override_settings
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Rate limits count in the process-wide locmem cache, which most test folders
# never clear: generous numbers, so tests do not throttle each other. The
# login lockout stays real (its counts live in the rolled-back database);
# tests of a limit set a tight one with the settings fixture.
RATE_LIMITS = {
    **RATE_LIMITS,  # noqa: F405
    "password_reset": (1000, 60 * 60),
    "password_reset_address": (1000, 60 * 60),
    "like": (1000, 60 * 60),
    "report": (1000, 60 * 60),
}
