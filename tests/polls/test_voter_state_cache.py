"""A voter's own state never changes the bytes of a public post page.

Two anonymous readers of a post with a poll, one who voted and one who did
not: with the page cache on, both get the same page (apart from the vote
form's CSRF token, which the page cache splices per reader). The voter's
vote, the results they may now see and the thank-you come from an uncached
answer (``/polls/<id>/mine/``) that a script puts into the box, or, without
JavaScript, the vote lands on that uncached page.
"""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.test import Client

import pytest

from core.pagecache import CACHE_HEADER
from polls.models import Ballot, Poll
from tests.e2e.nu_checker import errors, require_checker, validate
from tests.helpers.shared_page import same_for_everyone
from tests.helpers.wsgi import as_browser

from .conftest import vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache_on(settings, site_root):
    settings.PAGE_CACHE_ENABLED = True
    # The first page view would create these rows and drop the cache once.
    site = site_root.get_site()
    for label in ("core.SiteSettings", "stimme_comments.CommentSettings"):
        apps.get_model(label).for_site(site)


def test_voter_and_stranger_get_the_same_post_page(page_cache_on, make_poll, public_post_with):
    poll = make_poll()
    post = public_post_with(poll)
    voter = Client()
    assert vote(voter, poll, "Grün", next_url=post.url).status_code == 302

    stranger = Client().get(post.url)
    assert stranger.headers[CACHE_HEADER] == "miss"
    own = as_browser(voter, post.url)

    assert own.headers[CACHE_HEADER] == "hit", "a vote keeps nobody off the cache"
    assert same_for_everyone(own.content.decode()) == same_for_everyone(stranger.content.decode())
    # Even a client that sends the voter cookie everywhere gets the shared page.
    # It is rendered anew (the test client skips the WSGI fast path), maybe
    # in a later second, which signs the comment form differently.
    fresh = voter.get(post.url)
    assert "private" not in fresh.get("Cache-Control", "")
    assert same_for_everyone(fresh.content.decode(), rendered_anew=True) == same_for_everyone(
        stranger.content.decode(), rendered_anew=True
    )
    assert "poll-chart" not in fresh.content.decode(), "results after voting are the voter's"
    assert f'data-poll-mine="/polls/{poll.pk}/mine/"' in fresh.content.decode()


def test_voter_cookie_is_only_sent_to_the_polls_urls(client, make_poll):
    poll = make_poll()
    response = vote(client, poll, "Blau")
    assert response.cookies[settings.POLLS_VOTER_COOKIE_NAME]["path"] == "/polls/"


def test_a_closed_polls_results_are_in_the_shared_page(client, make_poll, public_post_with):
    poll = make_poll(closes_in=-timedelta(hours=1))
    Ballot.objects.create(poll=poll, browser_hash="x" * 64, cast_at=poll.closes_at)
    post = public_post_with(poll)

    html = client.get(post.url).content.decode()

    assert "poll-chart" in html
    assert 'name="option"' not in html


def test_uncached_answer_shows_the_voter_their_vote_and_results(client, make_poll):
    poll = make_poll(results_shown=Poll.ResultsShown.AFTER_VOTING)
    stranger = Client().get(f"/polls/{poll.pk}/mine/", HTTP_X_POLL_FRAGMENT="1")
    assert 'name="option"' in stranger.content.decode()
    assert "poll-chart" not in stranger.content.decode()

    vote(client, poll, "Grün")
    mine = client.get(f"/polls/{poll.pk}/mine/", HTTP_X_POLL_FRAGMENT="1")

    assert "no-store" in mine["Cache-Control"] and "private" in mine["Cache-Control"]
    html = mine.content.decode()
    assert "<html" not in html, "a fragment for the script"
    assert "poll__yours" in html and "Grün" in html.split("poll__yours", 1)[1].split("</p>")[0]
    assert 'data-votes="1" data-percent="100"' in html
    assert 'name="option"' not in html


def test_vote_without_javascript_lands_on_the_uncached_status_page(
    client, make_poll, public_post_with
):
    poll = make_poll()
    post = public_post_with(poll)

    response = vote(client, poll, "Blau", next_url=post.url)

    assert response.status_code == 302
    landing = response["Location"]
    assert landing.startswith(f"/polls/{poll.pk}/mine/?")
    page = client.get(landing)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    html = page.content.decode()
    assert "Vielen Dank, Ihre Stimme wurde gezählt." in html or (
        "Thank you, your vote has been counted." in html
    )
    assert "poll-chart" in html
    assert f'href="{post.url}#poll-{poll.pk}"' in html
    assert f'data-remember-poll="{poll.pk}"' in html


def test_a_second_vote_is_refused_and_says_so(client, make_poll, public_post_with):
    poll = make_poll()
    post = public_post_with(poll)
    vote(client, poll, "Blau", next_url=post.url)

    second = vote(client, poll, "Grün", next_url=post.url)
    html = client.get(second["Location"]).content.decode()

    assert Ballot.objects.filter(poll=poll).count() == 1
    assert "already voted" in html or "bereits abgestimmt" in html
    assert "Thank you, your vote" not in html and "Vielen Dank, Ihre Stimme" not in html


def test_status_page_links_back_only_to_our_own_site(client, make_poll):
    poll = make_poll()
    landing = vote(client, poll, "Blau", next_url="https://evil.example/")["Location"]
    html = client.get(landing).content.decode()
    assert "evil.example" not in html
    assert f'href="/#poll-{poll.pk}"' in html


def test_status_page_link_never_carries_control_characters(client, make_poll):
    poll = make_poll()
    landing = client.get(f"/polls/{poll.pk}/mine/?outcome=counted&next=%2Fblog%2F%00x")
    assert "\x00" not in landing.content.decode()
    assert f'href="/#poll-{poll.pk}"' in landing.content.decode()


def test_status_page_of_an_internal_poll_is_for_employees_only(client, make_poll):
    poll = make_poll(internal=True)
    assert client.get(f"/polls/{poll.pk}/mine/").status_code == 404


def test_status_page_and_post_with_the_voters_box_are_valid_html(
    client, make_poll, public_post_with
):
    require_checker()
    poll = make_poll(kind=Poll.Kind.MULTIPLE)
    post = public_post_with(poll)
    landing = vote(client, poll, "Blau", "Grau", next_url=post.url)["Location"]
    status_page = client.get(landing).content.decode()
    box = client.get(f"/polls/{poll.pk}/mine/", HTTP_X_POLL_FRAGMENT="1").content.decode()
    shared = client.get(post.url).content.decode()
    # What the script makes of the post page: the voter's box in place of the shared one.
    start = shared.index('<section class="poll')
    end = shared.index("</section>", start) + len("</section>")
    scripted = (
        shared[:start]
        + box[box.index("<section") :].split("</section>")[0]
        + ("</section>" + shared[end:])
    )

    findings = validate({"status": status_page, "post": shared, "scripted": scripted})

    assert {name: errors(found) for name, found in findings.items()} == {
        "status": [],
        "post": [],
        "scripted": [],
    }
