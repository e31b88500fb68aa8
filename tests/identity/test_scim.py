"""SCIM 2.0 provisioning, with requests shaped like Entra ID's provisioning service."""

import json
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

import pytest

from identity.models import CompanyAccount
from internal.models import NotificationPreference
from people.models import Person

pytestmark = pytest.mark.django_db

TOKEN = "scim-test-token-0123456789"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


@pytest.fixture
def scim(settings, site_root):
    settings.SCIM_BEARER_TOKEN = TOKEN
    settings.OIDC_ISSUER = "https://login.microsoftonline.com/tenant-id/v2.0"
    settings.OIDC_CLIENT_ID = "stimme"
    settings.OIDC_SUBJECT_CLAIM = "oid"
    settings.OIDC_ROLE_MAP = {"8c1f-redaktion": "Editors"}
    settings.OIDC_DEFAULT_GROUPS = ["Employees"]
    return Client(HTTP_AUTHORIZATION=f"Bearer {TOKEN}")


def send(client, method, path, body=None, raw=None):
    data = raw if raw is not None else (json.dumps(body) if body is not None else "")
    return getattr(client, method)(path, data=data, content_type="application/scim+json")


def patch(client, path, *operations):
    """A SCIM PatchOp of ``operations`` (``{"op": …, "path": …, "value": …}``) to ``path``."""
    return send(client, "patch", path, {"schemas": [PATCH], "Operations": list(operations)})


def entra_user(**overrides):
    """What Entra ID's provisioning service POSTs for a new user."""
    user = {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
        "externalId": "5f2b1c8e-0b1d-4a52-9c1e-0f0d2d5b7a11",
        "userName": "oezlem.guendogan@nordlicht.example",
        "active": True,
        "displayName": "Özlem Gündoğan",
        "title": "Ingenieurin Wärmepumpen",
        "emails": [
            {"primary": True, "type": "work", "value": "oezlem.guendogan@nordlicht.example"}
        ],
        "name": {"formatted": "Özlem Gündoğan", "familyName": "Gündoğan", "givenName": "Özlem"},
        "addresses": [{"type": "work", "locality": "Flensburg"}],
        ENTERPRISE: {"department": "Forschung & Entwicklung"},
    }
    user.update(overrides)
    return user


def create(client, **overrides):
    response = send(client, "post", "/scim/v2/Users", entra_user(**overrides))
    assert response.status_code == 201, response.content
    return response.json()


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


def test_reactivation_lets_them_back_in(scim):
    body = create(scim)
    path = f"/scim/v2/Users/{body['id']}"
    patch(scim, path, {"op": "Replace", "path": "active", "value": False})
    patch(scim, path, {"op": "Replace", "path": "active", "value": "True"})
    assert CompanyAccount.objects.get(scim_id=body["id"]).user.is_active


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


def test_an_admin_links_a_local_account_by_command(settings, employee):
    settings.OIDC_ISSUER = "http://idp.example"
    call_command("link_company_account", "jana.employee", "sub-42", stdout=StringIO())
    account = CompanyAccount.objects.get(user=employee)
    assert (account.issuer, account.subject) == ("http://idp.example", "sub-42")
