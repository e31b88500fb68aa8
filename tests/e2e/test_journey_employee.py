"""Journey 2: an employee reads internal news, confirms a must-read, comments, edits his bio."""

import re

import pytest

from internal.models import Acknowledgement
from tests.helpers.browser import log_in, post_staff_comment

pytestmark = pytest.mark.e2e

POLICY = "/intern/reisekostenrichtlinie-2026/"
EXECUTIVE_POST = "/intern/rekordjahr-und-wie-weiter/"


def comment_by(page, author: str):
    """The thread item (``li.comment``) whose own author line names ``author``."""
    author_id = page.locator(".comment__author", has_text=author).first.get_attribute("id")
    return page.locator("#" + author_id.removesuffix("-author"))


def test_employee_reads_acknowledges_comments_and_edits_his_profile(page, seeded):
    # The demo has Jonas confirm the travel policy already; here he meets it fresh.
    Acknowledgement.objects.filter(user__username="jonas.berger").delete()

    log_in(page, seeded, "jonas.berger")
    page.goto(seeded + "/intern/")
    assert page.get_by_role("heading", level=1).inner_text() == "Intern"

    # Posts for his department (Forschung & Entwicklung) come before everything else.
    section_titles = page.locator(".intern-section > h2").all_inner_texts()
    assert section_titles.index("Für Ihr Team und Ihren Standort") < section_titles.index(
        "Weitere interne Neuigkeiten"
    )
    for_me = page.locator("section[aria-labelledby=for-me-heading]")
    assert "Klimalabor" in for_me.inner_text()
    assert "Für: Forschung & Entwicklung" in for_me.inner_text()
    assert "Für: Hamburg" not in for_me.inner_text()

    # The must-read asks for his confirmation.
    page.get_by_role("link", name="Neue Reisekostenrichtlinie ab 1. Juli").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Neue Reisekostenrichtlinie ab 1. Juli"
    )
    assert "Pflichtlektüre" in page.locator("main").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Gelesen und verstanden").click()
    assert "Ihre Bestätigung wurde gespeichert" in page.locator("body").inner_text()
    assert page.get_by_role("button", name="Gelesen und verstanden").count() == 0
    assert Acknowledgement.objects.filter(user__username="jonas.berger").count() == 1

    # A staff comment on an internal post appears at once, with his role.
    new_comment = "Kurze Frage: Gilt die neue Pauschale auch für Prüfstandsfahrten nach Kiel?"
    mine = post_staff_comment(page, new_comment)
    assert mine.count() == 1
    assert "Jonas Berger" in mine.inner_text()
    assert "Entwicklungsingenieur Wärmepumpen" in mine.inner_text()

    # He answers the managing director's comment on her post.
    page.goto(seeded + EXECUTIVE_POST)
    katrin = comment_by(page, "Dr. Katrin Albers")
    assert "Geschäftsführerin" in katrin.inner_text()
    katrin.get_by_role("link", name="Antworten").first.click()
    reply = "Danke für die Offenheit! Ich melde mich für die Arbeitsgruppe Standort."
    reply_form = katrin.locator("form.comment-form")
    reply_form.get_by_role("textbox", name=re.compile("Kommentar")).fill(reply)
    with page.expect_navigation():
        reply_form.get_by_role("button", name="Antwort senden").click()
    answer = comment_by(page, "Dr. Katrin Albers").locator(".comment", has_text=reply)
    assert answer.count() == 1
    assert "Jonas Berger" in answer.inner_text()

    # His bio change goes to the editorial team before it is shown anywhere.
    page.get_by_role("navigation", name="Mitarbeiterbereich").get_by_role(
        "link", name="Mein Profil"
    ).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Mein Profil bearbeiten"
    new_bio = "Entwickelt Kältekreise für Großwärmepumpen und leitet die Arbeitsgruppe Standort."
    page.get_by_label("Kurzbiografie").fill(new_bio)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    body = page.locator("body").inner_text()
    assert "Ihre Änderungen wurden an die Redaktion übermittelt" in body
    assert page.get_by_label("Kurzbiografie").input_value() == new_bio
    page.goto(seeded + "/menschen/jonas-berger/")
    assert new_bio not in page.locator("main").inner_text()
