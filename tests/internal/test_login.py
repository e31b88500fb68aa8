"""Staff login in the site design, throttling per (account, address), password reset."""

import logging
import re
from datetime import timedelta

from django.core import mail
from django.test import Client
from django.utils import timezone

import pytest

from internal.models import FailedLogin, LoginLockout

pytestmark = pytest.mark.django_db

PASSWORD = "pw-for-tests-1"


def _login(client, username, password, ip="203.0.113.5"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def _fail(client, username, times, ip="203.0.113.5"):
    for _ in range(times):
        response = _login(client, username, "falsch", ip)
        assert response.status_code == 200
    return response


def test_login_page_is_in_the_site_design(client):
    html = client.get("/login/").content.decode()
    assert 'class="site-header"' in html
    assert 'name="username"' in html and 'name="password"' in html
    assert "/login/passwort/" in html
    assert "wagtail" not in html.lower().split("<body", 1)[1].split("site-footer")[0]


def test_employee_logs_in_and_lands_on_the_internal_home(client, employee, internal_index):
    response = _login(client, employee.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/intern/"


def test_login_returns_to_the_page_asked_for(client, employee, internal_index):
    response = client.post(
        "/login/", {"username": employee.username, "password": PASSWORD, "next": "/intern/"}
    )
    assert response["Location"] == "/intern/"
    response = Client().post(
        "/login/",
        {"username": employee.username, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert "evil.example" not in response["Location"]


def test_employees_have_no_admin_access(client, employee):
    client.force_login(employee)
    for path in ("/admin/", "/admin/pages/", "/admin/users/"):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "Kein Zugriff" in response.content.decode()
    # The admin's own login page stays reachable (to switch to an editor account).
    assert client.get("/admin/login/").status_code in (200, 302)


def test_editors_still_reach_the_admin(client, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_logout_is_a_post_and_ends_the_session(client, employee):
    client.force_login(employee)
    assert client.get("/logout/").status_code == 405
    response = client.post("/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_admin_logout_by_get_keeps_the_session(client, editor):
    """A link or an <img> pointing at /admin/logout/ must not sign an editor out."""
    client.force_login(editor)
    response = client.get("/admin/logout/")
    assert response.status_code == 405
    assert response.cookies.get("sessionid") is None or response.cookies["sessionid"].value
    assert client.get("/admin/").status_code == 200
    response = client.post("/admin/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_five_failures_lock_the_pair_for_fifteen_minutes(client, employee, caplog):
    caplog.set_level(logging.INFO, logger="internal.auth")
    response = _fail(client, employee.username, 5)
    assert "Zu viele fehlgeschlagene Versuche" in response.content.decode()
    assert LoginLockout.objects.filter(username=employee.username).exists()
    # Even the right password is refused now, and the session stays anonymous.
    response = _login(client, employee.username, PASSWORD)
    assert response.status_code == 200
    assert "Zu viele fehlgeschlagene Versuche" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert any("Locked staff login" in record.getMessage() for record in caplog.records)
    assert sum("Failed staff login" in record.getMessage() for record in caplog.records) == 5


def test_lockout_numbers_come_from_rate_limits(client, employee, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": (3, 60 * 60)}
    _fail(client, employee.username, 3)
    lockout = LoginLockout.objects.get(username=employee.username)
    assert lockout.locked_until > timezone.now() + timedelta(minutes=59)
    assert _login(client, employee.username, PASSWORD).status_code == 200


def test_four_failures_do_not_lock(client, employee):
    _fail(client, employee.username, 4)
    assert _login(client, employee.username, PASSWORD).status_code == 302


def test_success_clears_the_failures(client, employee):
    _fail(client, employee.username, 4)
    assert _login(client, employee.username, PASSWORD).status_code == 302
    Client().logout()
    assert not FailedLogin.objects.filter(username=employee.username).exists()


def test_lock_is_per_account_and_address(client, employee, other_employee):
    _fail(client, employee.username, 5, ip="203.0.113.5")
    # The same account from another address, and another account from this one, still work.
    assert _login(Client(), employee.username, PASSWORD, ip="198.51.100.7").status_code == 302
    assert _login(Client(), other_employee.username, PASSWORD, ip="203.0.113.5").status_code == 302


def test_account_names_are_compared_case_insensitively(client, employee):
    _fail(client, employee.username.upper(), 5)
    assert _login(Client(), employee.username, PASSWORD).status_code == 200


def test_lock_ends_after_fifteen_minutes(client, employee):
    _fail(client, employee.username, 5)
    LoginLockout.objects.update(locked_until=timezone.now() - timedelta(seconds=1))
    assert _login(client, employee.username, PASSWORD).status_code == 302


def test_failures_older_than_the_window_do_not_count(client, employee):
    _fail(client, employee.username, 4)
    FailedLogin.objects.update(at=timezone.now() - timedelta(minutes=16))
    _fail(client, employee.username, 1)
    assert _login(client, employee.username, PASSWORD).status_code == 302


def test_unknown_accounts_get_the_same_answers(client):
    response = _fail(client, "gibt.es.nicht", 5)
    assert "Zu viele fehlgeschlagene Versuche" in response.content.decode()


def test_many_accounts_from_one_address_lock_the_address(client, employee):
    for number in range(30):
        _login(client, f"rate.{number}", "falsch")
    assert _login(Client(), employee.username, PASSWORD).status_code == 200
    assert _login(Client(), employee.username, PASSWORD, ip="198.51.100.7").status_code == 302


def test_failures_on_other_login_forms_count_too(client, employee):
    """Wagtail's admin login counts failures and, once locked, refuses the right password.

    No settings override: the project's own AUTHENTICATION_BACKENDS must do it
    (tests/security/test_login_lockout.py drives all three forms with CSRF).
    """
    for _ in range(5):
        client.post(
            "/admin/login/",
            {"username": employee.username, "password": "falsch"},
            REMOTE_ADDR="203.0.113.5",
        )
    assert LoginLockout.objects.filter(username=employee.username).exists()
    client.post(
        "/admin/login/",
        {"username": employee.username, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.5",
    )
    assert "_auth_user_id" not in client.session


def test_password_reset_by_email(client, employee, django_capture_on_commit_callbacks):
    html = client.get("/login/passwort/").content.decode()
    assert 'class="site-header"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/login/passwort/", {"email": employee.email})
    assert response.status_code == 302
    assert response["Location"] == "/login/passwort/gesendet/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [employee.email]
    # The link uses the site's address (BASE_URL), not django.contrib.sites' example.com.
    assert "example.com" not in message.body
    link = re.search(r"http://testserver(/login/passwort/neu/\S+/)", message.body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Speicher-Deich-7342", "new_password2": "Speicher-Deich-7342"}
    )
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == "/login/passwort/fertig/"
    employee.refresh_from_db()
    assert employee.check_password("Speicher-Deich-7342")


def test_password_reset_does_not_reveal_unknown_addresses(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/login/passwort/", {"email": "niemand@nordlicht.example"})
    assert response["Location"] == "/login/passwort/gesendet/"
    assert mail.outbox == []
