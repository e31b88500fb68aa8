"""The editor moderates from the queue's rows on the running site, in German.

Two first-time public readers comment on a public post and confirm through
the link in the mail the worker sends them; first comments wait for the
editorial team. Miriam Hoffmann approves Jürgen's question and answers it
officially from its row, and rejects Käthe's insult with a guideline from
hers. A third reader has the post in the page cache the whole time: each
decision shows there at the next load, and Jürgen, who follows the thread,
gets the official answer by mail with a link back to it.
"""

import re

import pytest

from .journey_fixtures import log_in, mail_to, path_of, shoot, tab  # noqa: F401

pytestmark = pytest.mark.e2e

POST = "/blog/warum-wir-in-husum-bleiben/"
JUERGEN = ("Jürgen Weißenböck", "juergen.weissenboeck@example.org")
QUESTION = (
    "Schöne Grüße aus Flensburg! Bleibt die Fertigung auch dann in Husum, wenn die "
    "größeren Wärmepumpen kommen? Meine Tochter möchte dort ihre Ausbildung anfangen."
)
KAETHE = ("Käthe Müßig", "kaethe.muessig@example.org")
INSULT = "So ein Quatsch, Ihr Schwätzer aus der Geschäftsführung glaubt das doch selbst nicht."
ANSWER = (
    "Ja, die Fertigung bleibt in Husum – auch für die Großwärmepumpen. "
    "Ausbildungsplätze für 2027 schreiben wir im Frühjahr aus. Grüße an Ihre Tochter!"
)


def _comment_and_confirm(page, site, who, words):
    name, address = who
    since = site.mail_mark()
    page.goto(site.url + POST)
    form = page.locator("#comments form").last
    form.get_by_role("textbox", name="Name").fill(name)
    form.get_by_role("textbox", name=re.compile("^E-Mail")).fill(address)
    form.get_by_role("textbox", name=re.compile("^Ihr Kommentar")).fill(words)
    form.get_by_role("checkbox", name=re.compile("benachrichtigen")).check()
    form.get_by_role("checkbox", name=re.compile("einverstanden")).check()
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert address in page.locator("main").inner_text()
    mail = site.wait_for_mail(mail_to(address), since=since, what="confirmation")
    confirm = mail.link("/comments/confirm/")
    path_of(confirm, site)
    assert page.goto(confirm).status == 200
    # A first comment waits for the editorial team; the reader is told so.
    assert "Moderation" in page.locator("body").inner_text()


def _row(page, words):
    row = page.locator("#moderation-list tr.moderation-row").filter(has_text=words[:40])
    assert row.count() == 1, page.locator("#moderation-list").inner_text()
    return row


def _public_thread(page, site) -> str:
    assert page.goto(site.url + POST).status == 200
    return page.locator("#comments").inner_text()


def test_editor_approves_answers_and_rejects_from_the_queue_rows(tab, live_site):  # noqa: F811
    site = live_site
    public = tab()
    assert QUESTION not in _public_thread(public, site)  # now in the page cache

    _comment_and_confirm(tab(), site, JUERGEN, QUESTION)
    _comment_and_confirm(tab(), site, KAETHE, INSULT)
    thread = _public_thread(public, site)
    assert QUESTION not in thread and INSULT not in thread, "shown before moderation"

    miriam = tab()
    log_in(miriam, site, "miriam.hoffmann", admin=True)
    miriam.goto(site.url + "/admin/comment-moderation/")
    # The waiting comments are what she came for: in view without scrolling,
    # the filters folded away above them.
    height = miriam.viewport_size["height"]
    first_row = miriam.locator("#moderation-list tr.moderation-row").first.bounding_box()
    assert first_row and first_row["y"] + first_row["height"] <= height, first_row
    assert not miriam.locator("#moderation-filters").is_visible(), "filters not folded away"
    _row(miriam, QUESTION)
    shoot(miriam, "editor-queue", at=_row(miriam, INSULT))

    # 1. Approve Jürgen's question from its row: one click, back in the queue.
    with miriam.expect_navigation():
        _row(miriam, QUESTION).get_by_role("button", name="Freigeben").click()
    assert "tab=waiting" in miriam.url
    assert QUESTION[:40] not in miriam.locator("#moderation-list").inner_text()
    assert QUESTION in _public_thread(public, site), "approved, but the cached page hides it"

    # 2. Reject Käthe's insult from its row, naming the guideline it breaks.
    row = _row(miriam, INSULT)
    row.locator("summary", has_text="Ablehnen").click()
    guideline = row.locator("button[value^='reject:']").first
    shoot(miriam, "editor-reject-guidelines", at=row)
    with miriam.expect_navigation():
        guideline.click()
    assert INSULT[:40] not in miriam.locator("#moderation-list").inner_text()
    assert INSULT not in _public_thread(public, site)

    # 3. Answer Jürgen officially from his row; she lands back in the queue.
    since = site.mail_mark()
    miriam.goto(site.url + "/admin/comment-moderation/?tab=recent")
    with miriam.expect_navigation():
        _row(miriam, QUESTION).locator("a[href$='#company-reply']").click()
    miriam.locator("#reply-text").fill(ANSWER)
    shoot(miriam, "editor-answers", at=miriam.locator("#reply-text"))
    with miriam.expect_navigation():
        miriam.get_by_role("button", name="Offizielle Antwort veröffentlichen").click()
    assert "/admin/comment-moderation/" in miriam.url, miriam.url
    public.goto(site.url + POST)
    answer = public.locator("li.comment", has_text=QUESTION).locator("li.comment", has_text=ANSWER)
    assert answer.count() == 1, "the official answer is not under the question"
    assert "Offizielle Antwort" in answer.inner_text()
    shoot(public, "reader-sees-official-answer", at=answer)

    # Jürgen follows his thread: the answer reaches him, and its link leads to it.
    mail = site.wait_for_mail(mail_to(JUERGEN[1]), since=since, what="the official answer")
    assert ANSWER[:40] in mail.text
    link = next(url for url in mail.links if "#c" in url)
    path_of(link, site)
    assert public.goto(link).status == 200
    assert ANSWER in public.locator(":target").inner_text()
