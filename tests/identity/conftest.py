import shutil

from django.test import Client

import pytest

from .provider import ACCOUNTS, Provider, provider_settings
from .scim_requests import TOKEN


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    """A real OpenID Connect provider for this module, with its own copy of the accounts."""
    accounts = tmp_path_factory.mktemp("oidc") / "accounts.json"
    shutil.copy(ACCOUNTS, accounts)
    started = Provider(accounts, ["http://testserver/sso/complete/company/"])
    yield started
    started.stop()


@pytest.fixture
def sso(settings, provider, site_root):
    """Single sign-on configured against the running provider; accounts reset per test."""
    shutil.copy(ACCOUNTS, provider.accounts_file)
    provider_settings(settings, provider)
    return provider


@pytest.fixture
def scim(settings, site_root):
    """SCIM on, as Entra ID is set up (subject claim ``oid``); a client with the token."""
    settings.SCIM_BEARER_TOKEN = TOKEN
    settings.OIDC_ISSUER = "https://login.microsoftonline.com/tenant-id/v2.0"
    settings.OIDC_CLIENT_ID = "stimme"
    settings.OIDC_SUBJECT_CLAIM = "oid"
    settings.OIDC_ROLE_MAP = {"8c1f-redaktion": "Editors"}
    settings.OIDC_DEFAULT_GROUPS = ["Employees"]
    return Client(HTTP_AUTHORIZATION=f"Bearer {TOKEN}")


def provider_url(start) -> str:
    """Where our begin view sends the browser (by a page of ours: see identity.views)."""
    assert start.status_code == 200, start.content[:300]
    return start.context["provider_url"]


def sign_in(provider, login: str, client: Client | None = None, next_url: str = "", browser=None):
    """The whole code flow: our begin view, the provider's login page, our callback."""
    client = client or Client()
    start = client.post("/sso/login/company/", {"next": next_url} if next_url else {})
    back = provider.sign_in(
        provider_url(start), login, stop_at="http://testserver/", browser=browser
    )
    response = client.get(back.removeprefix("http://testserver"))
    return client, response
