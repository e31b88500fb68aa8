"""The public team page /menschen/: faces of everyone with a public profile."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from people.models import Person

from .conftest import make_image, restrict_to_employees

pytestmark = pytest.mark.django_db

TEAM_QUERY_BUDGET = 12


def test_team_page_shows_public_faces_grouped_by_department(client, team, team_page):
    response = client.get("/menschen/")
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"<h1[^>]*>Menschen</h1>", html)
    # Departments in their configured order, each as a heading.
    gf, dev = html.index(">Geschäftsführung</h2>"), html.index(">Forschung &amp; Entwicklung</h2>")
    assert gf < dev
    assert html.index("Dr. Katrin Albers", gf) < dev
    assert html.index("Jonas Berger") > dev
    assert 'href="/menschen/katrin-albers/"' in html
    assert 'href="/menschen/jonas-berger/"' in html
    # A department without public members gets no empty heading.
    assert "Vertrieb</h2>" not in html


def test_team_page_is_in_the_main_menu(client, team, team_page):
    html = client.get("/menschen/").content.decode()
    assert re.search(r'<a href="/menschen/" aria-current="page">Menschen</a>', html)


def test_department_filter_shows_only_that_department(client, team, team_page):
    response = client.get("/menschen/?department=entwicklung")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Jonas Berger" in html
    assert "Dr. Katrin Albers" not in html
    assert re.search(r'href="/menschen/\?department=entwicklung" aria-current="page"', html)


def test_unknown_department_is_not_found(client, team, team_page):
    assert client.get("/menschen/?department=gibt-es-nicht").status_code == 404


def test_people_without_photo_get_an_initials_avatar(client, team, team_page):
    html = client.get("/menschen/").content.decode()
    katrin = html[html.index("Dr. Katrin Albers") - 1200 : html.index("Dr. Katrin Albers")]
    assert "avatar--initials" in katrin
    assert ">KA</text>" in katrin
    # Nothing is fetched from another origin (no Gravatar).
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert all(url.startswith("http://testserver/") for url in external)


def test_people_with_photo_show_the_photo(client, team, team_page):
    html = client.get("/menschen/").content.decode()
    jonas = html[html.index("Jonas Berger") - 600 : html.index("Jonas Berger")]
    assert '<img class="avatar" src="/media/images/' in jonas


def test_draft_profile_created_in_admin_is_not_shown(client, team, team_page, make_person):
    draft = make_person("Neu Eingestellt", live=False)
    assert not draft.is_public
    assert "Neu Eingestellt" not in client.get("/menschen/").content.decode()


def _add_people(make_person, departments, number: int) -> None:
    for index in range(number):
        make_person(
            f"Kollegin {index}",
            department=list(departments.values())[index % 3],
            photo=index % 2 == 0,
        )


@pytest.mark.parametrize("extra", [3, 15])
def test_team_page_query_count_does_not_grow_with_people(
    client, team, team_page, make_person, departments, django_assert_max_num_queries, extra
):
    _add_people(make_person, departments, extra)
    client.get("/menschen/")  # renditions are created once, on the first view
    with django_assert_max_num_queries(TEAM_QUERY_BUDGET):
        response = client.get("/menschen/")
    assert response.content.decode().count('class="person-card"') == extra + 2


def test_team_page_runs_the_same_queries_for_3_and_15_people(
    client, team, team_page, make_person, departments
):
    def measure() -> int:
        client.get("/menschen/")
        with CaptureQueriesContext(connection) as queries:
            client.get("/menschen/")
        return len(queries)

    _add_people(make_person, departments, 3)
    few = measure()
    _add_people(make_person, departments, 12)
    assert measure() == few


def test_profile_page_shows_photo_with_credit(client, team, team_page):
    team["jonas"].photo = make_image("Jonas", credit="Anna Weber")
    team["jonas"].save()
    html = client.get("/menschen/jonas-berger/").content.decode()
    assert "<picture>" in html
    assert '<span class="credit">Foto: Anna Weber</span>' in html


def test_hidden_team_page_means_no_profile_links(team, team_page):
    assert team["ceo"].profile_url == "/menschen/katrin-albers/"
    team_page.unpublish()
    assert Person.objects.get(pk=team["ceo"].pk).profile_url == ""


def test_team_page_for_employees_only_links_no_profile(client, employee, team, team_page):
    restrict_to_employees(team_page)
    client.force_login(employee)
    html = client.get("/menschen/").content.decode()
    assert "Dr. Katrin Albers" in html
    assert 'href="/menschen/katrin-albers/"' not in html  # readers could not open it
    assert 'href=""' not in html


def test_profile_links_follow_the_team_page_when_it_moves(client, team, team_page):
    assert team["ceo"].profile_url == "/menschen/katrin-albers/"
    team_page.slug = "team"
    team_page.save_revision().publish()
    assert team["ceo"].profile_url == "/team/katrin-albers/"
    assert 'href="/team/katrin-albers/"' in client.get("/team/").content.decode()
