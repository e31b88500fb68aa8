"""The JSON comment API, likes and reports keep the comment form's limits (issue 17, item 7).

The folder's conftest relaxes the flood rules for every test; the
``real_flood_rules`` fixture here turns them back on at their defaults.
"""

import time

from django.test import Client
from django.urls import reverse

import pytest

from comments.forms import CommentForm
from comments.models import CommentLike, CommentReport, ModerationLogEntry, PendingComment

from .conftest import form_data, stored_comment

pytestmark = pytest.mark.django_db

API = "/comments/api/comment/"


@pytest.fixture
def real_flood_rules(settings):
    """The defaults of settings/base.py, which the folder's conftest relaxes."""
    settings.COMMENTS_MIN_SUBMIT_SECONDS = 3
    settings.COMMENTS_FLOOD_INTERVAL_SECONDS = 15
    settings.COMMENTS_DUPLICATE_MINUTES = 5
    settings.COMMENTS_FLOOD_PER_HOUR = 10


def loaded_ago(post, seconds: int, **fields) -> dict:
    """Form data signed as if the form had been loaded ``seconds`` ago."""
    data = form_data(post, **fields)
    timestamp = int(time.time()) - seconds
    data["timestamp"] = str(timestamp)
    data["security_hash"] = CommentForm(post).initial_security_hash(timestamp)
    return data


def api_post(client, post, on_commit, seconds=60, **fields):
    with on_commit():
        return client.post(API, loaded_ago(post, seconds, **fields))


def test_api_refuses_a_second_comment_within_the_interval(
    client, public_post, on_commit, real_flood_rules
):
    first = api_post(client, public_post, on_commit, comment="Erste Frage zur Wärmepumpe")
    assert first.status_code == 202
    second = api_post(
        client,
        public_post,
        on_commit,
        comment="Zweite Frage, gleich danach",
        name="Jörg Schnell",
        email="joerg.schnell@example.org",
    )
    assert second.status_code == 429
    assert int(second["Retry-After"]) > 0
    assert PendingComment.objects.count() == 1
    assert ModerationLogEntry.objects.filter(action="refused").exists()


def test_api_refuses_the_same_text_twice(
    client, public_post, on_commit, real_flood_rules, settings
):
    settings.COMMENTS_FLOOD_INTERVAL_SECONDS = 0
    assert api_post(client, public_post, on_commit, comment="Genau gleich").status_code == 202
    again = api_post(client, public_post, on_commit, comment="genau  gleich")
    assert again.status_code == 403
    assert PendingComment.objects.count() == 1


def test_api_refuses_a_form_sent_too_fast(client, public_post, on_commit, real_flood_rules):
    response = api_post(client, public_post, on_commit, seconds=0, comment="Blitzschnell")
    assert response.status_code == 400
    assert not PendingComment.objects.exists()


def test_api_limits_signed_in_employees_per_hour(
    client, employee, staff_person, public_post, on_commit, real_flood_rules, settings
):
    settings.COMMENTS_FLOOD_INTERVAL_SECONDS = 0
    settings.COMMENTS_FLOOD_PER_HOUR = 3
    client.force_login(employee)
    statuses = [
        api_post(client, public_post, on_commit, comment=f"Beitrag Nr. {n} über Größe").status_code
        for n in range(4)
    ]
    assert all(status in (201, 202) for status in statuses[:3]), statuses
    assert statuses[3] == 429


def test_form_and_api_share_one_budget(client, public_post, on_commit, real_flood_rules):
    with on_commit():
        form = client.post(
            reverse("stimme_comments:post"), loaded_ago(public_post, 60, comment="Per Formular")
        )
    assert form.status_code == 302
    api = api_post(client, public_post, on_commit, comment="Und gleich per API")
    assert api.status_code == 429


@pytest.fixture
def comments_to_act_on(public_post):
    return [stored_comment(public_post, f"Kommentar Nr. {n} zur Außeneinheit") for n in range(4)]


def test_signed_in_reports_are_rate_limited_per_account(
    client, employee, other_employee, comments_to_act_on, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "report": (3, 3600)}
    client.force_login(employee)
    statuses = [
        client.post(reverse("stimme_comments:report", args=[c.pk]), {"reason": "spam"}).status_code
        for c in comments_to_act_on
    ]
    assert statuses == [302, 302, 302, 403]
    assert CommentReport.objects.filter(user=employee).count() == 3
    # A colleague at the same address has a budget of their own.
    colleague = Client()
    colleague.force_login(other_employee)
    url = reverse("stimme_comments:report", args=[comments_to_act_on[0].pk])
    assert colleague.post(url, {"reason": "spam"}).status_code == 302


def test_signed_in_likes_are_rate_limited_per_account(
    client, employee, comments_to_act_on, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "like": (3, 3600)}
    client.force_login(employee)
    statuses = [
        client.post(reverse("stimme_comments:like", args=[c.pk])).status_code
        for c in comments_to_act_on
    ]
    assert statuses == [302, 302, 302, 403]
    assert CommentLike.objects.filter(user=employee).count() == 3
