"""Production: everything from the environment, HTTPS only, Redis cache.

Required: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL. See README for the rest.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, INSTALLED_APPS, SECRET_KEY
from .env import env_bool, env_int, env_str

DEBUG = False

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production")
if DATABASES["default"]["ENGINE"].endswith("sqlite3") and not env_bool("ALLOW_SQLITE", False):
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL in production")

REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
# Fails open (operations.resilient_cache): with Redis away the site serves cache
# misses; short timeouts keep a dead Redis from slowing every request.
REDIS_TIMEOUT_SECONDS = env_int("REDIS_TIMEOUT_MS", 300) / 1000
CACHES = {
    "default": {
        "BACKEND": "operations.resilient_cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "stimme",
        "TIMEOUT": 300,
        "OPTIONS": {
            "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
            "socket_timeout": REDIS_TIMEOUT_SECONDS,
        },
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Anonymous readers' page cache (core.pagecache) lives in Redis too, so every
# app server sees the same pages and the same invalidations.
PAGE_CACHE_ALIAS = "default"
# Each app process reuses the generation it read for a second (core.pagecache):
# a hit then needs no round trip to Redis; changes reach other processes'
# anonymous pages within that second.
PAGE_CACHE_GENERATION_SECONDS = env_int("PAGE_CACHE_GENERATION_SECONDS", 1)

# Optional CDN or Varnish in front: set FRONTEND_CACHE_URL to its purge
# endpoint (an HTTP server that accepts PURGE requests, e.g. Varnish at
# http://127.0.0.1:6081) and Wagtail purges a page there when it is
# published, unpublished or moved; core.pagecache also purges a post and the
# listings above it when its privacy or its comments change. Unset: no purging.
FRONTEND_CACHE_URL = env_str("FRONTEND_CACHE_URL", "")
if FRONTEND_CACHE_URL:
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]
    WAGTAILFRONTENDCACHE = {
        "frontend": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_URL,
        }
    }

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Hashed file names (the manifest) change with their content, so browsers may
# keep them for a year; WhiteNoise marks them immutable and serves the
# pre-compressed gzip/brotli copies collectstatic wrote.
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365

# HTTPS: the proxy in front terminates TLS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
