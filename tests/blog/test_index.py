"""The blog index and its filters, as a reader browses them."""

import re
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

import pytest

from .conftest import HIDDEN_MARKER, count_queries

pytestmark = pytest.mark.django_db

INDEX_QUERY_BUDGET = 18


def _titles(html: str) -> list[str]:
    return re.findall(r'class="teaser__title"[^>]*><a href="[^"]+">([^<]+)</a>', html)


def test_index_lists_newest_posts_first(client, make_post):
    make_post("Alt", days_ago=30)
    make_post("Neu", days_ago=1)
    make_post("Mittel", days_ago=10)
    response = client.get("/blog/")
    assert response.status_code == 200
    assert _titles(response.content.decode()) == ["Neu", "Mittel", "Alt"]


def test_index_shows_teaser_authors_categories_and_reading_time(client, make_post, categories):
    make_post("Mit allem", authors=("katrin", "jonas"), categories=[categories["tech"]])
    html = client.get("/blog/").content.decode()
    assert "Ein kurzer Teaser." in html
    assert 'href="/blog/author/katrin-albers/">Dr. Katrin Albers</a>' in html
    assert 'href="/blog/author/jonas-berger/">Jonas Berger</a>' in html
    assert 'href="/blog/category/waermepumpen/">Wärmepumpen</a>' in html
    assert re.search(r"1 (minute|Minute)", html)


def test_index_is_paginated_and_bad_page_numbers_never_fail(client, make_post):
    for day in range(12):
        make_post(f"Post {day:02d}", days_ago=day + 1, hero=False)
    first = client.get("/blog/").content.decode()
    assert len(_titles(first)) == 10
    second = client.get("/blog/?page=2")
    assert _titles(second.content.decode()) == ["Post 10", "Post 11"]
    assert 'rel="prev"' in second.content.decode()
    for bad in ("abc", "", "-1x", "1.5"):
        assert _titles(client.get(f"/blog/?page={bad}").content.decode())[0] == "Post 00"
    for out_of_range in ("3", "0", "99999999999", "-1"):
        assert client.get(f"/blog/?page={out_of_range}").status_code == 404


def test_category_filter_has_its_own_url(client, make_post, categories):
    make_post("Technik", categories=[categories["tech"]])
    make_post("Firma", categories=[categories["company"]])
    response = client.get("/blog/category/waermepumpen/")
    assert response.status_code == 200
    html = response.content.decode()
    assert _titles(html) == ["Technik"]
    assert "<h1>" in html and "Wärmepumpen" in html
    assert client.get("/blog/category/gibt-es-nicht/").status_code == 404


def test_tag_filter_handles_umlauts(client, make_post):
    make_post("Fernwärme-Beitrag", tags=["Fernwärme"])
    make_post("Anderes", tags=["Speicher"])
    response = client.get("/blog/tag/fernwärme/")
    assert response.status_code == 200
    assert _titles(response.content.decode()) == ["Fernwärme-Beitrag"]
    assert client.get("/blog/tag/unbekannt/").status_code == 404


def test_author_page_lists_their_posts_with_bio(client, make_post):
    make_post("Von Jonas", authors=("jonas",))
    make_post("Von Katrin", authors=("katrin",))
    response = client.get("/blog/author/jonas-berger/")
    assert response.status_code == 200
    html = response.content.decode()
    assert _titles(html) == ["Von Jonas"]
    assert "Entwicklungsingenieur" in html and "Baut Wärmepumpen." in html


def test_author_without_readable_posts_has_no_page(client, make_post, people):
    assert client.get("/blog/author/henrik-wolff/").status_code == 404
    assert client.get("/blog/author/niemand/").status_code == 404


def test_month_archive(client, make_post):
    now = timezone.localtime()
    make_post("Diesen Monat", days_ago=0)
    old = make_post("Früher", days_ago=70)
    old_date = timezone.localtime(old.date)
    response = client.get(f"/blog/{old_date:%Y}/{old_date:%m}/")
    assert response.status_code == 200
    assert _titles(response.content.decode()) == ["Früher"]
    assert f'href="/blog/{now:%Y}/{now:%m}/"' in client.get("/blog/").content.decode()
    assert client.get("/blog/2001/01/").status_code == 404
    assert client.get("/blog/2025/13/").status_code == 404


def test_draft_scheduled_and_internal_posts_never_listed(
    client, employee, make_post, hidden_posts, categories
):
    make_post("Öffentlich", categories=[categories["tech"]], tags=["wärme"], authors=("katrin",))
    urls = [
        "/blog/",
        "/blog/category/waermepumpen/",
        "/blog/tag/wärme/",
        "/blog/author/katrin-albers/",
        f"/blog/{timezone.localtime():%Y}/{timezone.localtime():%m}/",
    ]
    for url in urls:
        html = client.get(url).content.decode()
        assert "Öffentlich" in html, url
        assert HIDDEN_MARKER not in html, url
    # A tag used only by hidden posts has no public page.
    assert client.get("/blog/tag/geheim/").status_code == 404
    # Employees see the restricted post in the blog, but never drafts or scheduled posts.
    client.force_login(employee)
    html = client.get("/blog/").content.decode()
    assert "Interner Beitrag Zugspitze" in html
    assert "Entwurf" not in html and "Geplanter" not in html


def test_scheduled_post_appears_once_its_time_has_come(client, make_post):
    post = make_post("Bald da", state="scheduled", days_ago=-7)
    assert client.get(post.url).status_code == 404
    assert "Bald da" not in client.get("/blog/").content.decode()
    # Let the clock "reach" the go-live time the editor chose.
    past = timezone.now() - timedelta(minutes=1)
    revision = post.scheduled_revision
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled")
    assert "Bald da" in client.get("/blog/").content.decode()


def test_index_query_budget_does_not_grow_with_posts_tags_or_authors(
    client, make_post, categories, django_assert_max_num_queries
):
    for number in range(3):
        make_post(authors=("jonas",), categories=[categories["tech"]], tags=[f"t{number}"])
    few = count_queries(client, "/blog/")
    for number in range(12):
        make_post(
            authors=("katrin", "jonas"),
            categories=[categories["tech"], categories["company"]],
            tags=[f"x{number}", f"y{number}", "gemeinsam"],
            days_ago=number,
        )
    many = count_queries(client, "/blog/")
    assert many == few
    with django_assert_max_num_queries(INDEX_QUERY_BUDGET):
        client.get("/blog/")


def test_filtered_pages_have_constant_query_counts(client, make_post, categories):
    make_post(authors=("jonas",), categories=[categories["tech"]], tags=["gemeinsam"])
    few = count_queries(client, "/blog/tag/gemeinsam/")
    for _ in range(8):
        make_post(categories=[categories["tech"]], tags=["gemeinsam", "mehr"], authors=("jonas",))
    assert count_queries(client, "/blog/tag/gemeinsam/") == few
