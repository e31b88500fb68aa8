"""Sign-in with the company account against a real OpenID Connect provider on loopback."""

from io import StringIO
from urllib.parse import parse_qs, urlsplit

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client

import pytest

from identity.models import CompanyAccount
from people.models import Person

from .conftest import provider_url, sign_in
from .provider import free_port

pytestmark = pytest.mark.django_db


def test_first_sign_in_creates_the_account_and_an_internal_profile(sso):
    client, response = sign_in(sso, "juergen.schroeder")

    assert response.status_code == 302
    account = CompanyAccount.objects.get(subject="juergen.schroeder")
    assert account.issuer == sso.issuer
    user = account.user
    assert (user.first_name, user.last_name) == ("Jürgen", "Schröder")
    assert not user.has_usable_password()
    assert set(user.groups.values_list("name", flat=True)) == {"Employees"}
    person = Person.objects.get(user=user)
    assert person.name == "Jürgen Schröder"
    assert person.job_title == "Vertriebsleiter Süd"
    assert person.department.name == "Vertrieb & Service"
    assert person.location == "Kiel"
    assert person.internal_email == "juergen.schroeder@nordlicht.example"
    assert person.visibility == Person.Visibility.INTERNAL
    assert client.get("/intern/einstellungen/").status_code == 200


def test_the_request_to_the_provider_uses_pkce_state_and_nonce(sso):
    start = Client().post("/sso/login/company/")
    query = parse_qs(urlsplit(provider_url(start)).query)
    assert provider_url(start).startswith(sso.issuer)
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) >= 43
    assert query["state"][0] and query["nonce"][0]
    assert query["response_type"] == ["code"]


def test_a_manager_named_by_email_becomes_reports_to(sso):
    sign_in(sso, "baerbel.koenig")
    sign_in(sso, "juergen.schroeder")
    juergen = Person.objects.get(user__company_account__subject="juergen.schroeder")
    assert juergen.reports_to.name == "Bärbel König"


def test_a_verified_email_links_an_existing_local_account_once(sso, employee):
    employee.email = "juergen.schroeder@nordlicht.example"
    employee.save()

    sign_in(sso, "juergen.schroeder")

    account = CompanyAccount.objects.get(subject="juergen.schroeder")
    assert account.user_id == employee.pk
    assert get_user_model().objects.filter(email__iexact=employee.email).count() == 1


def test_an_unverified_email_links_nothing(sso, employee):
    employee.email = "juergen.schroeder@nordlicht.example"
    employee.save()
    sso.set_claims("juergen.schroeder", email_verified=False)

    sign_in(sso, "juergen.schroeder")

    assert CompanyAccount.objects.get(subject="juergen.schroeder").user_id != employee.pk


def test_a_superuser_is_never_linked_by_email(sso, superuser):
    superuser.email = "juergen.schroeder@nordlicht.example"
    superuser.save()

    sign_in(sso, "juergen.schroeder")

    user = CompanyAccount.objects.get(subject="juergen.schroeder").user
    assert user.pk != superuser.pk
    assert not user.is_superuser


def test_users_are_matched_by_subject_not_by_email(sso, employee):
    sign_in(sso, "juergen.schroeder")
    first = CompanyAccount.objects.get(subject="juergen.schroeder").user_id
    # The provider now says the address is a colleague's local account's.
    sso.set_claims("juergen.schroeder", email=employee.email)

    sign_in(sso, "juergen.schroeder")

    assert CompanyAccount.objects.get(subject="juergen.schroeder").user_id == first
    assert CompanyAccount.objects.filter(user=employee).count() == 0


def test_roles_follow_the_provider_at_every_sign_in(sso):
    sign_in(sso, "baerbel.koenig")
    user = CompanyAccount.objects.get(subject="baerbel.koenig").user
    assert set(user.groups.values_list("name", flat=True)) == {"Employees", "Editors"}
    user.groups.add(Group.objects.get(name="Data protection"))  # given by hand, not mapped

    sso.set_claims("baerbel.koenig", groups=["stimme-mitarbeitende"])
    sign_in(sso, "baerbel.koenig")

    assert set(user.groups.values_list("name", flat=True)) == {"Employees", "Data protection"}


def test_no_claim_grants_superuser_or_staff(sso):
    sso.set_claims(
        "juergen.schroeder",
        groups=["stimme-mitarbeitende", "admin", "superuser", "Editors"],
        is_superuser=True,
        is_staff=True,
    )
    client, _response = sign_in(sso, "juergen.schroeder")

    user = CompanyAccount.objects.get(subject="juergen.schroeder").user
    assert not user.is_superuser and not user.is_staff
    assert set(user.groups.values_list("name", flat=True)) == {"Employees"}
    assert client.get("/admin/").status_code in (302, 403)


