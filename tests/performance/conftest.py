"""Page-cache fixtures: the comments suite's posts and people, with the page cache on.

The page cache is off in settings.test (other suites pin query counts of
fresh renders); these tests turn it on and start each test with an empty cache.
"""

import pytest

from tests.comments.conftest import (  # noqa: F401 - fixtures re-used by name
    author_person,
    blog_index,
    department,
    fresh_cache,
    internal_index,
    internal_post,
    make_blog_post,
    public_post,
    relaxed_flood_rules,
    staff_person,
)


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture(autouse=True)
def site_settings_exist(request, page_cache_on):
    """The first page view creates the site's settings rows, which (rightly) drops
    the cache once; create them up front so each test starts from a steady site."""
    if "site_root" not in request.fixturenames:
        return
    from django.apps import apps

    site = request.getfixturevalue("site_root").get_site()
    for label in ("core.SiteSettings", "stimme_comments.CommentSettings"):
        apps.get_model(label).for_site(site)
