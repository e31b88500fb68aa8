"""An internal-only colleague never surfaces on the public blog, even as a co-author."""

import json
import re

from django.core.exceptions import ValidationError

import feedparser
import pytest

from blog.models import BlogPostAuthor
from people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def co_written_post(make_post, people):
    """A public post whose co-author's profile was made internal-only after publishing."""
    henrik = people["henrik"]
    henrik.visibility = Person.Visibility.PUBLIC
    henrik.save()
    post = make_post("Gemeinsam geschrieben", authors=("katrin", "henrik"))
    henrik.visibility = Person.Visibility.INTERNAL
    henrik.save()
    return post


def test_editor_cannot_credit_an_internal_only_person_on_a_public_post(make_post, people):
    post = make_post("Neu", authors=("katrin",))
    post.authors.add(BlogPostAuthor(person=people["henrik"]))
    with pytest.raises(ValidationError, match="Henrik Wolff"):
        post.full_clean()


def test_internal_only_co_author_is_not_shown_on_the_post(client, co_written_post):
    html = client.get(co_written_post.url).content.decode()
    assert "Henrik Wolff" not in html
    assert "Dr. Katrin Albers" in html
    jsonld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "Henrik" not in json.dumps(json.loads(jsonld.group(1)))


def test_internal_only_co_author_is_not_in_listings_or_feeds(client, co_written_post):
    assert "Henrik Wolff" not in client.get("/blog/").content.decode()
    assert "Henrik Wolff" not in client.get("/").content.decode()
    feed = feedparser.parse(client.get("/blog/feed/").content)
    assert all("Henrik" not in entry.get("author", "") for entry in feed.entries)


def test_internal_only_person_has_no_public_author_page_or_feed(client, co_written_post):
    assert client.get("/blog/author/henrik-wolff/").status_code == 404
    assert client.get("/blog/author/henrik-wolff/feed/").status_code == 404
