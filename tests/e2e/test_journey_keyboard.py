"""Journey 5: a keyboard-only reader reaches and submits the comment form.

Tab moves between controls and Enter activates them; typing fills the
fields, and Space ticks the consent checkbox (Enter does not toggle a
checkbox in any browser). At every stop the focused element must show a
visible focus indicator (an outline or a box-shadow, WCAG 2.4.7) and must
not be hidden under anything else, such as a sticky header (WCAG 2.4.11).
"""

import pytest

pytestmark = pytest.mark.e2e

POST = "/blog/schichtenspeicher-richtig-dimensionieren/"
MAX_TABS = 200

# What the focused element looks like, and whether something else covers it.
FOCUS_STATE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + Math.min(box.height, 20) / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  return {
    what: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + " " +
          (el.getAttribute("aria-label") || el.textContent || el.name || "").trim().slice(0, 40),
    id: el.id,
    type: el.type || "",
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== "none",
    inView: box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
    uncovered: !!top && (el === top || el.contains(top) || top.contains(el) ||
                         (el.labels && [...el.labels].some(l => l.contains(top)))),
  };
}"""


def tab(page) -> dict:
    """Press Tab once; fail unless the newly focused element visibly shows its focus."""
    page.keyboard.press("Tab")
    state = page.evaluate(FOCUS_STATE)
    assert state["outline"] or state["shadow"], f"no visible focus indicator on {state['what']}"
    assert state["inView"] and state["uncovered"], f"focused but hidden: {state['what']}"
    return state


def tab_until(page, predicate) -> dict:
    for _ in range(MAX_TABS):
        state = tab(page)
        if predicate(state):
            return state
    raise AssertionError("never reached the control with the keyboard")


def test_keyboard_reader_reaches_and_submits_the_comment_form(page, seeded):
    page.goto(seeded + POST)
    tab_until(page, lambda s: s["id"] == "id_name")
    page.keyboard.type("Keno Tastatur")
    tab_until(page, lambda s: s["id"] == "id_email")
    page.keyboard.type("keno.tastatur@example.org")
    tab_until(page, lambda s: s["id"] == "id_comment")
    page.keyboard.type("Gute Tabelle! Gilt der Richtwert auch für Altbauten mit Heizkörpern?")
    tab_until(page, lambda s: s["id"] == "id_consent")
    page.keyboard.press("Space")
    assert page.locator("#id_consent").is_checked()
    tab_until(page, lambda s: s["type"] == "submit")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.get_by_role("heading", level=1).inner_text() == "Prüfen Sie Ihr Postfach"
    assert "keno.tastatur@example.org" in page.locator("main").inner_text()
