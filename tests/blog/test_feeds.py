"""RSS 2.0 and Atom feeds, read the way a feed reader reads them (feedparser)."""

from datetime import UTC, datetime, timedelta

from wagtail.models import Site

import feedparser
import pytest

from core.models import SiteSettings

from .conftest import HIDDEN_MARKER

pytestmark = pytest.mark.django_db

FEEDS = [
    ("/blog/feed/", "rss20"),
    ("/blog/feed/atom/", "atom10"),
]


def _parse(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return response, parsed


@pytest.mark.parametrize(("url", "version"), FEEDS)
def test_blog_feed_lists_public_posts_with_links_dates_and_authors(
    client, make_post, hidden_posts, url, version
):
    older = make_post("Älterer Beitrag", days_ago=3, authors=("katrin",))
    newer = make_post("Neuer Beitrag", days_ago=1, authors=("jonas", "katrin"))
    response, feed = _parse(client, url)
    assert feed.version == version
    assert feed.feed.title == "Blog"
    assert [entry.title for entry in feed.entries] == ["Neuer Beitrag", "Älterer Beitrag"]
    first = feed.entries[0]
    assert first.link == f"http://testserver{newer.url}"
    assert first.author == "Jonas Berger, Dr. Katrin Albers"
    published = datetime(*first.published_parsed[:6], tzinfo=UTC)
    assert abs(published - newer.date) < timedelta(seconds=1)
    assert feed.entries[1].link == f"http://testserver{older.url}"
    assert HIDDEN_MARKER not in response.content.decode()


@pytest.mark.parametrize("suffix", ["feed/", "feed/atom/"])
def test_category_tag_and_author_feeds_filter_posts(
    client, make_post, categories, hidden_posts, suffix
):
    make_post("Technik", categories=[categories["tech"]], tags=["wärme"], authors=("jonas",))
    make_post("Firma", categories=[categories["company"]], tags=["kultur"])
    cases = {
        "/blog/category/waermepumpen/": ["Technik"],
        "/blog/tag/wärme/": ["Technik"],
        "/blog/author/jonas-berger/": ["Technik"],
        "/blog/category/unternehmen/": ["Firma"],
    }
    for base, titles in cases.items():
        response, feed = _parse(client, base + suffix)
        assert [entry.title for entry in feed.entries] == titles, base
        assert HIDDEN_MARKER not in response.content.decode()
    assert client.get("/blog/tag/geheim/" + suffix).status_code == 404
    assert client.get("/blog/author/henrik-wolff/" + suffix).status_code == 404


@pytest.mark.parametrize(("url", "version"), FEEDS)
def test_full_content_feed_has_body_and_absolute_image_urls(client, make_post, url, version):
    make_post(
        "Mit Bild",
        body=[
            ("paragraph", '<p>Volltext hier. <a href="/impressum/">Impressum</a></p>'),
        ],
    )
    _response, feed = _parse(client, url)
    entry = feed.entries[0]
    assert entry.summary == "Ein kurzer Teaser."
    content = entry.content[0].value
    assert "Volltext hier." in content
    assert 'src="http://testserver/' in content
    assert 'href="http://testserver/impressum/"' in content
    assert 'src="/' not in content and 'href="/' not in content


@pytest.mark.parametrize(("url", "version"), FEEDS)
def test_summary_only_feed_when_site_setting_says_so(client, make_post, url, version):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.feeds_full_content = False
    settings.save()
    make_post("Nur Teaser", body=[("paragraph", "<p>Geheimer Volltext.</p>")])
    response, feed = _parse(client, url)
    assert feed.entries[0].summary == "Ein kurzer Teaser."
    assert "content" not in feed.entries[0]
    assert "Geheimer Volltext" not in response.content.decode()


def test_feeds_are_the_same_for_employees(client, employee, make_post, hidden_posts):
    make_post("Öffentlich")
    client.force_login(employee)
    response, feed = _parse(client, "/blog/feed/")
    assert [entry.title for entry in feed.entries] == ["Öffentlich"]


def test_listing_pages_announce_their_feeds(client, make_post, categories):
    make_post(categories=[categories["tech"]], tags=["wärme"])
    html = client.get("/blog/category/waermepumpen/").content.decode()
    head = html[: html.index("</head>")]
    assert 'href="/blog/category/waermepumpen/feed/"' in head
    assert 'href="/blog/category/waermepumpen/feed/atom/"' in head
    assert 'href="/blog/feed/"' in head
