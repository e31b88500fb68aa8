"""``responsive_image``: a ``srcset`` the browser (and the W3C checker) can choose from."""

import io
import re

from django.core.cache import cache
from django.core.files.images import ImageFile

import pytest
from PIL import Image

from core.models import CustomImage
from core.templatetags.core_tags import responsive_image


@pytest.fixture(autouse=True)
def fresh_rendition_cache():
    # Wagtail caches renditions by image id, and a rolled-back test's ids come again.
    cache.clear()


def _portrait(size: int) -> CustomImage:
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), (11, 79, 108)).save(buffer, format="PNG")
    image = CustomImage(title="Porträt")
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name="portrait.png")
    image.save()
    return image


def _srcsets(html: str) -> list[list[str]]:
    return [
        [candidate.rsplit(" ", 1)[1] for candidate in srcset.split(", ")]
        for srcset in re.findall(r'srcset="([^"]+)"', html)
    ]


@pytest.mark.django_db
def test_a_photo_smaller_than_the_widest_rendition_lists_each_width_once():
    # Wagtail never enlarges: a 480 px portrait asked for at 640 px stays 480 px
    # wide, and two "480w" candidates make the srcset invalid HTML.
    html = responsive_image(_portrait(480), "fill-320x320-c100", widths="240,320,480,640")

    assert _srcsets(html) == [["240w", "320w", "480w"], ["240w", "320w", "480w"]]
    assert 'width="480" height="480"' in html


@pytest.mark.django_db
def test_a_large_photo_gets_every_requested_width():
    html = responsive_image(_portrait(800), "fill-320x320-c100", widths="240,320,480,640")

    assert _srcsets(html) == [["240w", "320w", "480w", "640w"]] * 2


@pytest.mark.django_db
def test_every_width_keeps_the_crop_closeness():
    # "-c100" keeps a face filling the square; a srcset candidate without it
    # would crop the same portrait differently at another width.
    html = responsive_image(_portrait(800), "fill-320x320-c100", widths="240,320,480,640")

    for width in (240, 320, 480, 640):
        assert f"fill-{width}x{width}-c100" in html
