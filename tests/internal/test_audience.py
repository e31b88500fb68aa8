"""Audiences: who a post is for, what the internal home shows first, and confidential posts."""

import re

from django.test import Client

import pytest

from core.visibility import can_view, visible_pages
from internal.audience import audience_users, in_audience, may_read
from people.models import Person

pytestmark = pytest.mark.django_db


def _section(html: str, heading_id: str) -> str:
    """The HTML of the home page section labelled by ``heading_id``."""
    match = re.search(rf'aria-labelledby="{heading_id}">(.*?)</section>', html, re.S)
    return match.group(1) if match else ""


@pytest.fixture
def staff(colleague):
    return {
        "jonas": colleague("jonas.berger", "dev", "Husum"),
        "lukas": colleague("lukas.petersen", "sales", "Kiel"),
        "aylin": colleague("aylin.demir", "hr", "Husum"),
        "nele": colleague("nele.carstensen", "sales", "Hamburg"),
    }


def test_post_without_audience_is_for_all_staff(make_post, staff):
    post = make_post("Sommerfest")
    assert all(in_audience(post, user) for user in staff.values())
    assert set(audience_users(post)) >= set(staff.values())


def test_department_or_location_put_a_colleague_in_the_audience(make_post, staff, departments):
    post = make_post("Servicetouren", departments=[departments["dev"]], locations=["kiel"])
    assert in_audience(post, staff["jonas"])  # department
    assert in_audience(post, staff["lukas"])  # location, case-insensitive
    assert not in_audience(post, staff["aylin"])
    assert not in_audience(post, staff["nele"])
    assert set(audience_users(post)) == {staff["jonas"], staff["lukas"]}


def test_targeted_post_is_still_readable_by_every_employee(client, make_post, staff, departments):
    post = make_post("Nur für Vertrieb", departments=[departments["sales"]])
    client.force_login(staff["jonas"])
    assert client.get(post.url).status_code == 200
    assert may_read(staff["jonas"], post)


def test_internal_home_lists_what_targets_me_first(client, make_post, staff, departments):
    make_post("Für alle, ganz neu", days_ago=0)
    make_post("Klimalabor-Termine", departments=[departments["dev"]], days_ago=5)
    make_post("Tourenplanung Kiel", locations=["Kiel"], days_ago=3)
    client.force_login(staff["jonas"])
    html = client.get("/intern/").content.decode()
    for_me = _section(html, "for-me-heading")
    rest = _section(html, "all-heading")
    assert "Klimalabor-Termine" in for_me
    assert "Für alle, ganz neu" not in for_me
    assert "Tourenplanung Kiel" not in for_me
    assert html.index("Klimalabor-Termine") < html.index("Für alle, ganz neu")
    assert "Tourenplanung Kiel" in rest and "Für alle, ganz neu" in rest
    assert "Klimalabor-Termine" not in rest  # nothing is listed twice

    client.force_login(staff["lukas"])
    html = client.get("/intern/").content.decode()
    assert "Tourenplanung Kiel" in _section(html, "for-me-heading")
    assert "Klimalabor-Termine" in _section(html, "all-heading")


def test_pinned_posts_come_first(client, make_post, staff, departments):
    make_post("Ganz frisch", days_ago=0)
    make_post("Bitte beachten: Werksruhe", pinned=True, days_ago=30)
    client.force_login(staff["aylin"])
    html = client.get("/intern/").content.decode()
    assert "Bitte beachten: Werksruhe" in _section(html, "pinned-heading")
    assert html.index("Bitte beachten: Werksruhe") < html.index("Ganz frisch")


def test_confidential_post_is_only_for_its_audience_and_authors_not_every_editor(
    client, make_post, staff, departments, editor, colleague
):
    ole = colleague("ole.hansen")  # no department: not in the audience
    author = Person.objects.get(user=ole)
    post = make_post(
        "Gehaltsrunde 2026",
        departments=[departments["hr"]],
        confidential=True,
        authors=[author],
    )
    assert may_read(staff["aylin"], post)
    assert may_read(ole, post)
    # Being an editor is no key: this one is outside the audience (issue 17).
    assert not may_read(editor, post)
    assert not may_read(staff["jonas"], post)
    assert not can_view(staff["jonas"], post)

    for outsider in (staff["jonas"], editor):
        client.force_login(outsider)
        assert client.get(post.url).status_code == 404
        assert "Gehaltsrunde" not in client.get("/intern/").content.decode()
        assert post.url not in client.get("/search/?q=Gehaltsrunde").content.decode()
        assert post.pk not in set(visible_pages(outsider).values_list("pk", flat=True))

    for user in (staff["aylin"], ole):
        reader = Client()
        reader.force_login(user)
        response = reader.get(post.url)
        assert response.status_code == 200, user
        assert "Gehaltsrunde 2026" in response.content.decode()
        assert post.url in reader.get("/search/?q=Gehaltsrunde").content.decode()


def test_confidential_post_for_all_staff_is_readable_by_all(make_post, staff):
    post = make_post("Vertraulich, aber für alle", confidential=True)
    assert all(may_read(user, post) for user in staff.values())


def test_confidential_post_is_hidden_on_the_authors_directory_page(
    client, make_post, staff, departments, colleague
):
    ole = colleague("ole.hansen")
    person = Person.objects.get(user=ole)
    make_post(
        "Vertrauliche Planung", departments=[departments["hr"]], confidential=True, authors=[person]
    )
    make_post("Offene Planung", authors=[person])
    client.force_login(staff["jonas"])
    html = client.get(f"/intern/menschen/{person.slug}/").content.decode()
    assert "Offene Planung" in html
    assert "Vertrauliche Planung" not in html


def test_home_marks_audience_and_status(client, make_post, staff, departments):
    make_post("Nur Entwicklung", departments=[departments["dev"]], locations=["Kiel"])
    make_post("Pflichtlektüre Datenschutz", must_read=True)
    client.force_login(staff["jonas"])
    html = client.get("/intern/").content.decode()
    assert "Forschung &amp; Entwicklung, Kiel" in html
    assert "Pflichtlektüre Datenschutz" in _section(html, "confirm-heading")
