"""Listings show how many visible comments each post has, at a fixed query cost."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from comments.models import StimmeComment

from .conftest import make_blog_post

pytestmark = pytest.mark.django_db


def comment_on(post, text, **fields):
    return StimmeComment.objects.create(
        content_type_id=post.content_type_id,
        object_pk=str(post.pk),
        site_id=1,
        user_name="Leserin",
        user_email="leserin@example.org",
        comment=text,
        submit_date=timezone.now(),
        **fields,
    )


def test_blog_index_and_home_count_only_visible_comments(client, public_post):
    comment_on(public_post, "Erster Kommentar")
    comment_on(public_post, "Zweiter Kommentar")
    comment_on(public_post, "Vom Team verborgen", is_public=False)
    comment_on(public_post, "Gelöscht", is_removed=True)
    for url in ("/blog/", "/"):
        html = client.get(url).content.decode()
        assert "2 Kommentare" in html, url
        assert f'href="{public_post.url}#comments"' in html


def test_a_post_without_comments_shows_no_count(client, public_post):
    html = client.get("/blog/").content.decode()
    assert "Kommentar" not in html.split("<main", 1)[1]


def test_counts_cost_the_same_for_many_posts(client, blog_index, author_person):
    def queries():
        client.get("/blog/")
        with CaptureQueriesContext(connection) as captured:
            client.get("/blog/")
        return len(captured)

    first = make_blog_post(blog_index, author_person, slug="eins")
    comment_on(first, "Zu eins")
    few = queries()
    for n in range(6):
        post = make_blog_post(blog_index, author_person, slug=f"weitere-{n}")
        comment_on(post, f"Zu {n}")
    assert queries() == few
