"""A post written in another language than the reader's interface says so.

Listings mix German and English posts; the label tells a reader before the
click that the text will not be in their language, and says it in the
post's own language ("English", „Deutsch“) with a matching ``lang``.
"""

import re

import pytest

pytestmark = pytest.mark.django_db


def labels(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<span class="language-label" lang="(\w+)">([^<]+)</span>', html)


@pytest.fixture
def mixed_posts(make_post):
    return {
        "de": make_post("Wärmepumpen im Bestand", language="de"),
        "en": make_post("Heat pumps in old buildings", language="en"),
    }


def test_german_readers_see_a_label_only_on_the_english_post(client, blog_index, mixed_posts):
    html = client.get(blog_index.url).content.decode()
    assert labels(html) == [("en", "English")]
    assert labels(client.get(mixed_posts["en"].url).content.decode()) == [("en", "English")]
    assert labels(client.get(mixed_posts["de"].url).content.decode()) == []


def test_english_readers_see_a_label_only_on_the_german_post(client, blog_index, mixed_posts):
    client.cookies["django_language"] = "en"
    html = client.get(blog_index.url).content.decode()
    assert labels(html) == [("de", "Deutsch")]
    assert labels(client.get(mixed_posts["de"].url).content.decode()) == [("de", "Deutsch")]


def test_the_home_page_cards_carry_the_label(client, site_root, mixed_posts):
    html = client.get("/").content.decode()
    assert ("en", "English") in labels(html)
    assert ("de", "Deutsch") not in labels(html)
