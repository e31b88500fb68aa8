"""People and departments in the Wagtail admin: snippets with search, filters and history."""

from django.core.exceptions import ValidationError

import pytest

from people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_editors_see_people_with_search_and_filters(editor_client, team):
    response = editor_client.get("/admin/snippets/people/person/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jonas Berger" in html and "Henrik Wolff" in html
    searched = editor_client.get("/admin/snippets/people/person/?q=henrik").content.decode()
    assert "Henrik Wolff" in searched and "Jonas Berger" not in searched
    filtered = editor_client.get(
        "/admin/snippets/people/person/?visibility=internal"
    ).content.decode()
    assert "Henrik Wolff" in filtered and "Jonas Berger" not in filtered


def test_editors_manage_departments(editor_client, departments):
    response = editor_client.get("/admin/snippets/people/department/")
    assert response.status_code == 200
    assert "Forschung &amp; Entwicklung" in response.content.decode()
    edit = editor_client.get(f"/admin/snippets/people/department/edit/{departments['dev'].pk}/")
    assert edit.status_code == 200


def test_editor_edits_and_publishes_a_profile_with_history(editor_client, team):
    jonas = team["jonas"]
    url = f"/admin/snippets/people/person/edit/{jonas.pk}/"
    html = editor_client.get(url).content.decode()
    assert 'name="phone"' in html and 'name="visibility"' in html
    assert (
        editor_client.get(f"/admin/snippets/people/person/history/{jonas.pk}/").status_code == 200
    )


def test_employees_without_admin_access_cannot_open_the_admin(client, employee, team):
    client.force_login(employee)
    response = client.get("/admin/snippets/people/person/")
    assert response.status_code in (302, 403)


def test_nobody_reports_to_themselves_even_indirectly(team):
    ceo = team["ceo"]
    ceo.reports_to = team["jonas"]  # Jonas already reports to the CEO
    with pytest.raises(ValidationError):
        ceo.full_clean()
    ceo.reports_to = ceo
    with pytest.raises(ValidationError):
        ceo.full_clean()


def test_slugs_are_made_from_names_and_stay_unique(db):
    first = Person.objects.create(name="Anna Weber")
    second = Person.objects.create(name="Anna Weber")
    assert (first.slug, second.slug) == ("anna-weber", "anna-weber-2")
