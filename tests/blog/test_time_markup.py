"""Every ``<time datetime>`` is a valid HTML date/time string (Nu rejects microseconds)."""

import re

import pytest

pytestmark = pytest.mark.django_db

# HTML's "valid global date and time string": seconds with at most three
# fraction digits, then Z or an offset.
VALID_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$"
)


def _datetimes(html: str) -> list[str]:
    return re.findall(r'<time datetime="([^"]*)"', html)


def test_post_dates_on_index_post_and_search_carry_no_microseconds(client, make_post):
    post = make_post("Wärmepumpe für Husum")
    pages = [
        client.get("/blog/").content.decode(),
        client.get(post.url).content.decode(),
        client.get("/search/", {"q": "Wärmepumpe"}).content.decode(),
    ]
    found = [value for html in pages for value in _datetimes(html)]
    assert len(found) >= 3
    assert [value for value in found if not VALID_DATETIME.match(value)] == []
