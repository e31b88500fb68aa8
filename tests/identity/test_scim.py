"""SCIM 2.0 provisioning, with requests shaped like Entra ID's provisioning service."""

from django.contrib.auth import get_user_model
from django.test import Client

import pytest

from identity.models import CompanyAccount
from internal.audience import audience_users
from internal.models import NotificationPreference
from people.models import Person

from .scim_requests import ENTERPRISE, TOKEN, create, entra_user, patch, send

pytestmark = pytest.mark.django_db


def test_entra_creates_a_user_with_profile_and_employee_role(scim):
    body = create(scim)

    assert body["userName"] == "oezlem.guendogan@nordlicht.example"
    assert body["active"] is True
    assert body[ENTERPRISE]["department"] == "Forschung & Entwicklung"
    account = CompanyAccount.objects.get(scim_id=body["id"])
    assert account.subject == "5f2b1c8e-0b1d-4a52-9c1e-0f0d2d5b7a11"  # Entra's oid
    person = Person.objects.get(user=account.user)
    assert (person.name, person.job_title, person.location) == (
        "Özlem Gündoğan",
        "Ingenieurin Wärmepumpen",
        "Flensburg",
    )
    assert person.visibility == Person.Visibility.INTERNAL
    assert not account.user.has_usable_password()


def test_filter_by_user_name_finds_the_user_and_nobody_else(scim):
    body = create(scim)
    found = scim.get(
        "/scim/v2/Users", {"filter": 'userName eq "oezlem.guendogan@nordlicht.example"'}
    )
    assert found.status_code == 200
    assert found.json()["totalResults"] == 1
    assert found.json()["Resources"][0]["id"] == body["id"]
    nobody = scim.get("/scim/v2/Users", {"filter": 'userName eq "niemand@nordlicht.example"'})
    assert nobody.json()["totalResults"] == 0


def test_entra_patch_replaces_attributes_by_their_paths(scim):
    boss = create(
        scim,
        userName="baerbel.koenig@nordlicht.example",
        externalId="b-1",
        displayName="Bärbel König",
        emails=[{"primary": True, "type": "work", "value": "baerbel.koenig@nordlicht.example"}],
    )
    body = create(scim)
    response = patch(
        scim,
        f"/scim/v2/Users/{body['id']}",
        {"op": "Replace", "path": "title", "value": "Leiterin Entwicklung"},
        {"op": "Replace", "path": f"{ENTERPRISE}:department", "value": "Einkauf"},
        {"op": "Replace", "path": 'addresses[type eq "work"].locality', "value": "Kiel"},
        {"op": "Add", "path": f"{ENTERPRISE}:manager", "value": boss["id"]},
    )
    assert response.status_code == 200, response.content
    person = Person.objects.get(user__company_account__scim_id=body["id"])
    assert (person.job_title, person.department.name, person.location) == (
        "Leiterin Entwicklung",
        "Einkauf",
        "Kiel",
    )
    assert person.reports_to.name == "Bärbel König"


def test_active_false_locks_the_leaver_out_at_the_next_request(scim, employee, internal_index):
    body = create(scim)
    colleague = Client()
    colleague.force_login(employee)
    assert "Özlem" in colleague.get("/intern/menschen/").content.decode()
    user = CompanyAccount.objects.get(scim_id=body["id"]).user
    browser = Client()
    browser.force_login(user, backend="identity.backend.CompanyOpenIdConnect")
    token = NotificationPreference.for_user(user).regenerate_feed_token()
    assert browser.get("/intern/einstellungen/").status_code == 200
    assert Client().get(f"/intern/feed/{token}/").status_code == 200

    response = patch(
        scim,
        f"/scim/v2/Users/{body['id']}",
        {"op": "Replace", "path": "active", "value": "False"},
    )

    assert response.status_code == 200
    assert response.json()["active"] is False
    assert browser.get("/intern/einstellungen/").status_code == 302  # session over
    assert Client().get(f"/intern/feed/{token}/").status_code == 404
    user.refresh_from_db()
    assert not user.is_active
    # Off the directory, but the profile stays for bylines.
    assert "Özlem" not in colleague.get("/intern/menschen/").content.decode()
    assert Person.objects.filter(user=user).exists()


def test_delete_deactivates_and_deletes_nothing(scim):
    body = create(scim)
    account = CompanyAccount.objects.get(scim_id=body["id"])

    response = send(scim, "delete", f"/scim/v2/Users/{body['id']}")

    assert response.status_code == 204
    account.refresh_from_db()
    assert not account.user.is_active
    assert Person.objects.filter(user=account.user).exists()
    assert send(scim, "get", f"/scim/v2/Users/{body['id']}").status_code == 404


