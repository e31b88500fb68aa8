"""LOCAL_LOGIN_ONLY_FOR: with the company sign-in on, passwords only for break-glass accounts."""

from django.test import Client

import pytest

pytestmark = pytest.mark.django_db
PASSWORD = "ein-langes-Passwort-2026"  # noqa: S105 - a test account's  # nosec B105


@pytest.fixture
def break_glass(sso, settings, django_user_model):
    settings.LOCAL_LOGIN_ONLY_FOR = ["notfall"]
    django_user_model.objects.create_superuser("notfall", "notfall@example.com", PASSWORD)
    django_user_model.objects.create_superuser("chefin", "chefin@example.com", PASSWORD)
    return sso


def _has_password_form(response) -> bool:
    return 'name="password"' in response.content.decode()


def test_the_site_login_offers_only_the_company_account(break_glass):
    page = Client().get("/login/")
    html = page.content.decode()
    assert "/sso/login/company/" in html
    assert not _has_password_form(page)
    assert 'href="?local=1"' in html
    assert _has_password_form(Client().get("/login/?local=1"))
    # The emergency link keeps where the person wanted to go.
    assert (
        'href="?local=1&amp;next=/intern/"'
        in Client().get("/login/?next=/intern/").content.decode()
    )


def test_the_admin_login_offers_only_the_company_account(break_glass):
    page = Client().get("/admin/login/")
    assert "/sso/login/company/" in page.content.decode()
    assert not _has_password_form(page)
    assert _has_password_form(Client().get("/admin/login/?local=1"))


@pytest.mark.parametrize("door", ["/login/", "/admin/login/"])
def test_a_correct_password_of_anyone_else_is_refused(break_glass, door):
    client = Client()
    response = client.post(door, {"username": "chefin", "password": PASSWORD})

    assert "_auth_user_id" not in client.session
    # The interface speaks German by default.
    assert "Die Anmeldung mit Passwort ist hier abgeschaltet" in response.content.decode()


@pytest.mark.parametrize("door", ["/login/", "/admin/login/"])
def test_the_break_glass_account_signs_in_with_its_password(break_glass, door):
    client = Client()
    response = client.post(door, {"username": "notfall", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_without_the_setting_passwords_work_for_everyone(sso, settings, django_user_model):
    settings.LOCAL_LOGIN_ONLY_FOR = []
    django_user_model.objects.create_superuser("chefin", "chefin@example.com", PASSWORD)
    client = Client()
    assert _has_password_form(client.get("/login/"))
    client.post("/login/", {"username": "chefin", "password": PASSWORD})
    assert client.session["_auth_user_id"]


def test_without_a_provider_the_setting_changes_nothing(settings, django_user_model, site_root):
    settings.OIDC_ISSUER = ""
    settings.LOCAL_LOGIN_ONLY_FOR = ["notfall"]
    django_user_model.objects.create_superuser("chefin", "chefin@example.com", PASSWORD)
    client = Client()
    client.post("/login/", {"username": "chefin", "password": PASSWORD})
    assert client.session["_auth_user_id"]
