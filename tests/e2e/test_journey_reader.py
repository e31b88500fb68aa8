"""A public reader finds a post through search, reads it and meets its author."""

from django.core.management import call_command

import pytest

pytestmark = pytest.mark.e2e


def test_reader_finds_a_post_through_search_and_meets_the_author(page, seeded):
    # The demo seeds through tasks; make sure the search index is complete.
    call_command("update_index", verbosity=0)
    page.goto(seeded + "/")
    page.get_by_role("searchbox").fill("Schichtenspeicher")
    page.get_by_role("searchbox").press("Enter")
    page.wait_for_url("**/search/?q=Schichtenspeicher")
    results = page.locator(".search-result__title a")
    assert results.count() >= 1
    title = results.first.inner_text()
    results.first.click()
    assert page.get_by_role("heading", level=1).inner_text() == title
    assert "Lesedauer" in page.locator("main").inner_text()

    author_box = page.locator(".author-box").first
    author_name = author_box.locator(".author-box__name").inner_text()
    author_box.get_by_role("link", name=f"Alle Beiträge von {author_name}").click()
    assert author_name in page.get_by_role("heading", level=1).inner_text()


def test_reader_browses_the_team_and_opens_a_profile(page, seeded):
    page.goto(seeded + "/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Menschen"
    ).click()
    page.get_by_role("link", name="Dr. Katrin Albers").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Dr. Katrin Albers"
    text = page.locator("main").inner_text()
    assert "Geschäftsführerin" in text
    # Internal-only colleagues never appear on the public team page.
    page.go_back()
    assert page.get_by_text("Henrik Wolff").count() == 0
