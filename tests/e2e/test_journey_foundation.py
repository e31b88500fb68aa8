"""A first-time reader finds their way around the site with mouse and keyboard."""

import pytest

pytestmark = pytest.mark.e2e


def test_reader_switches_to_english_and_back(page, seeded):
    page.goto(seeded + "/")
    assert page.locator("html").get_attribute("lang") == "de"
    page.get_by_role("link", name="English").click()
    page.wait_for_url(seeded + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Skip to content").count() == 1
    page.get_by_role("link", name="Deutsch").click()
    assert page.locator("html").get_attribute("lang") == "de"


def test_keyboard_user_reaches_main_content_through_the_skip_link(page, seeded):
    page.goto(seeded + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Zum Inhalt springen"
    assert page.locator(".skip-link").evaluate("el => getComputedStyle(el).top") != "-48px"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_layout_works_on_a_small_phone(new_tab, seeded):
    tab = new_tab(viewport={"width": 320, "height": 640})
    tab.goto(seeded + "/")
    overflow = tab.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert overflow is False


def test_footer_leads_to_imprint_and_privacy(page, seeded):
    page.goto(seeded + "/")
    page.get_by_role("contentinfo").get_by_role("link", name="Impressum").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Impressum"
    page.get_by_role("contentinfo").get_by_role("link", name="Datenschutz").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Datenschutz"
