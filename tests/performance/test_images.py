"""Images on a post page: responsive, WebP with a fallback, sized, lazy below the fold.

Renditions are made by the first reader and only read afterwards.
"""

import re
from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from core.builders import flat_image
from core.models import CustomRendition
from tests.factories.blog import BlogCategoryFactory, BlogPostFactory
from tests.factories.core import ImageFactory
from tests.factories.people import PersonFactory

pytestmark = pytest.mark.django_db

PICTURE = re.compile(r"<picture>.*?</picture>", re.S)


def attributes(tag: str) -> dict[str, str]:
    return dict(re.findall(r'([a-z-]+)="([^"]*)"', tag))


def pictures(html: str) -> list[tuple[dict, dict]]:
    """(webp <source>, <img>) attributes of every <picture> in the page."""
    found = []
    for picture in PICTURE.findall(html):
        source = re.search(r'<source type="image/webp"[^>]*>', picture)
        img = re.search(r"<img [^>]*>", picture)
        assert source and img, picture
        found.append((attributes(source[0]), attributes(img[0])))
    return found


@pytest.fixture
def illustrated_post(blog_index, author):
    """A post with a hero image, an image in the body and a related post with its own hero,
    by an author with a photo."""
    category = BlogCategoryFactory(name="Wärmepumpen", slug="waermepumpen")
    BlogPostFactory(
        parent=blog_index,
        title="Verwandt",
        authors=[author],
        categories=[category],
        date=timezone.now() - timedelta(days=3),
        hero_image=ImageFactory(),
    )
    body = [
        ("paragraph", "<p>Erst Text, dann ein Bild.</p>"),
        ("image", {"image": ImageFactory(title="Schnitt"), "caption": "Der Schnitt"}),
    ]
    return BlogPostFactory(
        parent=blog_index,
        title="Mit Bildern",
        authors=[PersonFactory(name="Jonas Berger", photo=True)],
        categories=[category],
        body=body,
        # Wagtail never enlarges: only a hero wider than the widest rendition
        # gets every width of its srcset.
        hero_image=ImageFactory(title="Weiter Blick", data=flat_image((1600, 900))),
    )


def test_post_images_are_responsive_webp_with_fallback_and_sized(illustrated_post):
    html = Client().get(illustrated_post.url).content.decode()
    found = pictures(html)
    assert len(found) >= 4, "hero, body image, related post, author photo"
    for source, img in found:
        assert source["srcset"] and ".webp" in source["srcset"]
        assert img["src"] and not img["src"].endswith(".webp"), "a non-WebP fallback"
        assert img["width"].isdigit() and img["height"].isdigit()
        assert img["loading"] in ("eager", "lazy")

    hero_source, hero = found[0]
    assert hero["loading"] == "eager", "the hero is above the fold"
    assert hero["fetchpriority"] == "high"
    assert len(hero_source["srcset"].split(",")) >= 2, "several widths to choose from"
    assert hero["sizes"], "srcset widths need sizes"
    for _source, img in found[1:]:
        assert img["loading"] == "lazy", f"below the fold: {img['src']}"


def test_renditions_are_made_once_then_only_read(illustrated_post):
    Client().get(illustrated_post.url)  # the first reader makes them
    made = CustomRendition.objects.count()
    assert made > 0
    with CaptureQueriesContext(connection) as captured:
        html = Client().get(illustrated_post.url).content.decode()
    assert CustomRendition.objects.count() == made
    writes = [q["sql"] for q in captured if q["sql"].lstrip().upper().startswith("INSERT")]
    assert not [sql for sql in writes if "rendition" in sql.lower()]
    assert len(pictures(html)) >= 4
