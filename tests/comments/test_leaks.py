"""Internal comments never leave the internal area: API, counts, feeds, stock xtd endpoints."""

from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

import feedparser
import pytest

from comments.models import StimmeComment

pytestmark = pytest.mark.django_db

SECRET = "Interne Zahl: 4,2 Mio"


@pytest.fixture
def comments_both_sides(client, employee, staff_person, public_post, internal_post, submit):
    client.force_login(employee)
    submit(internal_post, comment=SECRET)
    submit(public_post, comment="Öffentliche Antwort vom Team")
    client.logout()
    return StimmeComment.objects.get(comment=SECRET)


def _api(post, suffix=""):
    label = f"{post._meta.app_label}-{post._meta.model_name}"
    return f"/comments/api/{label}/{post.pk}/{suffix}"


def test_api_list_and_count_refuse_internal_posts_to_anonymous(
    client, comments_both_sides, internal_post, public_post
):
    assert client.get(_api(internal_post)).status_code == 404
    assert client.get(_api(internal_post, "count/")).status_code == 404
    listing = client.get(_api(public_post)).json()
    assert listing["count"] == 1
    assert listing["comments"][0]["author"]["staff"] is True
    assert client.get(_api(public_post, "count/")).json() == {"count": 1}


def test_api_shows_internal_thread_to_employees(
    client, employee, comments_both_sides, internal_post
):
    client.force_login(employee)
    data = client.get(_api(internal_post)).json()
    assert data["comments"][0]["html"] == f"<p>{SECRET}</p>"


def test_api_create_refuses_anonymous_on_internal_post(client, internal_post, comment_data):
    response = client.post(reverse("stimme_comments:api_create"), comment_data(internal_post))
    assert response.status_code == 404
    assert not StimmeComment.objects.exists()


def test_api_create_accepts_reader_for_confirmation(client, public_post, comment_data):
    response = client.post(reverse("stimme_comments:api_create"), comment_data(public_post))
    assert response.status_code == 202
    assert response.json() == {"status": "pending"}


def test_feeds_carry_public_comments_only(client, comments_both_sides, internal_post, public_post):
    site_feed = feedparser.parse(client.get(reverse("stimme_comments:feed")).content)
    texts = " ".join(entry.summary for entry in site_feed.entries)
    assert "Öffentliche Antwort vom Team" in texts
    assert SECRET not in texts
    assert "Betriebsversammlung" not in client.get(reverse("stimme_comments:feed")).content.decode()
    assert (
        client.get(reverse("stimme_comments:post_feed", args=[internal_post.pk])).status_code == 404
    )
    post_feed = feedparser.parse(
        client.get(reverse("stimme_comments:post_feed", args=[public_post.pk])).content
    )
    assert [entry.link.split("#")[1] for entry in post_feed.entries] == [
        f"c{StimmeComment.objects.get(comment__startswith='Öffentliche').pk}"
    ]


def test_employees_get_no_internal_comments_in_feeds_either(
    client, employee, comments_both_sides, internal_post
):
    client.force_login(employee)
    assert SECRET not in client.get(reverse("stimme_comments:feed")).content.decode()
    assert (
        client.get(reverse("stimme_comments:post_feed", args=[internal_post.pk])).status_code == 404
    )


def test_stock_endpoints_that_do_not_check_visibility_are_not_mounted(client, comments_both_sides):
    for name, args in [
        ("comments-xtd-api-list", ["internal-internalpostpage", "1"]),
        ("comments-xtd-api-count", ["internal-internalpostpage", "1"]),
        ("comments-xtd-api-create", []),
        ("comments-post-comment", []),
        ("comments-flag", [1]),
        ("comments-xtd-like", [1]),
        ("comments-url-redirect", [1, 1]),
    ]:
        with pytest.raises(NoReverseMatch):
            reverse(name, args=args)
    for path in ("/comments/api/comment/", "/comments/flag/1/", "/comments/cr/1/1/"):
        response = client.get(path)
        assert response.status_code in (404, 405)
        assert SECRET not in response.content.decode()


def test_thread_tag_renders_nothing_for_readers_who_may_not_see_the_post(
    comments_both_sides, internal_post
):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    template = Template("{% load stimme_comment_tags %}[{% comment_thread post %}]")
    html = template.render(Context({"post": internal_post, "request": request}))
    assert SECRET not in html
    assert html.replace("\n", "") == "[]"


def test_internal_post_page_shows_comments_to_employees(
    client, employee, comments_both_sides, internal_post
):
    client.force_login(employee)
    assert SECRET in client.get(internal_post.url).content.decode()
