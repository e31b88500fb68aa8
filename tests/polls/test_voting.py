"""Voting: once per account or browser, only while open, only valid answers, flood-limited."""

from datetime import timedelta

from django.conf import settings
from django.test import Client

import pytest

from polls.models import Ballot, BallotChoice, Poll

from .conftest import vote

pytestmark = pytest.mark.django_db


def test_public_reader_votes_once_per_browser(client, make_poll, public_post_with):
    poll = make_poll()
    post = public_post_with(poll)

    first = vote(client, poll, "Blau", next_url=post.url)
    second = vote(client, poll, "Grün", next_url=post.url)

    assert first.status_code == 302
    assert first["Location"].startswith(f"/polls/{poll.pk}/mine/?outcome=counted&")
    assert second.status_code == 302
    assert "outcome=already" in second["Location"]
    assert Ballot.objects.filter(poll=poll).count() == 1
    assert list(BallotChoice.objects.values_list("option__label", flat=True)) == ["Blau"]


def test_another_browser_gets_its_own_vote(client, make_poll):
    poll = make_poll()
    vote(client, poll, "Blau")
    vote(Client(), poll, "Grün")

    assert Ballot.objects.filter(poll=poll).count() == 2


def test_a_browser_ballot_keeps_only_a_hash_not_the_cookie_or_address(client, make_poll):
    poll = make_poll()
    response = vote(client, poll, "Blau", next_url="/")

    cookie = response.cookies[settings.POLLS_VOTER_COOKIE_NAME]
    assert cookie["httponly"]
    ballot = Ballot.objects.get(poll=poll)
    assert ballot.user_id is None
    assert len(ballot.browser_hash) == 64
    stored = " ".join(str(value) for value in Ballot.objects.values().get().values())
    browser_id = cookie.value.split(":")[0]
    assert browser_id not in stored
    assert "127.0.0.1" not in stored


def test_a_tampered_cookie_is_a_new_browser_not_someone_else(client, make_poll):
    poll = make_poll()
    vote(client, poll, "Blau")
    client.cookies[settings.POLLS_VOTER_COOKIE_NAME] = "forged-id:invalid-signature"

    vote(client, poll, "Grün")

    assert Ballot.objects.filter(poll=poll).count() == 2


def test_employee_votes_once_per_account_even_from_another_browser(client, employee, make_poll):
    poll = make_poll()
    client.force_login(employee)
    vote(client, poll, "Blau")
    other_browser = Client()
    other_browser.force_login(employee)
    vote(other_browser, poll, "Grün")

    ballot = Ballot.objects.get(poll=poll)
    assert ballot.user == employee
    assert ballot.browser_hash is None


def test_closed_poll_refuses_votes(client, employee, make_poll):
    poll = make_poll(closes_in=-timedelta(minutes=1))

    vote(client, poll, "Blau")
    client.force_login(employee)
    response = vote(client, poll, "Blau")

    assert response.status_code == 302
    assert not Ballot.objects.filter(poll=poll).exists()


def test_single_choice_poll_refuses_two_answers(client, make_poll):
    poll = make_poll()
    vote(client, poll, "Blau", "Grün")
    assert not Ballot.objects.exists()


def test_multiple_choice_poll_counts_every_chosen_answer(client, make_poll):
    poll = make_poll(kind=Poll.Kind.MULTIPLE)
    vote(client, poll, "Blau", "Grau")

    assert Ballot.objects.count() == 1
    assert sorted(BallotChoice.objects.values_list("option__label", flat=True)) == ["Blau", "Grau"]


def test_empty_or_foreign_answers_are_refused(client, make_poll):
    poll = make_poll()
    other = make_poll("Andere Frage?", options=("Ja", "Nein"))
    client.post(f"/polls/{poll.pk}/vote/", {"next": "/"})
    foreign = other.options.get(label="Ja").pk
    client.post(f"/polls/{poll.pk}/vote/", {"option": [foreign], "next": "/"})
    client.post(f"/polls/{poll.pk}/vote/", {"option": ["not-a-number"], "next": "/"})

    assert not Ballot.objects.exists()


def test_vote_is_post_only_and_csrf_protected(make_poll):
    poll = make_poll()
    strict = Client(enforce_csrf_checks=True)
    option = poll.options.first().pk

    assert strict.get(f"/polls/{poll.pk}/vote/").status_code == 405
    assert strict.post(f"/polls/{poll.pk}/vote/", {"option": [option]}).status_code == 403
    assert not Ballot.objects.exists()


def test_vote_returns_only_to_our_own_site(client, make_poll):
    poll = make_poll()
    response = vote(client, poll, "Blau", next_url="https://evil.example/")
    assert response["Location"] == f"/polls/{poll.pk}/mine/?outcome=counted&next=%2F"


def test_flood_control_stops_many_votes_from_one_address(settings, make_poll):
    settings.POLLS_VOTES_PER_IP_PER_HOUR = 3
    poll = make_poll()

    statuses = [vote(Client(), poll, "Blau").status_code for _ in range(4)]
    elsewhere = vote(Client(REMOTE_ADDR="203.0.113.9"), poll, "Blau")

    assert statuses == [302, 302, 302, 429]
    assert elsewhere.status_code == 302
    assert Ballot.objects.count() == 4


def test_flood_control_does_not_limit_employees_voting_by_account(
    settings, client, employee, other_employee, make_poll
):
    settings.POLLS_VOTES_PER_IP_PER_HOUR = 1
    poll = make_poll()
    for user in (employee, other_employee):
        client.force_login(user)
        assert vote(client, poll, "Blau").status_code == 302

    assert Ballot.objects.count() == 2
