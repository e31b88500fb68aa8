"""Page-cache fixtures: the shared posts and people (``tests/fixtures``), page cache on.

The page cache is off in settings.test (other suites pin query counts of
fresh renders); these tests turn it on and start each test with an empty cache.
"""

import pytest

from comments.models import CommentSettings
from core.models import SiteSettings


@pytest.fixture(autouse=True)
def _flood_rules_off(relaxed_flood_rules):
    """Tests post comments within milliseconds; tests/comments covers the flood rules."""


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture(autouse=True)
def site_settings_exist(request, page_cache_on):
    """The first page view creates the site's settings rows, which (rightly) drops
    the cache once; create them up front so each test starts from a steady site."""
    if "site_root" not in request.fixturenames:
        return
    site = request.getfixturevalue("site_root").get_site()
    for settings_model in (SiteSettings, CommentSettings):
        settings_model.for_site(site)
