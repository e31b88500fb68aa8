"""Journey 3: an editor moderates comments in the admin (approve, answer officially, reject).

A first-time public reader comments and confirms by mail: the comment waits
for an editor (pre-moderation of first comments is the default). A second
waiting comment is spam. Miriam Hoffmann, editor, logs in and works from the
rows of the moderation queue: approves the reader's comment in one click,
answers it as the company's official answer and lands back in the queue,
and rejects the spam with a guideline from its row. The reader's view of the
post shows each decision.
"""

import re

import pytest

from blog.models import BlogPostPage
from comments.models import StimmeComment
from tests.helpers.browser import confirmation_path, fill_reader_form, log_in

pytestmark = pytest.mark.e2e

SLUG = "schichtenspeicher-richtig-dimensionieren"
READER_EMAIL = "frieda.lorenzen@example.org"
QUESTION = "Lohnt sich ein Schichtenspeicher auch bei einer kleinen Wohnung mit Fußbodenheizung?"
ANSWER = "Bei Fußbodenheizung reicht oft ein kleiner Puffer. Wir rechnen das gern mit Ihnen durch."
SPAM = "Billige Markenuhren nur heute, jetzt zugreifen, riesige Rabatte"


def _reader_comments(page, base_url):
    page.goto(f"{base_url}/blog/{SLUG}/")
    form = page.locator("#comments form").last
    fill_reader_form(form, "Frieda Lorenzen", READER_EMAIL, QUESTION)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    page.goto(base_url + confirmation_path(READER_EMAIL))
    assert "sobald das Moderationsteam ihn gelesen hat" in page.locator("body").inner_text()
    page.goto(f"{base_url}/blog/{SLUG}/")
    # Not in the public thread; the reader's own browser shows it apart, marked as waiting.
    public = page.locator("#comments li.comment:not(.comment--waiting)").all_inner_texts()
    assert not [text for text in public if QUESTION in text]


def _spam_waiting_in_the_queue():
    post = BlogPostPage.objects.get(slug=SLUG)
    return StimmeComment.objects.create(
        content_type_id=post.content_type_id,
        object_pk=str(post.pk),
        site_id=1,
        user_name="Uhren Outlet",
        user_email="deals@spam.example",
        comment=SPAM,
        is_public=False,
        moderation_status="waiting",
        moderation_reason="Zu viele Links",
    )


def _row(page, text):
    row = page.locator("#moderation-list tr.moderation-row").filter(has_text=text[:30])
    assert row.count() == 1, page.locator("#moderation-list").inner_text()
    return row


def test_editor_approves_answers_officially_and_rejects_spam_from_the_rows(new_tab, seeded):
    reader = new_tab()
    _reader_comments(reader, seeded)
    _spam_waiting_in_the_queue()

    miriam = new_tab()
    log_in(miriam, seeded, "miriam.hoffmann")
    miriam.goto(seeded + "/admin/comment-moderation/")
    queue = miriam.locator("#moderation-queue").inner_text()
    assert "Kommentare moderieren" in miriam.locator("body").inner_text()
    assert QUESTION[:30] in queue and SPAM[:30] in queue
    # The comment text leads each row; the filters are folded away.
    assert not miriam.locator("#moderation-filters").is_visible()

    # 1. Approve the reader's question: one click on its row, back on the same tab.
    with miriam.expect_navigation():
        _row(miriam, QUESTION).get_by_role("button", name="Freigeben").click()
    assert "tab=waiting" in miriam.url
    assert QUESTION[:30] not in miriam.locator("#moderation-list").inner_text()
    assert SPAM[:30] in miriam.locator("#moderation-list").inner_text()
    reader.goto(f"{seeded}/blog/{SLUG}/")
    assert QUESTION in reader.locator("main").inner_text()

    # 2. Answer it as the company from its row; the answer lands back in the queue.
    miriam.goto(seeded + "/admin/comment-moderation/?tab=recent")
    with miriam.expect_navigation():
        _row(miriam, QUESTION).locator("a[href$='#company-reply']").click()
    miriam.locator("#reply-text").fill(ANSWER)
    with miriam.expect_navigation():
        miriam.get_by_role("button", name="Offizielle Antwort veröffentlichen").click()
    assert re.search(r"/admin/comment-moderation/\?.*tab=recent", miriam.url), miriam.url
    reader.goto(f"{seeded}/blog/{SLUG}/")
    answer = reader.locator(".comment").filter(has_text=ANSWER).first
    assert "Offizielle Antwort" in answer.inner_text()

    # 3. Reject the spam from its row, naming the guideline it breaks.
    miriam.goto(seeded + "/admin/comment-moderation/")
    row = _row(miriam, SPAM)
    row.locator("summary", has_text="Ablehnen").click()
    choice = row.locator("button[value^='reject:']").first
    guideline = choice.inner_text().strip()
    with miriam.expect_navigation():
        choice.click()
    assert SPAM[:30] not in miriam.locator("#moderation-list").inner_text()
    miriam.goto(seeded + "/admin/comment-moderation/?tab=recent")
    with miriam.expect_navigation():
        _row(miriam, SPAM).get_by_role("link").first.click()
    detail = miriam.locator("#moderation-detail").inner_text()
    assert detail.index(SPAM) < detail.index("Uhren Outlet")  # the text first
    assert "Abgelehnt" in detail and guideline in miriam.locator("#moderation-log").inner_text()
    reader.goto(f"{seeded}/blog/{SLUG}/")
    assert SPAM not in reader.locator("main").inner_text()
