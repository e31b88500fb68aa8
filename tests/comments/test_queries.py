"""A post page with many comments costs a fixed number of queries (no N+1)."""

import io

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest
from PIL import Image

from comments.models import CommentLike, StimmeComment
from core.models import CustomImage
from people.models import Person

from .conftest import form_data, make_blog_post, make_internal_post

pytestmark = pytest.mark.django_db

# Pinned at today's count: whole post pages, whatever the number of comments.
# Usually the thread's shape (and for anonymous readers its HTML) is shared
# until the next content change; the first render after a change reads the
# shape (one light query) and then the comments of the page shown.
MAX_QUERIES_PUBLIC_POST = 16
MAX_QUERIES_PUBLIC_POST_FIRST_RENDER = 19
# Employees: +1 for their own comments awaiting approval, shown to them in the thread.
MAX_QUERIES_INTERNAL_POST = 29
MAX_QUERIES_INTERNAL_POST_FIRST_RENDER = 30


def _photo(n):
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), (n * 20 % 255, 80, 120)).save(buffer, format="PNG")
    image = CustomImage(title=f"Porträt {n}", credit="Foto: Test")
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"portrait-{n}.png")
    image.save()
    return image


def add_comments(post, count, department):
    """``count`` comments in threads of three: reader question, staff answer, reader reply."""
    users = get_user_model()
    previous = None
    for n in range(count):
        kind = n % 3
        comment = StimmeComment(
            content_type_id=post.content_type_id,
            object_pk=str(post.pk),
            site_id=1,
            comment=f"Kommentar {n} mit https://example.org/{n}",
            submit_date=timezone.now(),
        )
        if kind == 1:
            user = users.objects.create_user(f"staff{post.pk}-{n}", f"s{n}@nordlicht.example")
            comment.user = user
            comment.person = Person.objects.create(
                name=f"Mitarbeiterin {n}",
                slug=f"mitarbeiterin-{post.pk}-{n}",
                job_title="Technikerin",
                department=department,
                visibility=Person.Visibility.PUBLIC,
                live=True,
                photo=_photo(n),
                user=user,
            )
            comment.is_staff_comment = True
            comment.user_name = comment.person.name
            comment.user_email = user.email
        else:
            comment.user_name = f"Leser {n}"
            comment.user_email = f"leser{n}@example.org"
        if kind:
            comment.parent_id = previous.pk
        comment.is_official_answer = n == 1
        comment.save()
        CommentLike.objects.create(
            comment=comment, email=f"fan{n}@example.org", confirmed_at=timezone.now()
        )
        previous = comment


def _queries(client, url):
    client.get(url)  # warm up: renditions are created once, then read
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_post_page_queries_do_not_grow_with_comments(
    client, blog_index, author_person, department, settings, django_assert_max_num_queries
):
    few = make_blog_post(blog_index, author_person, title="Wenige", slug="wenige")
    many = make_blog_post(blog_index, author_person, title="Viele", slug="viele")
    add_comments(few, 3, department)
    add_comments(many, 15, department)
    assert _queries(client, few.url) == _queries(client, many.url)
    with django_assert_max_num_queries(MAX_QUERIES_PUBLIC_POST):
        client.get(many.url)

    settings.PAGE_FRAGMENT_CACHE_SECONDS = 0  # every render is a first render
    assert _queries(client, few.url) == _queries(client, many.url)
    with django_assert_max_num_queries(MAX_QUERIES_PUBLIC_POST_FIRST_RENDER):
        client.get(many.url)


def test_internal_post_queries_do_not_grow_for_employees(
    client,
    employee,
    internal_index,
    author_person,
    department,
    settings,
    django_assert_max_num_queries,
):
    few = make_internal_post(internal_index, author_person, title="Wenige", slug="wenige")
    many = make_internal_post(internal_index, author_person, title="Viele", slug="viele")
    add_comments(few, 3, department)
    add_comments(many, 15, department)
    client.force_login(employee)
    assert _queries(client, few.url) == _queries(client, many.url)
    with django_assert_max_num_queries(MAX_QUERIES_INTERNAL_POST):
        client.get(many.url)

    settings.PAGE_FRAGMENT_CACHE_SECONDS = 0
    assert _queries(client, few.url) == _queries(client, many.url)
    with django_assert_max_num_queries(MAX_QUERIES_INTERNAL_POST_FIRST_RENDER):
        client.get(many.url)


def test_three_hundred_comments_render_with_the_pinned_budget(
    client, public_post, department, settings, django_assert_max_num_queries
):
    add_comments(public_post, 300, department)  # 100 threads of three
    settings.PAGE_FRAGMENT_CACHE_SECONDS = 0
    for url in (public_post.url, public_post.url + "?comments_page=4"):
        client.get(url)
        with django_assert_max_num_queries(MAX_QUERIES_PUBLIC_POST_FIRST_RENDER):
            response = client.get(url)
        # 30 threads with all their replies per page; the last page has the rest.
        expected = 90 if "comments_page" not in url else 30
        assert response.content.decode().count('class="comment__card"') == expected


# An employee's comment: the view's policy decides, posting reuses it for the moderation rules.
MAX_QUERIES_STAFF_COMMENT_POST = 32  # 34 while posting went through the signal


def test_posting_a_comment_asks_the_rules_with_the_views_policy(
    client, employee, public_post, on_commit
):
    client.force_login(employee)
    client.get(public_post.url)
    with on_commit(), CaptureQueriesContext(connection) as captured:
        response = client.post(
            reverse("stimme_comments:post"),
            form_data(public_post, comment="Gilt das auch für Bestandsbauten?"),
        )
    assert response.status_code == 302
    assert StimmeComment.objects.filter(is_public=True).count() == 1
    assert len(captured) <= MAX_QUERIES_STAFF_COMMENT_POST
