"""Sessions follow the provider: re-checked every N minutes, never on every request."""

import json

from django.test import Client

import pytest

from identity.sessions import CHECKED_AT_KEY, REFRESH_TOKEN_KEY

from .conftest import sign_in

pytestmark = pytest.mark.django_db
PAGE = "/intern/einstellungen/"


def move_last_check_back(client, minutes: float):
    session = client.session
    session[CHECKED_AT_KEY] -= minutes * 60
    session.save()


def disable_at_provider(provider, login: str):
    accounts = provider.accounts()
    del accounts[login]
    provider.accounts_file.write_text(json.dumps(accounts, ensure_ascii=False))


@pytest.fixture
def signed_in(sso, settings):
    settings.OIDC_SESSION_CHECK_MINUTES = 10
    client, _response = sign_in(sso, "juergen.schroeder")
    assert client.session.get(REFRESH_TOKEN_KEY)
    assert client.get(PAGE).status_code == 200
    return client


def test_an_account_disabled_at_the_provider_is_out_after_the_check_interval(sso, signed_in):
    disable_at_provider(sso, "juergen.schroeder")
    # Within the interval nothing asks the provider: still signed in.
    move_last_check_back(signed_in, 9)
    assert signed_in.get(PAGE).status_code == 200

    move_last_check_back(signed_in, 2)  # now 11 minutes since the last check
    response = signed_in.get(PAGE)

    assert response.status_code == 302
    assert "_auth_user_id" not in signed_in.session


def test_a_still_valid_account_stays_and_is_not_asked_again_at_once(sso, signed_in):
    move_last_check_back(signed_in, 11)
    assert signed_in.get(PAGE).status_code == 200  # checked: fine
    disable_at_provider(sso, "juergen.schroeder")
    assert signed_in.get(PAGE).status_code == 200  # next check only in 10 minutes


def test_a_provider_that_is_down_does_not_sign_everyone_out(sso, signed_in):
    sso.stop()
    try:
        move_last_check_back(signed_in, 11)
        assert signed_in.get(PAGE).status_code == 200
    finally:
        sso.start()


def test_local_sessions_are_never_checked(sso, employee):
    sso.stop()
    try:
        client = Client()
        client.force_login(employee)
        assert client.get(PAGE).status_code == 200
    finally:
        sso.start()
