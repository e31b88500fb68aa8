"""Two readers open a new post at once: both pages show images that exist.

Both requests draw the post's renditions; the one that stores them second
used to get Wagtail's unsaved copies back (``bulk_create`` with
``ignore_conflicts``), files no URL serves, and its page (cached for every
anonymous reader) and the shared rendition cache pointed at them: broken
images until the caches expired. The link check of the running site
(``tests/live``) found it.
"""

from wagtail.images.models import Filter

import pytest

from core.image_access import find_image_file
from core.models import CustomImage, CustomRendition
from tests.helpers.images import make_image

SPECS = ("fill-400x225|format-webp", "fill-800x450|format-webp")


@pytest.fixture
def another_request_stores_first(monkeypatch):
    """Another request stores the same renditions while this one is drawing them."""
    store = CustomRendition.objects.bulk_create

    def competitor_first(renditions, **kwargs):
        for rendition in renditions:
            other = CustomImage.objects.get(pk=rendition.image_id)
            other.create_rendition(Filter(spec=rendition.filter_spec))
        return store(renditions, **kwargs)

    monkeypatch.setattr(CustomRendition.objects, "bulk_create", competitor_first)


@pytest.mark.django_db
def test_renditions_stored_first_by_another_request_are_the_ones_shown(
    another_request_stores_first,
):
    image = make_image("Großwärmepumpe")
    shown = image.get_renditions(*SPECS)
    for spec, rendition in shown.items():
        assert find_image_file(rendition.file.name) is not None, f"{spec}: {rendition.url} is 404"
    # What later pages get from the rendition cache, too.
    fresh = CustomImage.objects.get(pk=image.pk)
    for spec, rendition in fresh.get_renditions(*SPECS).items():
        assert find_image_file(rendition.file.name) is not None, f"{spec} (cached): 404"
