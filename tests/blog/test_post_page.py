"""A blog post as a reader sees it: header, body blocks, author box, neighbours, SEO."""

import json
import re

from django.core.exceptions import ValidationError

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from blog.models import BlogPostAuthor, BlogPostPage
from people.models import Person

from .conftest import HIDDEN_MARKER, count_queries

pytestmark = pytest.mark.django_db

# Pinned: a fully loaded post page (authors, categories, tags, related posts
# with comment counts, previous/next, the comment thread) on any database.
POST_QUERY_BUDGET = 25


def _jsonld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_post_shows_title_teaser_date_hero_credit_and_reading_time(client, make_post):
    words = " ".join(["Wärme"] * 800)
    post = make_post(
        "Großwärmepumpe",
        subtitle="Aus Abwasser wird Wärme",
        body=[("paragraph", f"<p>{words}</p>")],
    )
    response = client.get(post.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 id="post-title" lang="de">Großwärmepumpe</h1>' in html
    assert "Aus Abwasser wird Wärme" in html and "Ein kurzer Teaser." in html
    assert "Foto: Test" in html  # hero image credit
    assert post.reading_minutes == 4
    assert post.reading_time_label in html
    assert re.search(r"4 (minutes reading time|Minuten Lesedauer)", html)


def test_english_post_is_marked_as_english(client, make_post):
    post = make_post("Lessons learned", language="en")
    html = client.get(post.url).content.decode()
    assert '<h1 id="post-title" lang="en">' in html
    assert _jsonld(html)["inLanguage"] == "en"


def test_author_box_links_to_all_their_posts(client, make_post):
    post = make_post(authors=("jonas", "katrin"))
    html = client.get(post.url).content.decode()
    box = html[html.index('class="post__authors"') :]
    assert "Jonas Berger" in box and "Entwicklungsingenieur" in box and "Baut Wärmepumpen." in box
    assert 'href="/blog/author/jonas-berger/"' in box
    assert 'href="/blog/author/katrin-albers/"' in box
    assert '<img class="avatar"' in box  # Jonas has a photo
    assert '<svg class="avatar avatar--initials"' in box  # Katrin gets initials


def test_related_posts_share_category_or_tags(client, make_post, categories, hidden_posts):
    post = make_post("Ausgangspunkt", categories=[categories["tech"]], tags=["wärme"])
    make_post("Gleiches Thema", categories=[categories["tech"]])
    make_post("Gleicher Tag", tags=["wärme"])
    make_post("Ganz anders", categories=[categories["company"]], tags=["kultur"])
    html = client.get(post.url).content.decode()
    related = html[html.index('id="related-heading"') :]
    assert "Gleiches Thema" in related and "Gleicher Tag" in related
    assert "Ganz anders" not in related
    assert HIDDEN_MARKER not in related


def test_previous_and_next_skip_hidden_posts(client, make_post, hidden_posts):
    older = make_post("Älterer", days_ago=20)
    post = make_post("Mitte", days_ago=10)
    newer = make_post("Neuerer", days_ago=5)
    html = client.get(post.url).content.decode()
    nav = html[html.index('class="post-nav') :]
    assert f'href="{older.url}" rel="prev"' in nav
    assert f'href="{newer.url}" rel="next"' in nav
    assert HIDDEN_MARKER not in nav


def test_share_links_are_plain_urls_and_nothing_loads_from_elsewhere(client, make_post):
    post = make_post("Teilen")
    html = client.get(post.url).content.decode()
    assert "https://www.linkedin.com/sharing/share-offsite/?url=http%3A%2F%2Ftestserver" in html
    assert 'href="mailto:?subject=Teilen' in html
    external_resources = re.findall(r'\s(?:src|srcset)="(https?://[^"]+)"', html)
    assert external_resources == []
    assert "<iframe" not in html


def test_draft_and_scheduled_posts_are_not_served(client, hidden_posts, employee):
    assert client.get(hidden_posts["draft"].url).status_code == 404
    assert client.get(hidden_posts["scheduled"].url).status_code == 404
    # The restricted post asks for a login; employees may read it.
    assert client.get(hidden_posts["internal"].url).status_code == 302
    client.force_login(employee)
    assert client.get(hidden_posts["internal"].url).status_code == 200


def test_jsonld_blogposting_has_author_and_publisher(client, make_post):
    post = make_post("Strukturiert", authors=("katrin",), tags=["Fernwärme"])
    data = _jsonld(client.get(post.url).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "Strukturiert"
    assert data["url"] == f"http://testserver{post.url}"
    assert data["mainEntityOfPage"]["@id"] == data["url"]
    assert data["datePublished"].startswith(str(post.date.year))
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Dr. Katrin Albers",
            "jobTitle": "Geschäftsführerin",
            "url": "http://testserver/blog/author/katrin-albers/",
        }
    ]
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "Nordlicht Systemtechnik GmbH"
    assert data["publisher"]["logo"]["url"].startswith("http://testserver/")
    assert data["image"][0].startswith("http://testserver/")
    assert data["keywords"] == ["Fernwärme"]


