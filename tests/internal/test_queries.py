"""Query budgets: internal pages cost the same however many posts there are."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from internal.models import NotificationPreference
from people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(colleague):
    return colleague("jonas.berger", "dev", "Husum")


def _fill(make_post, departments, count: int):
    authors = [
        Person.objects.get_or_create(name=f"Autorin {n}", slug=f"autorin-{n}", live=True)[0]
        for n in range(2)
    ]
    for number in range(count):
        make_post(
            f"Beitrag {number}",
            departments=[departments["dev"]] if number % 3 == 0 else [],
            locations=["Kiel"] if number % 4 == 0 else [],
            authors=authors,
            image=number % 2 == 0,
            pinned=number == 1,
            must_read=number % 5 == 0,
            days_ago=number,
        )


def _count(client, url) -> int:
    client.get(url)  # warm caches (site root paths, renditions)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_internal_home_query_budget(
    client, make_post, departments, reader, django_assert_max_num_queries
):
    _fill(make_post, departments, 15)
    client.force_login(reader)
    client.get("/intern/")
    # Pinned at today's count: session, user, Wagtail's routing and view
    # restriction, the sections' id lists, one load with prefetches, comment
    # counts, menu and site settings.
    with django_assert_max_num_queries(27):
        assert client.get("/intern/").status_code == 200


def test_internal_home_does_not_grow_with_posts(
    client, make_post, departments, reader, internal_index
):
    client.force_login(reader)
    _fill(make_post, departments, 3)
    few = _count(client, "/intern/")
    _fill_more = [
        make_post(f"Mehr {n}", authors=[], days_ago=20 + n, image=True) for n in range(12)
    ]
    assert len(_fill_more) == 12
    many = _count(client, "/intern/")
    assert few == many


def test_internal_post_query_budget(
    client, make_post, departments, reader, django_assert_max_num_queries
):
    _fill(make_post, departments, 3)
    post = make_post(
        "Mit allem",
        departments=[departments["dev"], departments["sales"]],
        locations=["Kiel", "Husum"],
        authors=list(Person.objects.all()[:2]),
        image=True,
        must_read=True,
    )
    client.force_login(reader)
    client.get(post.url)
    # Pinned at today's count, including the comment thread below the post.
    with django_assert_max_num_queries(31):
        assert client.get(post.url).status_code == 200


def test_token_feed_does_not_grow_with_posts(client, make_post, departments, reader):
    token = NotificationPreference.for_user(reader).regenerate_feed_token()
    _fill(make_post, departments, 3)
    few = _count(client, f"/intern/feed/{token}/")
    _fill(make_post, departments, 12)
    many = _count(client, f"/intern/feed/{token}/")
    assert few == many
