"""Public and internal polls, and the rules for when readers see results."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

import pytest

from polls.models import Ballot, Poll

from .conftest import vote

pytestmark = pytest.mark.django_db

QUESTION = "Welche Farbe soll die neue Halle bekommen?"


def own_box(client, poll):
    """The box with this reader's own state, as the post page's script gets it."""
    response = client.get(f"/polls/{poll.pk}/mine/", HTTP_X_POLL_FRAGMENT="1")
    assert response.status_code == 200
    return response.content.decode()


def poll_html(client, url, poll):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), f'id="poll-{poll.pk}"'


# --- Public and internal --------------------------------------------------------


def test_internal_poll_in_a_public_post_renders_nothing_for_anonymous_readers(
    client, make_poll, public_post_with
):
    poll = make_poll("Geheime Umfrage Zugspitze?", internal=True)
    post = public_post_with(poll)

    html, marker = poll_html(client, post.url, poll)

    assert marker not in html
    assert "Zugspitze" not in html
    assert f"/polls/{poll.pk}/vote/" not in html


def test_internal_poll_in_a_public_post_shows_to_employees(
    client, employee, make_poll, public_post_with
):
    poll = make_poll("Geheime Umfrage Zugspitze?", internal=True)
    post = public_post_with(poll)
    client.force_login(employee)

    html, marker = poll_html(client, post.url, poll)

    assert marker in html
    assert f'action="/polls/{poll.pk}/vote/"' in html
    form = html[html.index(f'action="/polls/{poll.pk}/vote/"') :]
    assert 'name="csrfmiddlewaretoken"' in form[: form.index("</form>")]


def test_signed_in_non_employee_never_sees_an_internal_poll(client, make_poll, public_post_with):
    outsider = get_user_model().objects.create_user("gast", password="pw-for-tests-1")
    poll = make_poll(internal=True)
    post = public_post_with(poll)
    client.force_login(outsider)

    html, marker = poll_html(client, post.url, poll)

    assert marker not in html
    assert vote(client, poll, "Blau").status_code == 404


def test_anonymous_reader_cannot_vote_on_an_internal_poll(client, make_poll):
    poll = make_poll(internal=True)

    response = vote(client, poll, "Blau")

    assert response.status_code == 404
    assert not Ballot.objects.exists()


def test_internal_post_with_a_poll_stays_behind_the_login(client, make_poll, internal_post_with):
    poll = make_poll("Interne Frage Zugspitze?", internal=True)
    post = internal_post_with(poll)

    response = client.get(post.url)

    assert response.status_code in (302, 404)
    assert b"Zugspitze" not in response.content


def test_employee_votes_on_an_internal_poll_inside_an_internal_post(
    client, employee, make_poll, internal_post_with
):
    poll = make_poll(internal=True)
    post = internal_post_with(poll)
    client.force_login(employee)

    response = vote(client, poll, "Grün", next_url=post.url)

    assert response["Location"].startswith(f"/polls/{poll.pk}/mine/?outcome=counted&")
    assert Ballot.objects.get(poll=poll).user == employee
    status = client.get(response["Location"]).content.decode()
    assert "poll__yours" in status
    assert f'href="{post.url}#poll-{poll.pk}"' in status


def test_a_voters_own_state_is_never_shared_by_caches(client, make_poll):
    poll = make_poll()
    vote(client, poll, "Blau")

    response = client.get(f"/polls/{poll.pk}/mine/", HTTP_X_POLL_FRAGMENT="1")

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


# --- When results show ----------------------------------------------------------


def test_after_voting_results_appear_only_once_the_reader_voted(
    client, make_poll, public_post_with
):
    poll = make_poll(results_shown=Poll.ResultsShown.AFTER_VOTING)
    post = public_post_with(poll)

    before, _marker = poll_html(client, post.url, poll)
    vote(client, poll, "Blau")
    after = own_box(client, poll)

    assert "poll-chart" not in before
    assert 'name="option"' in before
    assert "poll-chart" in after
    assert 'data-votes="1" data-percent="100"' in after
    assert 'name="option"' not in after


def test_after_closing_results_wait_until_the_poll_closed(client, make_poll, public_post_with):
    poll = make_poll(results_shown=Poll.ResultsShown.AFTER_CLOSING)
    post = public_post_with(poll)
    vote(client, poll, "Blau")

    while_open = own_box(client, poll)
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    after_close, _marker = poll_html(client, post.url, poll)

    assert "poll-chart" not in while_open
    assert "poll__results-hidden" in while_open
    assert "poll-chart" in after_close


def test_never_means_readers_never_see_results_but_do_see_the_decision(
    client, make_poll, public_post_with
):
    poll = make_poll(
        results_shown=Poll.ResultsShown.NEVER,
        closes_in=-timedelta(days=1),
        decision="Wir nehmen Grün, weil es zum Logo passt.",
    )
    post = public_post_with(poll)

    html, _marker = poll_html(client, post.url, poll)

    assert "poll-chart" not in html
    assert "poll__decision" in html
    assert "weil es zum Logo passt" in html


def test_decision_shows_under_the_results_of_a_closed_poll(
    client, employee, make_poll, public_post_with
):
    poll = make_poll(decision="")
    post = public_post_with(poll)
    client.force_login(employee)
    vote(client, poll, "Grün")
    Poll.objects.filter(pk=poll.pk).update(
        closes_at=timezone.now() - timedelta(hours=1),
        decision="Grün gewinnt. Wir streichen im Herbst.",
    )

    html, _marker = poll_html(client, post.url, poll)

    assert html.index("poll-chart") < html.index("poll__decision")
    assert "Wir streichen im Herbst" in html


def test_percentages_are_of_voters_with_counts(client, make_poll):
    poll = make_poll(kind=Poll.Kind.MULTIPLE, options=("A", "B", "C"))
    vote(client, poll, "A", "B")
    vote(Client(), poll, "A")
    vote(Client(), poll, "C")
    vote(Client(), poll, "A")

    html = own_box(client, poll)

    assert 'data-votes="3" data-percent="75"' in html  # A: 3 of 4 voters
    assert 'data-votes="1" data-percent="25"' in html  # B and C


# --- Editing rules --------------------------------------------------------------


def test_decision_can_only_be_recorded_after_closing(make_poll):
    poll = make_poll()
    poll.decision = "Schon entschieden."
    with pytest.raises(ValidationError) as error:
        poll.full_clean()
    assert "decision" in error.value.message_dict


def test_recording_a_decision_stamps_when(make_poll):
    poll = make_poll(closes_in=-timedelta(days=1))
    poll.decision = "Entschieden."
    poll.full_clean()
    poll.save()
    assert poll.decided_at is not None
