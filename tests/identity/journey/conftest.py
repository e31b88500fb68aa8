"""The browser fixtures (live server, seeded demo company, Chromium) plus the provider for them."""

import shutil

import pytest

from tests.fixtures.browser import *  # noqa: F403 - the browser fixtures, by name

from ..provider import ACCOUNTS, Provider, provider_settings

SCIM_TOKEN = "journey-scim-token"


@pytest.fixture(scope="module")
def journey_provider(site_server, tmp_path_factory):
    accounts = tmp_path_factory.mktemp("oidc-journey") / "accounts.json"
    shutil.copy(ACCOUNTS, accounts)
    started = Provider(
        accounts,
        [f"{site_server.url}/sso/complete/company/"],
        post_logouts=(f"{site_server.url}/",),
    )
    yield started
    started.stop()


@pytest.fixture
def company_sign_in(seeded, settings, journey_provider):
    provider_settings(settings, journey_provider)
    settings.SCIM_BEARER_TOKEN = SCIM_TOKEN
    return journey_provider
