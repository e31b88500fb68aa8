"""axe-core on every page type, public and internal, on a phone and a desktop.

Each page type is checked at 375 px and 1280 px wide: zero violations of
impact "serious" or "critical" (WCAG 2.2 AA is the target; axe's
best-practice rules run too). A full-page screenshot of each is written to
``tests/e2e/screenshots/`` (git-ignored) for a person to look at.

axe-core comes from the ``axe-playwright-python`` wheel (it bundles
``axe.min.js``, MPL-2.0), injected through the DevTools protocol, so the
site's strict Content-Security-Policy stays on and nothing is downloaded
while the tests run.

What axe cannot check, and how it is checked instead:
- Keyboard operation and a visible focus indicator at every stop (2.1.1,
  2.4.3, 2.4.7) and focus not hidden under a sticky header (2.4.11):
  ``test_journey_keyboard`` and the skip-link test in
  ``test_journey_foundation`` tab through a real page and read the computed
  outline/box-shadow of ``document.activeElement``.
- Reflow at 320 px without horizontal scrolling (1.4.10):
  ``test_journey_foundation::test_layout_works_on_a_small_phone`` and the
  375 px pass here (``no_horizontal_scroll``).
- Everything working without JavaScript (progressive enhancement):
  ``test_without_javascript``.
- Language of parts (3.1.2), meaningful alt text and link text, sensible
  heading order as content, error messages that say how to fix the input
  (3.3.1, 3.3.3), target size of inline links, consistent help (3.2.6) and
  accessible authentication (3.3.8): axe sees only whether text exists, not
  whether it makes sense. They were checked by reading the templates and the
  screenshots; the login form uses a plain password field that password
  managers fill (no puzzle, no copy block), which meets 3.3.8.
- Colour contrast over images and gradients, where axe reports "needs
  review" instead of pass/fail: the hero images carry no text on top.
"""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from comments.models import StimmeComment
from tests.helpers.browser import DESKTOP, PHONE, SCREENSHOTS, log_in

pytestmark = pytest.mark.e2e

BLOCKING_IMPACTS = {"serious", "critical"}

PUBLIC_PAGES = {
    "home": "/",
    "blog-index": "/blog/",
    "category": "/blog/category/speicher/",
    "tag": "/blog/tag/speicher/",
    "author": "/blog/author/jonas-berger/",
    "blog-post": "/blog/schichtenspeicher-richtig-dimensionieren/",
    "search": "/search/?q=W%C3%A4rmepumpe",
    "team": "/menschen/",
    "person": "/menschen/katrin-albers/",
    "standard-page": "/impressum/",
    "post-with-poll": "/blog/kommunikation-in-beide-richtungen/",
    "community-guidelines": "/diskussionsregeln/",
    "comment-reply": "reply to Sven Ketelsen's question",  # resolved in reply_page_path()
    "login": "/login/",
    "not-found": "/diese-seite-gibt-es-nicht/",
}
INTERNAL_PAGES = {
    "internal-home": "/intern/",
    "internal-post": "/intern/rekordjahr-und-wie-weiter/",
    "internal-must-read": "/intern/reisekostenrichtlinie-2026/",
    "staff-directory": "/intern/menschen/",
    "staff-profile": "/intern/menschen/katrin-albers/",
    "profile-edit": "/intern/profil/",
    "settings": "/intern/einstellungen/",
    "internal-post-with-closed-poll": "/intern/sommerfest-husumer-hafen/",
}

_axe = Axe()


def blocking_violations(page) -> list[str]:
    """axe's serious and critical findings on the current page, one readable line each."""
    results = _axe.run(page)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] not in BLOCKING_IMPACTS:
            continue
        targets = ", ".join(str(node["target"]) for node in violation["nodes"][:4])
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
    return found


def check_page(page, base_url: str, name: str, path: str) -> None:
    problems = []
    for width_name, viewport in (("375", PHONE), ("1280", DESKTOP)):
        page.set_viewport_size(viewport)
        response = page.goto(base_url + path)
        expected = 404 if name == "not-found" else 200
        assert response.status == expected, f"{path} answered {response.status}"
        assert not re.search(r"/login/\?next=", page.url), f"{path} sent us to the login"
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=Path(SCREENSHOTS, f"{name}-{width_name}.png"), full_page=True)
        problems += [f"{width_name}px {line}" for line in blocking_violations(page)]
        if viewport is PHONE:
            no_horizontal_scroll = page.evaluate(
                "document.documentElement.scrollWidth <= window.innerWidth"
            )
            if not no_horizontal_scroll:
                problems.append(f"{width_name}px: page scrolls sideways (WCAG 1.4.10)")
    assert problems == [], f"{name} {path}:\n" + "\n".join(problems)


def reply_page_path() -> str:
    """The no-JavaScript reply page (comment form of the other helper's app, checked here too)."""
    question = StimmeComment.objects.get(user_name="Sven Ketelsen")
    return f"/comments/reply/{question.pk}/"


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_has_no_serious_accessibility_violations(page, seeded, name):
    path = reply_page_path() if name == "comment-reply" else PUBLIC_PAGES[name]
    check_page(page, seeded, name, path)


@pytest.mark.parametrize("name", INTERNAL_PAGES)
def test_internal_page_has_no_serious_accessibility_violations(page, seeded, name):
    log_in(page, seeded, "jonas.berger")
    check_page(page, seeded, name, INTERNAL_PAGES[name])


def test_the_checker_itself_reports_a_known_violation(page):
    """Guards the checks above against passing because axe never ran."""
    page.set_content('<html lang="de"><title>x</title><main><img src="data:,"></main></html>')
    assert any(line.startswith("image-alt (critical)") for line in blocking_violations(page))
