"""Journey: a public reader keeps track of their comment and likes with one click.

Walked with the page cache on, as on the running site: the post page is the
same for every anonymous reader, and what is the reader's own (their comment
waiting for moderation, their like) comes from an uncached answer that the
page's script asks for.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import confirmation_path, fill_reader_form

pytestmark = pytest.mark.e2e

POST = "/blog/schichtenspeicher-richtig-dimensionieren/"
GREETING = "Schöne Grüße aus Büsum – weiter so!"
READER = "Birte Jensen"
READER_EMAIL = "birte.jensen@example.org"


def test_reader_sees_the_outcome_their_waiting_comment_and_likes_once(page_cache_on, new_tab):
    base = page_cache_on
    reader = new_tab()
    reader.goto(base + POST)
    form = reader.locator("#comment-form form")
    fill_reader_form(form, READER, READER_EMAIL, GREETING)
    with reader.expect_navigation():
        form.get_by_role("button", name="Kommentar senden").click()
    assert reader.get_by_role("heading", level=1).inner_text() == "Prüfen Sie Ihr Postfach"

    # The link from the mail: the outcome is the first thing on screen.
    reader.goto(base + confirmation_path(READER_EMAIL))
    status = reader.get_by_role("status")
    expect(status).to_contain_text("sobald das Moderationsteam ihn gelesen hat")
    expect(status).to_be_in_viewport()
    own = reader.locator(".comment--waiting", has_text=GREETING)
    expect(own).to_contain_text("Wartet auf Freigabe")

    # Back on the post, the thread shows the reader their comment, marked as waiting.
    with reader.expect_navigation():
        reader.get_by_role("link", name=re.compile("Schichtenspeicher richtig")).click()
    in_thread = reader.locator("#comments .comment--waiting", has_text=GREETING)
    expect(in_thread).to_contain_text("Wartet auf Freigabe")
    expect(in_thread).to_be_in_viewport()

    # Nobody else sees it.
    stranger = new_tab()
    stranger.goto(base + POST)
    stranger.wait_for_load_state("networkidle")
    assert GREETING not in stranger.locator("body").inner_text()
    assert stranger.locator(".comment--waiting").count() == 0

    # One click likes a comment; a reload keeps one like for this browser.
    question = reader.locator("#comments li.comment").filter(has_text="Sven Ketelsen").first
    like = question.locator("a[data-like]").first
    before = _count(like)
    like.click()
    expect(like).to_have_attribute("aria-pressed", "true")
    expect(like.locator(".comment__likes")).to_have_text(f"({before + 1})")
    reader.reload()
    question = reader.locator("#comments li.comment").filter(has_text="Sven Ketelsen").first
    like = question.locator("a[data-like]").first
    expect(like).to_have_attribute("aria-pressed", "true")
    assert _count(like) == before + 1
    stranger.reload()
    others = stranger.locator("#comments li.comment").filter(has_text="Sven Ketelsen").first
    assert _count(others.locator("a[data-like]").first) == before + 1, "the count is everyone's"
    expect(others.locator("a[data-like]").first).to_have_attribute("aria-pressed", "false")


def _count(like) -> int:
    return int(re.search(r"\((\d+)\)", like.locator(".comment__likes").inner_text()).group(1))
