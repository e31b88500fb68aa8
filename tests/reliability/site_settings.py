"""Settings of the site and worker processes the fault tests start (never of pytest itself).

The processes get the test run's own settings module (``STIMME_PARENT_SETTINGS``)
plus what a real deployment has and the test settings leave out: the database
configured the way ``settings.base`` does it (``DATABASE_URL``, connect timeout,
persistent connections with health checks), the database task queue, real SMTP
and the page cache.
"""

import importlib
import os

_parent = importlib.import_module(os.environ.get("STIMME_PARENT_SETTINGS", "settings.test"))
globals().update({name: value for name, value in vars(_parent).items() if name.isupper()})

from settings.base import DATABASES  # noqa: E402, F401 - the deployed database configuration

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_TIMEOUT = 5
PAGE_CACHE_ENABLED = True
OUTBOX_SENDING_LEASE_SECONDS = int(os.environ.get("OUTBOX_SENDING_LEASE_SECONDS", "600"))
TASKS_RUNNING_LEASE_SECONDS = int(os.environ.get("TASKS_RUNNING_LEASE_SECONDS", "900"))
# The tests post within milliseconds, all from 127.0.0.1.
COMMENTS_MIN_SUBMIT_SECONDS = 0
COMMENTS_FLOOD_INTERVAL_SECONDS = 0
COMMENTS_DUPLICATE_MINUTES = 0
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
