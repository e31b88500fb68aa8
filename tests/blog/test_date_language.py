"""Dates read the way the reader's interface language writes them.

German: „2. Dezember 2026“; English: "2 December 2026" (day, month, year:
the company writes to Europeans, not the US "December 2, 2026"). The
``datetime`` attribute stays machine-readable in both.
"""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def december_post(make_post):
    post = make_post("Rückblick auf den Winter", days_ago=0)
    post.date = datetime(2026, 12, 2, 10, 30, tzinfo=BERLIN)
    post.save_revision().publish()
    return post


def shown_dates(html: str) -> list[str]:
    return re.findall(r"<time datetime=\"[^\"]+\">([^<]+)</time>", html)


@pytest.mark.parametrize(
    ("language", "expected"), [("de", "2. Dezember 2026"), ("en", "2 December 2026")]
)
def test_post_index_and_card_dates_follow_the_interface_language(
    client, december_post, blog_index, language, expected
):
    client.cookies["django_language"] = language
    for url in (december_post.url, blog_index.url):
        html = client.get(url).content.decode()
        assert expected in shown_dates(html), (url, shown_dates(html))


def test_english_dates_are_not_written_the_german_way(client, december_post):
    client.cookies["django_language"] = "en"
    html = client.get(december_post.url).content.decode()
    assert "2. December" not in html
    assert "Dezember" not in " ".join(shown_dates(html))
