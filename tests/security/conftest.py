"""Fixtures of the security tests."""

from django.core.cache import cache

import pytest

from .admin_world import build_world


@pytest.fixture
def media_on_disk(settings, tmp_path):
    """Uploads on disk in a folder of this test's own; no image verdict kept from another test.

    The image view serves files from storage after its check, so these tests
    need real files; the cached public verdicts must not leak between tests.
    """
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    cache.clear()
    yield tmp_path
    cache.clear()


@pytest.fixture
def world(site_root):
    """The admin boundary's world: see ``tests.security.admin_world``."""
    return build_world(site_root)
