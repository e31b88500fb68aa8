"""Employees comment on an internal post while the worker sends the mail (issue 18 item 3).

Under ``make run`` the server and ``run_worker`` write to one SQLite file:
an employee's comment stores itself and its outbox mail while the worker
marks the last mail sent, and SQLite answered „database is locked“ with a
500. Here Aylin Demir comments on „Grüße aus dem Außenlager – Jörg & Weiß“,
and while the worker mails the post's author about it, Jonas Berger sends
three comments at once from three tabs (one a reply to Aylin). Every
comment appears, nothing answers 500, and the mails arrive: Aylin's reply
notification links to Jonas's answer on the running site.
"""

import re

from django.utils import timezone

import pytest

from internal.demo import _post
from internal.models import InternalIndexPage

from .journey_fixtures import log_in, mail_to, path_of, shoot, tab  # noqa: F401

pytestmark = pytest.mark.e2e

SLUG = "gruesse-aus-dem-aussenlager"
TITLE = "Grüße aus dem Außenlager – Jörg & Weiß"
AYLIN = "Moin Jörg! Wie kalt ist es heute im Außenlager? Grüße aus Husum, Aylin"
REPLY = "Frostige −7 °C, aber die Rohre sind gut gedämmt. Jörg lässt grüßen – und Frau Weiß auch!"
MORE = [
    "Gibt es im Außenlager eigentlich schon Glasfaser? Für die Scanner wäre das großartig.",
    "Schöne Grüße aus der Entwicklung, Jörg & Weiß! Wir kommen nächste Woche vorbei.",
]
KATRIN = "katrin.albers@nordlicht.example"
AYLIN_MAIL = "aylin.demir@nordlicht.example"


@pytest.fixture
def internal_post(live_db):
    """The post, by Dr. Katrin Albers (so each comment mails her), published like the demo's."""
    _post(
        InternalIndexPage.objects.get(),
        {
            "slug": SLUG,
            "title": TITLE,
            "teaser": "Jörg Weiß und sein Team zeigen, wie das Außenlager den Winter übersteht.",
            "days_ago": 0,
            "body": [("p", "Moin aus Bredstedt! Hier lagern 3.000 m Fernwärmerohr – und Kaffee.")],
            "authors": ["katrin-albers"],
        },
        None,
        timezone.now(),
    )
    live_db.clear_cache()
    return live_db.url + f"/intern/{SLUG}/"


def _comment_form(page):
    form = page.locator("#comment-form form")
    return form, form.get_by_role("textbox", name=re.compile("Kommentar"))


def test_employees_comment_at_once_while_the_worker_mails(tab, live_site, internal_post):  # noqa: F811
    site = live_site
    since = site.mail_mark()

    aylin = tab()
    log_in(aylin, site, "aylin.demir")
    aylin.goto(internal_post)
    assert aylin.get_by_role("heading", level=1).inner_text() == TITLE
    form, text = _comment_form(aylin)
    text.fill(AYLIN)
    with aylin.expect_navigation():
        form.get_by_role("button", name="Kommentar senden").click()
    assert aylin.locator(".comment", has_text=AYLIN).count() == 1

    # Jonas has the post open in three tabs (one session) and sends all three
    # at once, while the worker is mailing Katrin about Aylin's comment.
    first = tab()
    log_in(first, site, "jonas.berger")
    tabs = [first, first.context.new_page(), first.context.new_page()]
    for page in tabs:
        page.goto(internal_post)
    aylins = tabs[0].locator(".comment", has_text=AYLIN).first
    aylins.get_by_role("link", name="Antworten").first.click()
    reply_form = aylins.locator("form.comment-form")
    reply_form.get_by_role("textbox", name=re.compile("Kommentar")).fill(REPLY)
    buttons = [reply_form.get_by_role("button", name="Antwort senden")]
    for page, words in zip(tabs[1:], MORE, strict=True):
        form, text = _comment_form(page)
        text.fill(words)
        buttons.append(form.get_by_role("button", name="Kommentar senden"))
    with (
        tabs[0].expect_navigation() as sent_reply,
        tabs[1].expect_navigation() as sent_second,
        tabs[2].expect_navigation() as sent_third,
    ):
        for button in buttons:
            button.click(no_wait_after=True)
    for sent in (sent_reply, sent_second, sent_third):
        assert sent.value.status == 200, f"{sent.value.status} {sent.value.url}"

    jonas = tabs[0]
    jonas.goto(internal_post)
    thread = jonas.locator("#comments")
    for words in (AYLIN, REPLY, *MORE):
        assert thread.locator(".comment__text", has_text=words).count() == 1, words
    answer = thread.locator("li.comment:not(.comment--reply)", has_text=AYLIN).locator(
        "li.comment--reply", has_text=REPLY
    )
    assert "Jonas Berger" in answer.inner_text()
    shoot(jonas, "employee-comments", at=answer)

    # The worker mailed Katrin once per comment, and Aylin about the reply.
    for words in (AYLIN, REPLY, *MORE):
        site.wait_for_mail(
            lambda mail, words=words: KATRIN in mail.to and words[:40] in mail.text,
            since=since,
            what=f"to the author about {words[:30]!r}",
        )
    reply_mail = site.wait_for_mail(mail_to(AYLIN_MAIL, TITLE), since=since, what="reply")
    assert REPLY[:40] in reply_mail.text and "Jonas Berger" in reply_mail.text
    link = next(url for url in reply_mail.links if "#c" in url)
    path_of(link, site)
    assert aylin.goto(link).status == 200, link
    target = aylin.locator(":target")
    assert REPLY in target.inner_text(), "the mail's link leads to the reply"
    shoot(aylin, "employee-reply-from-mail", at=target)

    log = site.log.read_text(errors="replace")
    assert "database is locked" not in log, site.log_tail()