def test_jsonld_cannot_be_broken_out_of(client, make_post):
    post = make_post("</script><script>alert(1)</script>", teaser="a & b <b>")
    html = client.get(post.url).content.decode()
    assert "<script>alert(1)" not in html
    data = _jsonld(html)
    assert data["headline"] == "</script><script>alert(1)</script>"
    assert data["description"] == "a & b <b>"


def test_head_has_canonical_description_open_graph_and_feeds(client, make_post):
    post = make_post("Sichtbar", teaser="Kurz und gut.")
    html = client.get(post.url).content.decode()
    head = html[: html.index("</head>")]
    assert f'<link rel="canonical" href="http://testserver{post.url}">' in head
    assert '<meta name="description" content="Kurz und gut.">' in head
    assert '<meta property="og:type" content="article">' in head
    assert '<meta property="og:title" content="Sichtbar">' in head
    assert re.search(r'<meta property="og:image" content="http://testserver/[^"]+\.jpg">', head)
    assert '<meta name="twitter:card" content="summary_large_image">' in head
    assert 'type="application/rss+xml"' in head and 'href="/blog/feed/"' in head
    assert 'type="application/atom+xml"' in head


def test_post_page_query_count_does_not_grow(client, make_post, categories):
    post = make_post(
        "Zentral", authors=("jonas",), categories=[categories["tech"]], tags=["a", "b"]
    )
    make_post(authors=("jonas",), categories=[categories["tech"]], tags=["a"])
    few = count_queries(client, post.url)
    for number in range(10):
        make_post(
            authors=("jonas", "katrin"),
            categories=[categories["tech"], categories["company"]],
            tags=["a", "b", f"c{number}"],
        )
    BlogPostAuthor.objects.create(page=post, person=Person.objects.get(slug="katrin-albers"))
    assert count_queries(client, post.url) == few
    assert few <= POST_QUERY_BUDGET


def test_post_page_query_budget(client, make_post, django_assert_max_num_queries):
    post = make_post("Budget")
    client.get(post.url)
    with django_assert_max_num_queries(POST_QUERY_BUDGET):
        assert client.get(post.url).status_code == 200


def test_reserved_slugs_are_refused(make_post, blog_index):
    post = BlogPostPage(title="Feed", slug="feed")
    with pytest.raises(ValidationError):
        post.clean()


def test_editor_preview_shows_unsaved_changes(client, superuser, make_post, people):
    post = make_post("Vorschau", tags=["alt"])
    client.force_login(superuser)
    data = nested_form_data(
        {
            "title": "Vorschau geändert",
            "slug": post.slug,
            "teaser": "Neu",
            "date": "2026-01-01 10:00",
            "language": "de",
            "authors": inline_formset([{"person": people["jonas"].pk}]),
            "body": streamfield([]),
            "tags": "neu",
        }
    )
    preview_url = f"/admin/pages/{post.pk}/edit/preview/"
    response = client.post(preview_url, data)
    assert response.json()["is_valid"], response.content
    html = client.get(preview_url).content.decode()
    assert "Vorschau geändert" in html
    assert 'rel="tag">neu</a>' in html and 'rel="tag">alt</a>' not in html
    assert "Jonas Berger" in html
