"""The internal staff directory /intern/menschen/: employees only, never cached."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

pytestmark = pytest.mark.django_db

# The staff sub-navigation looks up the internal home page (one query, two where the
# request has not yet loaded the site's root paths).
DIRECTORY_QUERY_BUDGET = 13
PROFILE_QUERY_BUDGET = 24


@pytest.fixture
def staff_client(client, employee):
    client.force_login(employee)
    return client


@pytest.mark.parametrize(
    "url", ["/intern/menschen/", "/intern/menschen/henrik-wolff/", "/intern/profil/"]
)
def test_anonymous_readers_are_sent_to_login(client, team, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/login/?next={url}"


@pytest.mark.parametrize("url", ["/intern/menschen/", "/intern/menschen/henrik-wolff/"])
def test_signed_in_non_employees_are_forbidden(client, team, url):
    outsider = get_user_model().objects.create_user("gast", password="pw-for-tests-1")
    client.force_login(outsider)
    assert client.get(url).status_code == 403


def test_directory_is_never_cached(staff_client, team):
    response = staff_client.get("/intern/menschen/")
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_directory_lists_everyone_with_internal_contact_details(staff_client, team):
    response = staff_client.get("/intern/menschen/")
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Dr. Katrin Albers", "Jonas Berger", "Henrik Wolff"):
        assert name in html
    assert "+49 431 222-15" in html
    assert "henrik.intern@nordlicht.example" in html
    assert 'href="/intern/menschen/henrik-wolff/"' in html
    assert '<meta name="robots" content="noindex, nofollow">' in html


@pytest.mark.parametrize(
    ("query", "found", "missing"),
    [
        ("q=henrik", "Henrik Wolff", "Jonas Berger"),
        ("q=regelungs", "Henrik Wolff", "Dr. Katrin Albers"),  # expertise
        ("q=entwicklung", "Jonas Berger", "Dr. Katrin Albers"),  # department name
        ("q=kiel+embedded", "Henrik Wolff", "Jonas Berger"),  # every word must match
        ("department=gf", "Dr. Katrin Albers", "Henrik Wolff"),
    ],
)
def test_directory_search(staff_client, team, query, found, missing):
    html = staff_client.get(f"/intern/menschen/?{query}").content.decode()
    results = html[html.index('class="directory__count"') :]
    assert found in results
    assert missing not in results


def test_directory_search_without_matches_says_so(staff_client, team):
    html = staff_client.get("/intern/menschen/?q=zzzz").content.decode()
    assert "0 " in html[html.index('class="directory__count"') :][:80]


def test_directory_profile_shows_internal_fields_and_org_chart(
    staff_client, team, make_person, departments
):
    report = make_person("Lea Praktikantin", public=False, reports_to=team["henrik"])
    response = staff_client.get("/intern/menschen/henrik-wolff/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "+49 431 222-15" in html
    assert "henrik.intern@nordlicht.example" in html
    assert "Kiel" in html
    chart = html[html.index('id="orgchart-heading"') : html.index('id="posts-heading"')]
    manager = chart[chart.index('id="orgchart-manager"') : chart.index('id="orgchart-team"')]
    assert "Dr. Katrin Albers" in manager
    peers = chart[chart.index('id="orgchart-team"') : chart.index('id="orgchart-reports"')]
    assert "Jonas Berger" in peers  # same manager
    reports = chart[chart.index('id="orgchart-reports"') :]
    assert report.name in reports
    assert "Cache-Control" in response and "no-store" in response["Cache-Control"]


def test_directory_profile_lists_internal_and_public_posts_for_employees(
    staff_client, team, make_post
):
    make_post(team["jonas"], title="Öffentlicher Beitrag")
    make_post(team["jonas"], title="Interner Beitrag", section="internal")
    html = staff_client.get("/intern/menschen/jonas-berger/").content.decode()
    posts = html[html.index('id="posts-heading"') :]
    assert "Öffentlicher Beitrag" in posts
    assert "Interner Beitrag" in posts
    internal = posts[posts.index("Interner Beitrag") :]
    assert "badge--internal" in internal[: internal.index("</li>")]


def test_unknown_colleague_is_not_found(staff_client, team):
    assert staff_client.get("/intern/menschen/niemand/").status_code == 404


def _add_people(make_person, departments, number: int) -> None:
    for index in range(number):
        make_person(
            f"Kollege {index}",
            public=index % 2 == 0,
            department=list(departments.values())[index % 3],
            photo=index % 3 == 0,
            phone=f"+49 431 {index:04d}",
        )


@pytest.mark.parametrize("extra", [3, 15])
def test_directory_query_count_does_not_grow_with_people(
    staff_client, team, make_person, departments, django_assert_max_num_queries, extra
):
    _add_people(make_person, departments, extra)
    staff_client.get("/intern/menschen/")
    with django_assert_max_num_queries(DIRECTORY_QUERY_BUDGET):
        response = staff_client.get("/intern/menschen/?q=kollege")
    assert response.content.decode().count('class="directory-entry"') == extra


def test_directory_runs_the_same_queries_for_3_and_15_people(
    staff_client, team, make_person, departments
):
    def measure() -> int:
        staff_client.get("/intern/menschen/")
        with CaptureQueriesContext(connection) as queries:
            staff_client.get("/intern/menschen/")
        return len(queries)

    _add_people(make_person, departments, 3)
    few = measure()
    _add_people(make_person, departments, 12)
    assert measure() == few


@pytest.mark.parametrize("colleagues", [2, 10])
def test_directory_profile_query_count_is_fixed(
    staff_client, team, make_person, make_post, django_assert_max_num_queries, colleagues
):
    for index in range(colleagues):
        make_person(f"Mitarbeiterin {index}", reports_to=team["ceo"], photo=index % 2 == 0)
        make_person(f"Azubi {index}", reports_to=team["jonas"], photo=index % 2 == 1)
        make_post(team["jonas"], section="internal" if index % 2 else "public")
    staff_client.get("/intern/menschen/jonas-berger/")
    with django_assert_max_num_queries(PROFILE_QUERY_BUDGET):
        response = staff_client.get("/intern/menschen/jonas-berger/")
    assert response.content.decode().count('class="post-list__item"') == colleagues
