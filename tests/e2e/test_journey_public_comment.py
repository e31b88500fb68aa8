"""Journey 1: a public reader finds a post, replies to a comment and confirms by mail.

The journey reads the confirmation link from ``operations.mail``'s outbox, as the
reader would from their mailbox.

The reader is a returning one (Hauke Petersen has approved comments on
another demo post): a public reader's *first* comment is pre-moderated by
default and would wait for an editor after confirmation
(``test_without_javascript`` walks that path).
"""

from django.core.management import call_command

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import confirmation_path, fill_reader_form

pytestmark = pytest.mark.e2e

READER_NAME = "Hauke Petersen"
READER_EMAIL = "hauke.petersen@example.org"
REPLY = "Danke für die Frage! Wir haben 500 Liter, und die Wärmepumpe taktet kaum."


def test_reader_replies_to_a_comment_and_confirms_it_by_mail(page, seeded):
    call_command("update_index", verbosity=0)
    page.goto(seeded + "/")
    page.get_by_role("searchbox").fill("Schichtenspeicher")
    page.get_by_role("searchbox").press("Enter")
    page.locator(".search-result__title a").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Schichtenspeicher richtig dimensionieren"
    )
    assert "Faustformel" in page.locator("main").inner_text()

    question = page.locator(".comment").filter(has_text="Sven Ketelsen").first
    assert "Wie groß sollte der Speicher" in question.inner_text()
    question.get_by_role("link", name="Antworten").click()

    # JavaScript opens the reply form right below the comment.
    form = question.locator("form")
    fill_reader_form(form, READER_NAME, READER_EMAIL, REPLY)
    with page.expect_navigation():
        form.get_by_role("button", name="Antwort senden").click()
    main = page.locator("main").inner_text()
    assert READER_EMAIL in main, main
    # Not visible to anyone before it is confirmed.
    page.goto(seeded + "/blog/schichtenspeicher-richtig-dimensionieren/")
    assert REPLY not in page.locator("main").inner_text()

    page.goto(seeded + confirmation_path(READER_EMAIL))
    # Announced at the comment by the page's script (the page itself is everyone's).
    expect(page.locator("#comments [role=status]")).to_contain_text(
        "Ihr Kommentar ist veröffentlicht"
    )
    thread_reply = (
        page.locator(".comment")
        .filter(has_text="Sven Ketelsen")
        .locator(".comment", has_text=REPLY)
    )
    assert thread_reply.count() == 1
    assert READER_NAME in thread_reply.inner_text()
