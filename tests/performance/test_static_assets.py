"""Static files: small enough for a phone on a train, cached for a year in production."""

import gzip
import re
import subprocess
import sys
from pathlib import Path

from django.contrib.staticfiles import finders
from django.test import Client

import pytest

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parents[2]
# Compressed, as WhiteNoise serves them (collectstatic writes .gz copies).
MAX_CSS_JS_BYTES_GZIPPED = 50 * 1024

ASSET = re.compile(r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="/static/([^"?]+)"')


def test_css_and_js_of_a_post_page_stay_under_50_kb_compressed(public_post):
    html = Client().get(public_post.url).content.decode()
    assets = ASSET.findall(html)
    assert any(name.endswith(".css") for name in assets), assets
    total = 0
    for name in assets:
        path = finders.find(name)
        assert path, f"{name} is referenced but not found"
        total += len(gzip.compress(Path(path).read_bytes(), compresslevel=9))
    assert total < MAX_CSS_JS_BYTES_GZIPPED, f"{total} bytes gzipped: {assets}"


def test_production_serves_hashed_compressed_static_files_for_a_year():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.STORAGES['staticfiles']['BACKEND'], s.WHITENOISE_MAX_AGE, "
        "s.MIDDLEWARE.index('whitenoise.middleware.WhiteNoiseMiddleware') "
        "< s.MIDDLEWARE.index('core.pagecache.PageCacheMiddleware'), "
        "'wagtail.contrib.frontend_cache' in s.INSTALLED_APPS)"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "blog.example.com",
        "DATABASE_URL": "postgres://user:pw@db.example.com:5432/stimme",
    }
    run = subprocess.run(  # noqa: S603 - our own interpreter, fixed argv
        [sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    storage, max_age, order_ok, frontend = run.stdout.split()
    assert storage == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert int(max_age) >= 365 * 24 * 60 * 60
    assert order_ok == "True", "static files are answered before the page cache"
    assert frontend == "False", "no CDN purging unless FRONTEND_CACHE_URL is set"

    env["FRONTEND_CACHE_URL"] = "http://127.0.0.1:6081"
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "from core.pagecache import frontend_cache_configured as f; "
        "print(s.WAGTAILFRONTENDCACHE['frontend']['LOCATION'], f())"
    )
    run = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["http://127.0.0.1:6081", "True"]
