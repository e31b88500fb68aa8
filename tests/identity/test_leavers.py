"""Leavers without SCIM: no sign-in for N days deactivates; the provider's word wins at sign-in."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

import pytest

from identity.leavers import deactivate
from identity.models import CompanyAccount

from .conftest import sign_in

pytestmark = pytest.mark.django_db


def _account(user, days_ago):
    account = CompanyAccount.objects.create(
        user=user, issuer="http://idp.example", subject=user.username
    )
    account.last_sign_in_at = timezone.now() - timedelta(days=days_ago)
    account.save()
    return account


def test_no_sign_in_for_n_days_deactivates_and_ends_the_session(
    settings, site_root, employee, other_employee, author_user
):
    settings.IDENTITY_DORMANT_DAYS = 90
    _account(employee, days_ago=91)
    _account(other_employee, days_ago=89)
    # author_user is a local account (no provider): never touched by this rule.
    author_user.last_login = timezone.now() - timedelta(days=400)
    author_user.save()
    browser = Client()
    browser.force_login(employee)
    assert browser.get("/intern/einstellungen/").status_code == 200

    out = StringIO()
    call_command("deactivate_dormant", stdout=out)

    assert "1 deactivated: jana.employee" in out.getvalue()
    for user in (employee, other_employee, author_user):
        user.refresh_from_db()
    assert (employee.is_active, other_employee.is_active, author_user.is_active) == (
        False,
        True,
        True,
    )
    assert browser.get("/intern/einstellungen/").status_code == 302
    assert employee.company_account.left_because == CompanyAccount.LeftBecause.DORMANT


def test_the_rule_is_off_by_default(settings, employee):
    settings.IDENTITY_DORMANT_DAYS = 0
    _account(employee, days_ago=1000)
    call_command("deactivate_dormant", stdout=StringIO())
    employee.refresh_from_db()
    assert employee.is_active


def test_a_dormant_account_that_signs_in_at_the_provider_is_back(sso, settings):
    sign_in(sso, "juergen.schroeder")
    account = CompanyAccount.objects.get(subject="juergen.schroeder")
    settings.IDENTITY_DORMANT_DAYS = 30
    account.last_sign_in_at = timezone.now() - timedelta(days=31)
    account.save()
    call_command("deactivate_dormant", stdout=StringIO())
    account.user.refresh_from_db()
    assert not account.user.is_active

    client, _response = sign_in(sso, "juergen.schroeder")

    account.user.refresh_from_db()
    assert account.user.is_active
    assert "_auth_user_id" in client.session


def test_an_account_the_provider_deactivated_cannot_sign_in(sso):
    sign_in(sso, "juergen.schroeder")
    user = CompanyAccount.objects.get(subject="juergen.schroeder").user
    deactivate(user, CompanyAccount.LeftBecause.PROVIDER)

    client, response = sign_in(sso, "juergen.schroeder")

    assert response["Location"] == "/sso/gesperrt/"
    assert "_auth_user_id" not in client.session
    assert client.get("/sso/gesperrt/").status_code == 403
