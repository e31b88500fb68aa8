"""Browser journey: an employee signs in with the company account on the provider's own page.

Chromium (Playwright) against the live site and the real provider. The
provider is another origin on purpose, so these tabs do not use the e2e
suite's no-third-party-requests tab; the site's pages themselves are still
checked by that suite.
"""

import json

from django.test import Client

import pytest

from .conftest import SCIM_TOKEN

pytestmark = pytest.mark.e2e


def new_tab(browser):
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    return context, tab


def sign_in_on_provider(tab, login: str):
    """The provider's page asks only when it has no session of its own yet."""
    if tab.locator("input[name=login]").count():
        tab.fill("input[name=login]", login)
        tab.fill("input[name=password]", "geheim")
        with tab.expect_navigation():
            tab.click("button[type=submit]")


def click_company_button(tab, provider):
    """Our page sends the browser on to the provider; back at once if it knows them already."""
    tab.click(".sso-login__button")
    tab.wait_for_url(lambda url: not url.endswith("/sso/login/company/"))
    tab.wait_for_load_state()


def test_employee_signs_in_moves_department_and_is_deprovisioned(browser, seeded, company_sign_in):
    provider = company_sign_in
    provider.set_claims("oezlem.guendogan", department="Forschung & Entwicklung", location="Husum")
    context, tab = new_tab(browser)
    try:
        tab.goto(seeded + "/login/")
        click_company_button(tab, provider)
        assert tab.url.startswith(provider.issuer)
        assert tab.locator("input[name=login]").count() == 1
        sign_in_on_provider(tab, "oezlem.guendogan")
        tab.wait_for_url(seeded + "/intern/**")
        for_me = tab.locator("section[aria-labelledby=for-me-heading]").inner_text()
        assert "Klimalabor" in for_me
        assert "Servicetouren" not in for_me

        # The provider moves her to sales in Kiel; the next sign-in shows their posts.
        provider.set_claims("oezlem.guendogan", department="Vertrieb & Service", location="Kiel")
        # Signing out here signs out at the provider too: its "sign out?" page, then home.
        tab.get_by_role("button", name="Abmelden").first.click()
        tab.wait_for_url(f"{provider.issuer}/session/end**")
        with tab.expect_navigation():
            tab.click("button[name=logout][value=yes]")
        tab.wait_for_url(seeded + "/")
        tab.goto(seeded + "/login/")
        click_company_button(tab, provider)
        assert tab.locator("input[name=login]").count() == 1  # the provider asks again
        sign_in_on_provider(tab, "oezlem.guendogan")
        tab.wait_for_url(seeded + "/intern/**")
        for_me = tab.locator("section[aria-labelledby=for-me-heading]").inner_text()
        assert "Servicetouren" in for_me
        assert "Klimalabor" not in for_me

        # SCIM (as Entra sends it) deactivates her: the open session is refused next request.
        scim = Client(HTTP_AUTHORIZATION=f"Bearer {SCIM_TOKEN}")
        found = scim.get("/scim/v2/Users", {"filter": 'userName eq "oezlem.guendogan"'}).json()
        scim_id = found["Resources"][0]["id"]
        response = scim.patch(
            f"/scim/v2/Users/{scim_id}",
            data=json.dumps(
                {
                    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                    "Operations": [{"op": "Replace", "path": "active", "value": "False"}],
                }
            ),
            content_type="application/scim+json",
        )
        assert response.status_code == 200
        tab.goto(seeded + "/intern/")
        assert "/login/" in tab.url
    finally:
        context.close()


def test_an_editor_signs_in_to_the_wagtail_admin(browser, seeded, company_sign_in):
    provider = company_sign_in
    context, tab = new_tab(browser)
    try:
        tab.goto(seeded + "/admin/login/")
        click_company_button(tab, provider)
        sign_in_on_provider(tab, "baerbel.koenig")
        tab.wait_for_url(seeded + "/admin/**")
        assert tab.url.rstrip("/").endswith("/admin")
        assert tab.locator("main").count() == 1
        assert "Bärbel" in tab.content()
    finally:
        context.close()
