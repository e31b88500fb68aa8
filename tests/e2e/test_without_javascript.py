"""With JavaScript off, reading, commenting and voting in a poll still work.

Progressive enhancement: every form is a plain HTML form that posts and
redirects back; JavaScript only makes it nicer.
"""

import re

import pytest

from internal.models import Acknowledgement
from tests.helpers.browser import confirmation_path, fill_reader_form, log_in, post_staff_comment

pytestmark = pytest.mark.e2e

POST = "/blog/schichtenspeicher-richtig-dimensionieren/"


@pytest.fixture
def no_js(new_tab):
    return new_tab(java_script_enabled=False)


def test_first_time_reader_comments_without_javascript_and_waits_for_moderation(no_js, seeded):
    no_js.goto(seeded + POST)
    assert no_js.get_by_role("heading", level=1).inner_text() == (
        "Schichtenspeicher richtig dimensionieren"
    )
    main = no_js.locator("main").inner_text()
    assert "Faustformel" in main
    assert "Wie groß sollte der Speicher" in main  # the thread is server-rendered

    text = "Wie sieht es mit Legionellenschutz im großen Speicher aus?"
    form = no_js.locator("#comment-form form")
    fill_reader_form(form, "Merle Ohnejs", "merle.ohnejs@example.org", text)
    with no_js.expect_navigation():
        form.get_by_role("button", name="Kommentar senden").click()
    assert no_js.get_by_role("heading", level=1).inner_text() == "Prüfen Sie Ihr Postfach"
    assert "merle.ohnejs@example.org" in no_js.locator("main").inner_text()

    no_js.goto(seeded + confirmation_path("merle.ohnejs@example.org"))
    # A public reader's first comment waits for an editor (the default policy).
    assert "sobald das Moderationsteam ihn gelesen hat" in no_js.locator("body").inner_text()
    # The landing page (uncached) shows the reader their comment; the post does not.
    assert "Wartet auf Freigabe" in no_js.locator(".comment--waiting", has_text=text).inner_text()
    no_js.goto(seeded + POST)
    assert text not in no_js.locator("main").inner_text()


def test_returning_reader_replies_on_the_reply_page_without_javascript(no_js, seeded):
    no_js.goto(seeded + POST)
    question = no_js.locator(".comment").filter(has_text="Sven Ketelsen").first
    with no_js.expect_navigation():
        question.get_by_role("link", name="Antworten").click()
    assert no_js.get_by_role("heading", level=1).inner_text() == "Antwort an Sven Ketelsen"

    reply = "Bei uns reichen 400 Liter, seit der hydraulische Abgleich gemacht ist."
    form = no_js.locator("main form.comment-form")
    fill_reader_form(form, "Birte Lorenzen", "birte.lorenzen@example.net", reply)
    with no_js.expect_navigation():
        form.get_by_role("button").last.click()
    assert no_js.get_by_role("heading", level=1).inner_text() == "Prüfen Sie Ihr Postfach"

    no_js.goto(seeded + confirmation_path("birte.lorenzen@example.net"))
    # The reader lands on their published comment (the page is everyone's: no message in it).
    assert re.search(r"#c\d+$", no_js.url), no_js.url
    answer = question.locator(".comment", has_text=reply)
    assert answer.count() == 1
    assert "Birte Lorenzen" in answer.inner_text()


def test_employee_confirms_a_must_read_and_comments_without_javascript(no_js, seeded):
    Acknowledgement.objects.filter(user__username="jonas.berger").delete()
    log_in(no_js, seeded, "jonas.berger")
    no_js.goto(seeded + "/intern/reisekostenrichtlinie-2026/")
    with no_js.expect_navigation():
        no_js.get_by_role("button", name="Gelesen und verstanden").click()
    assert "Ihre Bestätigung wurde gespeichert" in no_js.locator("body").inner_text()

    text = "Ohne JavaScript gelesen und bestätigt – klappt."
    mine = post_staff_comment(no_js, text)
    assert mine.count() == 1
    assert "Jonas Berger" in mine.inner_text()


def test_reader_votes_in_a_poll_without_javascript(no_js, seeded):
    no_js.goto(seeded + "/blog/kommunikation-in-beide-richtungen/")
    poll = no_js.locator("section.poll")
    assert "Worüber sollen wir als Nächstes ausführlicher schreiben?" in poll.inner_text()
    # Results show after voting: none yet for this reader.
    assert poll.locator(".poll__results").count() == 0
    poll.get_by_role("checkbox", name="Wärmepumpen im Altbau").check()
    poll.get_by_role("checkbox", name="Ein Blick in unsere Fertigung").check()
    poll_id = poll.get_attribute("id")
    with no_js.expect_navigation():
        poll.locator("button[type=submit]").click()
    # The vote lands on this reader's own (uncached) page: the post stays the same for all.
    assert "/mine/" in no_js.url
    poll = no_js.locator("section.poll")
    assert poll.locator(".poll__status").count() == 1
    assert "Wärmepumpen im Altbau" in poll.locator(".poll__yours").inner_text()
    assert poll.locator("form").count() == 0, "one vote per browser"
    back = no_js.locator(f"a[href$='#{poll_id}']")
    assert back.get_attribute("href").startswith("/blog/kommunikation-in-beide-richtungen/")
    rows = {
        row.locator(".poll-chart__label").inner_text(): int(
            row.locator(".poll-chart__value").get_attribute("data-votes")
        )
        for row in poll.locator(".poll-chart__row").all()
    }
    # The demo's 14 and 11 votes, plus this reader's.
    assert rows["Wärmepumpen im Altbau"] == 15
    assert rows["Ein Blick in unsere Fertigung"] == 12
    assert rows["Kommunale Wärmeplanung"] == 9
