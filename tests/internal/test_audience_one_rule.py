"""One audience rule: every surface agrees on who a post is for (issue 20, "Hamburg " drift).

Profiles come from the identity provider and from people typing, so a stored
location may carry stray spaces or another case. A colleague whose location
reads "Hamburg " belongs to a post for Hamburg everywhere: reading it, the
"for you" section, the notification, the must-read report and the insights.
"""

import re

from django.core import mail
from django.utils import timezone

import pytest

from insights.figures import Period, reach_figures
from internal.audience import audience_posts, audience_users, in_audience, may_read
from internal.models import InternalPostPage
from internal.reports import build_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def readers(colleague):
    return {
        "trailing": colleague("hanna.hamburg", "sales", "Hamburg "),
        "leading_lower": colleague("hauke.hamburg", "dev", "  hamburg"),
        "outsider": colleague("kai.kiel", "hr", "Kiel"),
    }


@pytest.fixture
def hamburg_post(make_post, django_capture_on_commit_callbacks):
    """A confidential must-read for Hamburg, published with its notifications sent."""
    with django_capture_on_commit_callbacks(execute=True):
        return make_post(
            "Umzug des Hamburger Büros",
            locations=["Hamburg"],
            confidential=True,
            must_read=True,
            days_ago=0,
        )


def _for_me(html: str) -> str:
    match = re.search(r'aria-labelledby="for-me-heading">(.*?)</section>', html, re.S)
    return match.group(1) if match else ""


def test_stray_spaces_and_case_keep_a_colleague_in_the_audience_everywhere(
    client, readers, hamburg_post
):
    inside = [readers["trailing"], readers["leading_lower"]]
    outsider = readers["outsider"]

    # Reading (a confidential post: only its audience may).
    for user in inside:
        assert in_audience(hamburg_post, user)
        assert may_read(user, hamburg_post)
        client.force_login(user)
        assert client.get(hamburg_post.url).status_code == 200
        # The "for you" section of the internal home.
        assert "Umzug des Hamburger Büros" in _for_me(client.get("/intern/").content.decode())
    assert not in_audience(hamburg_post, outsider)
    assert not may_read(outsider, hamburg_post)

    # The per-user and the per-post answer agree.
    posts = InternalPostPage.objects.filter(pk=hamburg_post.pk)
    for user in inside:
        assert list(audience_posts(posts, user)) == [hamburg_post]
    assert not audience_posts(posts, outsider).exists()
    assert set(audience_users(hamburg_post)) == set(inside)

    # The notification on publish.
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {user.email for user in inside}

    # The must-read report.
    report = build_report(hamburg_post)
    assert {row.username for row in report.rows} == {user.username for user in inside}

    # The insights reach.
    reach = reach_figures(Period.last_days(7, timezone.now()), readers["trailing"])
    assert [(row.title, row.audience) for row in reach.posts] == [("Umzug des Hamburger Büros", 2)]


def test_a_post_location_with_stray_spaces_finds_the_colleagues_of_that_place(make_post, readers):
    post = make_post("Hafenfest", locations=[" HAMBURG "])
    assert set(audience_users(post)) == {readers["trailing"], readers["leading_lower"]}
    assert in_audience(post, readers["trailing"])
    assert not in_audience(post, readers["outsider"])
