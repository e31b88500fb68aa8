"""A response that sets a cookie is personal: never stored, never served from the cache."""

from django.test import Client

import pytest

from core.pagecache import CACHE_HEADER

pytestmark = pytest.mark.django_db

VIEW = f"{__package__}.cookie_urls.page_that_sets_a_cookie"


@pytest.fixture
def cookie_view_cacheable(settings):
    """The view is on the allowlist: only the cookie rule can keep it out."""
    settings.ROOT_URLCONF = f"{__package__}.cookie_urls"
    settings.PAGE_CACHE_VIEWS = (*settings.PAGE_CACHE_VIEWS, VIEW)


def test_cookie_setting_response_is_never_stored(cookie_view_cacheable, site_root):
    for _ in range(3):
        response = Client().get("/cookie-page/")
        assert response.status_code == 200
        assert response.headers.get(CACHE_HEADER) == "skip", "rendered fresh every time"
        assert response.cookies["seen_banner"].value == "1", "every reader gets the cookie"
