"""Wagtail's own bookkeeping does not empty the page cache.

The first rendition of an image makes Wagtail store the file's hash and size
(``save(update_fields=["file_hash"])``). No page shows those; dropping every
cached page and comment fragment for them made the first view of a new post
render its comment thread twice. A real change to an image (its title, its
alt text, a new file) still drops the cache. The same for the row of a
site's settings that Wagtail stores, with the defaults, on first reading them.
"""

from wagtail.models import Site

import pytest

from core import pagecache
from core.models import SiteSettings
from tests.helpers.images import make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    pagecache.forget_known_generation()


def test_storing_the_file_hash_keeps_cached_pages(page_cache_on):
    image = make_image("Deich bei Husum")
    before = pagecache.current_generation()
    image.file_hash = ""
    image.get_file_hash()  # what Wagtail does on an image's first rendition
    assert image.file_hash
    assert pagecache.current_generation() == before


def test_renaming_an_image_drops_cached_pages(page_cache_on):
    image = make_image("Deich bei Husum")
    before = pagecache.current_generation()
    image.title = "Deich bei Büsum"
    image.save(update_fields=["title"])
    assert pagecache.current_generation() != before


def test_a_sites_settings_row_made_on_first_read_keeps_cached_pages(page_cache_on):
    """Wagtail stores a site's settings, with their defaults, the first time a page reads them."""
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.filter(site=site).delete()
    before = pagecache.current_generation()
    SiteSettings.for_site(site)
    assert pagecache.current_generation() == before

    settings_row = SiteSettings.for_site(site)
    settings_row.tagline = "Wärme für Husum und die Küste"
    settings_row.save()
    assert pagecache.current_generation() != before