def test_an_editor_from_the_provider_reaches_the_wagtail_admin(sso):
    client, _response = sign_in(sso, "baerbel.koenig", next_url="/admin/")
    assert client.get("/admin/").status_code == 200


def test_department_moves_at_the_next_sign_in(sso):
    sign_in(sso, "juergen.schroeder")
    sso.set_claims("juergen.schroeder", department="Kundendienst", job_title="Teamleiter")

    sign_in(sso, "juergen.schroeder")

    person = Person.objects.get(user__company_account__subject="juergen.schroeder")
    assert (person.department.name, person.job_title) == ("Kundendienst", "Teamleiter")


def test_a_replayed_callback_is_refused_with_a_clear_page(sso):
    client = Client()
    start = client.post("/sso/login/company/")
    back = sso.sign_in(provider_url(start), "juergen.schroeder", stop_at="http://testserver/")
    path = back.removeprefix("http://testserver")
    assert client.get(path).status_code == 302

    replay = Client()
    response = replay.get(path)
    assert response.status_code == 400
    assert (
        "Firmenkonto" in response.content.decode() or "company account" in response.content.decode()
    )
    assert "_auth_user_id" not in replay.session


def test_a_tampered_state_is_refused(sso):
    client = Client()
    start = client.post("/sso/login/company/")
    back = sso.sign_in(provider_url(start), "juergen.schroeder", stop_at="http://testserver/")
    query = parse_qs(urlsplit(back).query)
    response = client.get("/sso/complete/company/", {"code": query["code"][0], "state": "x" * 32})
    assert response.status_code == 400
    assert not CompanyAccount.objects.exists()


def test_an_unknown_issuer_is_refused(sso, settings):
    # The same server under another name: its tokens name 127.0.0.1, not localhost.
    settings.OIDC_ISSUER = sso.issuer.replace("127.0.0.1", "localhost")
    client = Client()
    start = client.post("/sso/login/company/")
    back = sso.sign_in(
        provider_url(start).replace("localhost", "127.0.0.1"),
        "juergen.schroeder",
        "http://testserver/",
    )
    response = client.get(back.removeprefix("http://testserver"))
    assert response.status_code == 400
    assert not CompanyAccount.objects.exists()


def test_a_signing_key_rotation_is_followed_without_a_restart(sso):
    sign_in(sso, "juergen.schroeder")
    old_kid = sso.kid
    sso.restart()  # same issuer, new key
    assert sso.kid != old_kid

    client, response = sign_in(sso, "juergen.schroeder")

    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_a_provider_that_is_down_gets_a_clear_page_and_break_glass_still_works(
    sso, settings, superuser
):
    settings.OIDC_ISSUER = f"http://127.0.0.1:{free_port()}"  # nobody listens there
    settings.OIDC_TIMEOUT = 2
    client = Client()
    response = client.post("/sso/login/company/")
    assert response.status_code == 503
    assert "erreich" in response.content.decode() or "reached" in response.content.decode()

    response = client.post("/login/", {"username": "root.admin", "password": "pw-for-tests-1"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_login_pages_offer_the_company_account(sso):
    for url in ("/login/", "/admin/login/"):
        body = Client().get(url).content.decode()
        assert 'action="/sso/login/company/"' in body, url


def test_without_a_provider_nothing_changes(settings, site_root, employee):
    settings.OIDC_ISSUER = ""
    client = Client()
    assert 'action="/sso/login/company/"' not in client.get("/login/").content.decode()
    assert client.post("/sso/login/company/").status_code == 404
    response = client.post("/login/", {"username": "jana.employee", "password": "pw-for-tests-1"})
    assert response.status_code == 302


def test_entra_app_roles_in_the_roles_claim_give_groups(sso, settings):
    """Entra: app roles (names, never group ids, and never cut off above 200 groups)."""
    settings.OIDC_ROLES_CLAIM = "roles"
    settings.OIDC_ROLE_MAP = {"Stimme.Employee": "Employees", "Stimme.Editor": "Editors"}
    sso.set_claims("baerbel.koenig", groups=None, roles=["Stimme.Employee", "Stimme.Editor"])

    client, _response = sign_in(sso, "baerbel.koenig", next_url="/admin/")

    user = CompanyAccount.objects.get(subject="baerbel.koenig").user
    assert set(user.groups.values_list("name", flat=True)) == {"Employees", "Editors"}
    assert client.get("/admin/").status_code == 200


def test_a_role_map_naming_an_unknown_group_stops_the_checks(settings):
    settings.OIDC_ROLE_MAP = {"stimme-admins": "Administratoren"}
    with pytest.raises(SystemCheckError, match=r"identity\.E001.*Administratoren"):
        call_command("check", stdout=StringIO(), stderr=StringIO())