def test_a_deleted_leaver_is_out_at_the_next_request_and_off_the_mail_list(scim, internal_post):
    body = create(scim)
    user = CompanyAccount.objects.get(scim_id=body["id"]).user
    browser = Client()
    browser.force_login(user, backend="identity.backend.CompanyOpenIdConnect")
    assert browser.get("/intern/einstellungen/").status_code == 200
    assert user in audience_users(internal_post)  # an all-staff post's mail would reach her

    assert send(scim, "delete", f"/scim/v2/Users/{body['id']}").status_code == 204

    assert browser.get("/intern/einstellungen/").status_code == 302
    assert user not in audience_users(internal_post)
    assert Person.objects.get(user=user).name == "Özlem Gündoğan"  # still the byline


def test_reactivation_lets_them_back_in_but_not_their_old_sessions(scim):
    body = create(scim)
    user = CompanyAccount.objects.get(scim_id=body["id"]).user
    company_session, password_session = Client(), Client()
    company_session.force_login(user, backend="identity.backend.CompanyOpenIdConnect")
    password_session.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    path = f"/scim/v2/Users/{body['id']}"
    patch(scim, path, {"op": "Replace", "path": "active", "value": False})
    patch(scim, path, {"op": "Replace", "path": "active", "value": "True"})

    user.refresh_from_db()
    assert user.is_active
    for old in (company_session, password_session):
        assert old.get("/intern/einstellungen/").status_code == 302
    fresh = Client()
    fresh.force_login(user, backend="identity.backend.CompanyOpenIdConnect")
    assert fresh.get("/intern/einstellungen/").status_code == 200


def test_groups_give_and_take_mapped_roles(scim):
    user = create(scim)
    group = send(
        scim,
        "post",
        "/scim/v2/Groups",
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
            "displayName": "Stimme Redaktion",
            "externalId": "8c1f-redaktion",
            "members": [{"value": user["id"]}],
        },
    )
    assert group.status_code == 201, group.content
    account = CompanyAccount.objects.get(scim_id=user["id"])
    assert set(account.user.groups.values_list("name", flat=True)) == {"Employees", "Editors"}

    response = patch(
        scim,
        f"/scim/v2/Groups/{group.json()['id']}",
        {"op": "Remove", "path": f'members[value eq "{user["id"]}"]'},
    )
    assert response.status_code == 200, response.content
    assert set(account.user.groups.values_list("name", flat=True)) == {"Employees"}
    assert not account.user.is_superuser and not account.user.is_staff


@pytest.mark.parametrize(
    "headers",
    [{}, {"HTTP_AUTHORIZATION": "Bearer wrong"}, {"HTTP_AUTHORIZATION": f"Basic {TOKEN}"}],
)
def test_a_wrong_token_is_refused_and_changes_nothing(scim, headers):
    response = send(Client(**headers), "post", "/scim/v2/Users", entra_user())
    assert response.status_code == 401
    assert response.json()["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
    assert not CompanyAccount.objects.exists()


def test_without_a_token_configured_there_is_no_scim(scim, settings):
    settings.SCIM_BEARER_TOKEN = ""
    assert send(scim, "get", "/scim/v2/Users").status_code == 404


def test_malformed_json_is_a_scim_error(scim):
    response = send(scim, "post", "/scim/v2/Users", raw="{not json")
    assert response.status_code == 400
    assert response.json()["scimType"] == "invalidSyntax"
    assert not CompanyAccount.objects.exists()


def test_unknown_attributes_are_refused_and_nothing_is_written(scim):
    response = send(scim, "post", "/scim/v2/Users", entra_user(shoeSize=44))
    assert response.status_code == 400
    assert response.json()["scimType"] == "invalidValue"
    assert not get_user_model().objects.filter(username__startswith="oezlem").exists()


def test_a_bad_patch_writes_nothing(scim):
    body = create(scim)
    response = patch(
        scim,
        f"/scim/v2/Users/{body['id']}",
        {"op": "Replace", "path": "title", "value": "Neu"},
        {"op": "Replace", "path": "nosuchattribute", "value": "x"},
    )
    assert response.status_code == 400
    assert Person.objects.get(user__company_account__scim_id=body["id"]).job_title == (
        "Ingenieurin Wärmepumpen"
    )


def test_a_user_that_does_not_exist_is_a_scim_404(scim):
    for path in ("/scim/v2/Users/00000000-0000-0000-0000-000000000000", "/scim/v2/Users/kaputt"):
        response = patch(scim, path)
        assert response.status_code == 404
        assert response.json()["status"] == "404"


def test_a_second_user_with_the_same_user_name_is_a_conflict(scim):
    create(scim)
    response = send(scim, "post", "/scim/v2/Users", entra_user(externalId="other"))
    assert response.status_code == 409
    assert response.json()["scimType"] == "uniqueness"


def test_a_local_account_with_the_same_email_is_linked_and_keeps_its_history(scim, employee):
    employee.email = "oezlem.guendogan@nordlicht.example"
    employee.save()
    token = NotificationPreference.for_user(employee).regenerate_feed_token()

    body = create(scim)

    account = CompanyAccount.objects.get(scim_id=body["id"])
    assert account.user_id == employee.pk
    assert NotificationPreference.objects.get(user=employee).feed_token == token
