"""A post page with many comments costs a fixed number of queries (no N+1)."""

import io

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
from PIL import Image

from comments.models import CommentLike, StimmeComment
from core.models import CustomImage
from people.models import Person

pytestmark = pytest.mark.django_db

# Pinned at today's count: whole post pages, whatever the number of comments.
MAX_QUERIES_PUBLIC_POST = 18
MAX_QUERIES_INTERNAL_POST = 28


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
    client, blog_index, author_person, department, django_assert_max_num_queries
):
    from .conftest import make_blog_post

    few = make_blog_post(blog_index, author_person, title="Wenige", slug="wenige")
    many = make_blog_post(blog_index, author_person, title="Viele", slug="viele")
    add_comments(few, 3, department)
    add_comments(many, 15, department)
    assert _queries(client, few.url) == _queries(client, many.url)
    with django_assert_max_num_queries(MAX_QUERIES_PUBLIC_POST):
        client.get(many.url)


def test_internal_post_queries_do_not_grow_for_employees(
    client, employee, internal_index, author_person, department, django_assert_max_num_queries
):
    from .conftest import make_internal_post

    few = make_internal_post(internal_index, author_person, title="Wenige", slug="wenige")
    many = make_internal_post(internal_index, author_person, title="Viele", slug="viele")
    add_comments(few, 3, department)
    add_comments(many, 15, department)
    client.force_login(employee)
    assert _queries(client, few.url) == _queries(client, many.url)
    with django_assert_max_num_queries(MAX_QUERIES_INTERNAL_POST):
        client.get(many.url)


def test_three_hundred_comments_render_with_the_pinned_budget(
    client, public_post, department, django_assert_max_num_queries
):
    add_comments(public_post, 300, department)
    client.get(public_post.url)
    with django_assert_max_num_queries(MAX_QUERIES_PUBLIC_POST):
        response = client.get(public_post.url)
    assert response.content.decode().count('class="comment__card"') == 300
