"""Local development: SQLite file in the project, a generated secret, mails to the console."""

import secrets

from .base import *  # noqa: F403
from .base import BASE_DIR, EMAIL_HOST
from .env import env_list, env_str

DEBUG = True
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])


def _dev_secret_key() -> str:
    """A random key kept in an untracked file, so sessions survive restarts."""
    path = BASE_DIR / ".dev-secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = env_str("SECRET_KEY") or _dev_secret_key()

# Mails are printed unless an SMTP server is configured; then dev behaves
# exactly like production so delivery can be tried against a real server.
if not EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# `make run` starts the server and the task worker as two processes: their cache
# must be one, or a change the worker makes (a comment it publishes, a scheduled
# post going live) never leaves the server's cached pages. Production uses
# Redis; here a folder under var/ (git-ignored) does.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env_str("CACHE_DIR") or str(BASE_DIR / "var" / "cache"),
        # The default 300 entries would cull page-cache entries (and its
        # generation key) at random.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}
