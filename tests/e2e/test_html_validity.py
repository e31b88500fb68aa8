"""Every page type of the seeded demo is valid HTML for the current W3C Nu checker.

The pages come from a real server (the live server of ``conftest``, seeded
with the demo company), fetched as a reader and as a signed-in employee
would get them; all of them are then checked in one run of ``vnu.jar``.
Errors fail the test; warnings are printed (``pytest -s``) for a person to
read, since some of them are advice rather than faults.
"""

import re

import pytest

from tests.helpers.browser import DEMO_PASSWORD
from tests.reliability.processes import Browser

from .nu_checker import errors, require_checker, validate

pytestmark = pytest.mark.e2e

PUBLIC_PAGES = {
    "home": "/",
    "blog index": "/blog/",
    # German title, pictures and a lively comment thread.
    "post with images and comments": "/blog/grosswaermepumpe-stadtwerke-husum/",
    "post with a video": "/blog/storage-and-wind-curtailment/",
    "post with a poll": "/blog/kommunikation-in-beide-richtungen/",
    "team": "/menschen/",
    "person": "/menschen/katrin-albers/",
}
EMPLOYEE_PAGES = {
    "internal home": "/intern/",
    "internal post with comments": "/intern/rekordjahr-und-wie-weiter/",
    "internal post with a closed poll": "/intern/sommerfest-husumer-hafen/",
}


def fetch_pages(browser: Browser, paths: dict[str, str]) -> dict[str, str]:
    documents = {}
    for name, path in paths.items():
        answer = browser.get(path)
        assert answer.status == 200, f"{name} ({path}) answered {answer.status}"
        documents[f"{name} ({path})"] = answer.text
    return documents


def log_in(browser: Browser, username: str) -> None:
    """Sign in through the login form, CSRF token included, as a browser would."""
    form = browser.get("/login/").text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    answer = browser.post(
        "/login/",
        {"csrfmiddlewaretoken": token, "username": username, "password": DEMO_PASSWORD},
    )
    assert answer.status == 302, f"login as {username} failed ({answer.status})"


@pytest.fixture(scope="session")
def checker():
    """Java and vnu.jar, looked for before the (slow) seeded site is set up."""
    require_checker()


def test_public_and_internal_pages_have_no_html_errors(checker, seeded):
    documents = fetch_pages(Browser(seeded), PUBLIC_PAGES)
    employee = Browser(seeded)
    log_in(employee, "jonas.berger")
    documents |= fetch_pages(employee, EMPLOYEE_PAGES)

    findings = validate(documents)

    for name, messages in findings.items():
        for message in messages:
            if message.kind != "error":
                print(f"{name}: {message}")
    invalid = {name: errors(messages) for name, messages in findings.items() if errors(messages)}
    assert invalid == {}, "\n".join(
        f"{name}:\n  " + "\n  ".join(str(message) for message in found)
        for name, found in invalid.items()
    )
