"""Provider-owned fields cannot be changed: not in the profile editor, the admin, a crafted POST."""

from django.test import Client

import pytest

from identity.models import CompanyAccount
from identity.profile import update_person
from people.models import Department, Person
from people.wagtail_hooks import PersonViewSet

pytestmark = pytest.mark.django_db


@pytest.fixture
def managed(settings, site_root, employee):
    """An employee whose account and profile the company's provider keeps."""
    settings.OIDC_ISSUER = "http://idp.example"
    CompanyAccount.objects.create(user=employee, issuer="http://idp.example", subject="s-1")
    person = update_person(
        employee,
        {
            "name": "Jürgen Schröder",
            "email": "juergen@nordlicht.example",
            "job_title": "Vertriebsleiter",
            "department": "Vertrieb",
            "location": "München",
        },
    )
    person.short_bio = "Segelt gern."
    person.save()
    return person


def _admin_form(person, **changes):
    form_class = PersonViewSet().get_edit_handler().get_form_class()
    data = {
        "name": person.name,
        "slug": person.slug,
        "job_title": person.job_title,
        "department": person.department_id or "",
        "short_bio": person.short_bio,
        "bio": "{}",
        "expertise": person.expertise,
        "visibility": person.visibility,
        "location": person.location,
        "internal_email": person.internal_email,
        "user": person.user_id or "",
        **changes,
    }
    return form_class(data, instance=person, for_user=None)


def test_the_admin_form_ignores_changes_to_provider_fields(managed):
    other = Department.objects.create(name="Einkauf", slug="einkauf")
    form = _admin_form(
        managed,
        name="Hacker",
        job_title="CEO",
        department=other.pk,
        location="Mallorca",
        short_bio="Neu geschrieben.",
    )
    assert form.is_valid(), form.errors
    person = form.save()
    assert (person.name, person.job_title, person.department.name, person.location) == (
        "Jürgen Schröder",
        "Vertriebsleiter",
        "Vertrieb",
        "München",
    )
    assert person.short_bio == "Neu geschrieben."  # the person's own text stays editable


def test_a_profile_without_a_company_account_stays_editable(site_root):
    person = Person.objects.create(name="Gastautorin", job_title="Freie Journalistin")
    form = _admin_form(person, job_title="Kolumnistin")
    assert form.is_valid(), form.errors
    assert form.save().job_title == "Kolumnistin"


def test_the_admin_edit_page_marks_them_read_only(managed, superuser):
    client = Client()
    client.force_login(superuser)
    body = client.get(f"/admin/snippets/people/person/edit/{managed.pk}/").content.decode()
    assert "Firmenkonto" in body or "company account" in body
    field = body[body.index('name="job_title"') - 300 : body.index('name="job_title"') + 300]
    assert "disabled" in field


def test_the_profile_editor_shows_them_and_a_crafted_post_changes_nothing(managed, employee):
    client = Client()
    client.force_login(employee)
    page = client.get("/intern/profil/").content.decode()
    assert "Vertriebsleiter" in page and "München" in page

    client.post(
        "/intern/profil/",
        {
            "short_bio": "Segelt gern, auch im Winter.",
            "job_title": "CEO",
            "name": "Hacker",
            "department": "1",
            "location": "Mallorca",
            "internal_email": "evil@example.com",
        },
    )

    managed.refresh_from_db()
    assert (managed.name, managed.job_title, managed.location) == (
        "Jürgen Schröder",
        "Vertriebsleiter",
        "München",
    )
    draft = managed.latest_revision.as_object()
    assert (draft.job_title, draft.short_bio) == ("Vertriebsleiter", "Segelt gern, auch im Winter.")


def test_a_provider_change_reaches_a_draft_awaiting_review(managed, employee):
    client = Client()
    client.force_login(employee)
    client.post("/intern/profil/", {"short_bio": "Neu."})
    managed.refresh_from_db()
    assert managed.has_unpublished_changes

    update_person(employee, {"job_title": "Vertriebsdirektor", "department": "Geschäftsführung"})
    managed.refresh_from_db()
    managed.latest_revision.publish()

    managed.refresh_from_db()
    assert (managed.job_title, managed.department.name, managed.short_bio) == (
        "Vertriebsdirektor",
        "Geschäftsführung",
        "Neu.",
    )


def test_what_the_person_wrote_survives_the_next_sign_in(managed, employee):
    managed.expertise = "Segeln, Kältemittel"
    managed.save()
    update_person(employee, {"name": "Jürgen Schröder", "job_title": "Vertriebsleiter Nord"})
    managed.refresh_from_db()
    assert (managed.short_bio, managed.expertise) == ("Segelt gern.", "Segeln, Kältemittel")
