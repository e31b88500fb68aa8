"""Production settings for the benchmark's one-off steps (seeding, query counts).

Tasks run at once here, so the seeded posts reach the search index without a
worker; gunicorn itself runs plain ``settings.production``.
"""

import os

from settings.production import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
ALLOWED_HOSTS = ["127.0.0.1", "testserver"]

if os.environ.get("BENCH_LOCAL_CACHE"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
