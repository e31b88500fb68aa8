"""What editors read on the polls list and a poll's results page (issue 18 item 7)."""

import re
from datetime import datetime, timedelta

from django.utils import timezone

import pytest

from polls.models import Poll

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/snippets/polls/poll/"
QUESTION = "Welche Farbe soll die neue Halle in Groß Wittensee bekommen?"


def _far_poll(make_poll):
    poll = make_poll("Wie heißt die neue Fähre über die Förde?")
    poll.closes_at = datetime(2027, 1, 15, 12, 0, tzinfo=timezone.get_current_timezone())
    poll.save()
    return poll


def test_polls_list_gives_the_day_a_far_poll_ends_in_german(client, editor, make_poll):
    _far_poll(make_poll)
    client.force_login(editor)
    client.get("/language/de/")
    html = client.get(LIST_URL).content.decode()
    assert "Jetzt gerade" not in html
    # "endet am" is a new string (compiled by the lead); the date is Django's own.
    assert "15. Januar 2027" in html


def test_polls_list_gives_the_day_a_far_poll_ends_in_english(client, editor, make_poll):
    _far_poll(make_poll)
    client.force_login(editor)
    client.get("/language/en/")
    html = client.get(LIST_URL).content.decode()
    assert "Just now" not in html and "just now" not in html
    assert "ends 15 January 2027" in html
    assert client.get(LIST_URL, {"ordering": "-closes_at"}).status_code == 200


def test_polls_list_says_soon_for_a_poll_closing_within_hours(client, editor, make_poll):
    make_poll("Kantine: Grünkohl am Freitag?", closes_in=timedelta(hours=3))
    closed = make_poll("Sommerfest an der Schlei?", closes_in=timedelta(days=-2))
    client.force_login(editor)
    client.get("/language/en/")
    html = client.get(LIST_URL).content.decode()
    assert "ends in 2\xa0hours" in html or "ends in 3\xa0hours" in html
    assert f"ended {closed.closes_at:%-d} " in html or "ended 2\xa0days ago" in html


def test_results_page_shows_the_question(client, editor, make_poll):
    poll = make_poll(QUESTION)
    client.force_login(editor)
    html = client.get(f"/admin/polls/{poll.pk}/results/").content.decode()
    # Wagtail puts the page subtitle into a screen-reader-only heading; sighted
    # editors need the question on the page itself.
    visible = html.replace('<h1 class="w-sr-only">', "<hidden>")
    question = re.search(r'<h2 id="poll-question"[^>]*>([^<]*)</h2>', visible)
    assert question, "no visible question"
    assert question.group(1).strip() == QUESTION
    assert Poll.objects.count() == 1
