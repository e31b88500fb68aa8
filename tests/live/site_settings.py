"""Settings of the live stack's server, worker and seeding: ``make run``'s, and what tests need.

``make run`` uses ``settings.dev``; the rest comes from the environment the
stack sets, the same variables a person would set (``DATABASE_URL`` to the
test database, ``BASE_URL``, ``EMAIL_HOST``/``EMAIL_PORT`` to the loopback
SMTP server, ``MEDIA_ROOT`` in a temporary folder). Only these differ:
"""

import os

from settings.dev import *  # noqa: F403

# The server and the worker are two processes: the page cache they invalidate
# must be one (dev's local-memory cache is per process, so a comment the
# worker publishes would never leave the server's cached page).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ["STIMME_LIVE_CACHE_DIR"],
        # A crawl stores a thousand entries; the default 300 would cull a third
        # of them at random (the page cache's generation key too).
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}

# A browser types in milliseconds and every "person" of a test comes from
# 127.0.0.1: the anti-bot timing and per-address flood rules would refuse
# them (tests/comments covers those rules).
COMMENTS_MIN_SUBMIT_SECONDS = 0
COMMENTS_FLOOD_INTERVAL_SECONDS = 0
COMMENTS_FLOOD_PER_HOUR = 0
COMMENTS_DUPLICATE_MINUTES = 0

# The test process (settings.test) hashes passwords with MD5 for speed; the
# server must accept those hashes, and logging in many times stays fast.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    # Every request with its status, so a failing test's log shows what was asked.
    "loggers": {"django.server": {"level": "INFO"}},
}
