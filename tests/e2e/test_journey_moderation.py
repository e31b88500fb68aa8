"""Journey 3: an editor moderates comments in the admin (approve, answer officially, reject).

A first-time public reader comments and confirms by mail: the comment waits
for an editor (pre-moderation of first comments is the default). A second
waiting comment is spam. Miriam Hoffmann, editor, logs in, approves the
reader's comment from the moderation queue, answers it as the company's
official answer, and rejects the spam with a guideline and a reason. The
reader's view of the post shows each decision.
"""

import re

import pytest

from blog.models import BlogPostPage
from comments.models import StimmeComment

from .conftest import confirmation_path, log_in

pytestmark = pytest.mark.e2e

SLUG = "schichtenspeicher-richtig-dimensionieren"
READER_EMAIL = "frieda.lorenzen@example.org"
QUESTION = "Lohnt sich ein Schichtenspeicher auch bei einer kleinen Wohnung mit Fußbodenheizung?"
ANSWER = "Bei Fußbodenheizung reicht oft ein kleiner Puffer. Wir rechnen das gern mit Ihnen durch."
SPAM = "Billige Markenuhren nur heute, jetzt zugreifen, riesige Rabatte"


def _reader_comments(page, base_url):
    page.goto(f"{base_url}/blog/{SLUG}/")
    form = page.locator("#comments form").last
    form.get_by_role("textbox", name="Name").fill("Frieda Lorenzen")
    form.get_by_role("textbox", name=re.compile("^E-Mail")).fill(READER_EMAIL)
    form.get_by_role("textbox", name=re.compile("^Ihr Kommentar")).fill(QUESTION)
    form.get_by_role("checkbox", name=re.compile("einverstanden")).check()
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    page.goto(base_url + confirmation_path(READER_EMAIL))
    assert "sobald das Moderationsteam ihn gelesen hat" in page.locator("body").inner_text()
    page.goto(f"{base_url}/blog/{SLUG}/")
    assert QUESTION not in page.locator("main").inner_text()


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


def _open_in_queue(page, base_url, text):
    page.goto(base_url + "/admin/comment-moderation/")
    row = page.locator("#moderation-list tr.moderation-row").filter(has_text=text[:30])
    assert row.count() == 1, page.locator("#moderation-list").inner_text()
    row.get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/admin/comment-moderation/\d+/"))


def _apply(page, action, guideline=None, reason=""):
    form = page.locator("#moderation-detail form").first
    form.locator("select[name=action]").select_option(action)
    if guideline:
        form.locator("select[name=guideline]").select_option(label=guideline)
    form.locator("input[name=reason]").fill(reason)
    with page.expect_navigation():
        form.get_by_role("button", name="Anwenden").click()


def test_editor_approves_answers_officially_and_rejects_spam_with_a_reason(new_tab, seeded):
    reader = new_tab()
    _reader_comments(reader, seeded)
    _spam_waiting_in_the_queue()

    miriam = new_tab()
    log_in(miriam, seeded, "miriam.hoffmann")
    miriam.goto(seeded + "/admin/comment-moderation/")
    queue = miriam.locator("#moderation-queue").inner_text()
    assert "Moderationswarteschlange" in miriam.locator("body").inner_text()
    assert QUESTION[:30] in queue and SPAM[:30] in queue

    # 1. Approve the reader's question.
    _open_in_queue(miriam, seeded, QUESTION)
    _apply(miriam, "approve", reason="Sachliche Frage")
    assert "Freigegeben" in miriam.locator("#moderation-detail").inner_text()
    reader.goto(f"{seeded}/blog/{SLUG}/")
    assert QUESTION in reader.locator("main").inner_text()

    # 2. Answer it as the company: shown as the official answer.
    miriam.locator("#reply-text").fill(ANSWER)
    with miriam.expect_navigation():
        miriam.get_by_role("button", name="Offizielle Antwort veröffentlichen").click()
    reader.goto(f"{seeded}/blog/{SLUG}/")
    answer = reader.locator(".comment").filter(has_text=ANSWER).first
    assert "Offizielle Antwort" in answer.inner_text()

    # 3. Reject the spam, with a guideline and a reason in the log.
    _open_in_queue(miriam, seeded, SPAM)
    _apply(miriam, "reject", guideline=None, reason="Werbung ohne Bezug zum Beitrag")
    detail = miriam.locator("#moderation-detail").inner_text()
    assert "Abgelehnt" not in detail, "a rejection needs a guideline"
    guideline = miriam.locator("select[name=guideline] option").nth(1).inner_text()
    _apply(miriam, "reject", guideline=guideline, reason="Werbung ohne Bezug zum Beitrag")
    log = miriam.locator("#moderation-log").inner_text()
    assert "Werbung ohne Bezug zum Beitrag" in log and guideline in log
    assert "Abgelehnt" in miriam.locator("#moderation-detail").inner_text()
    reader.goto(f"{seeded}/blog/{SLUG}/")
    assert SPAM not in reader.locator("main").inner_text()
