"""Two clicks on the same confirmation link at the same moment: exactly one comment.

Two threads, each with its own database connection, confirm at once. A
moderation rule slows the first one down inside its transaction, so without
the lock on the waiting comment both would see it unconfirmed and publish it.
"""

import threading
import time

from django.db import connection
from django.test import Client
from django.urls import reverse

import pytest
from django_comments.signals import comment_will_be_posted

from comments import tokens
from comments.models import PendingComment, StimmeComment
from tests.helpers.comments import form_data

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migrated_data")]


@pytest.fixture
def slow_moderation():
    """Every moderation check takes a moment: the window in which a second click could slip in."""

    def pause(sender, comment, request, **kwargs):
        time.sleep(0.3)

    comment_will_be_posted.connect(pause, dispatch_uid="slow-moderation")
    yield
    comment_will_be_posted.disconnect(dispatch_uid="slow-moderation")


def test_simultaneous_confirmations_publish_one_comment(
    client, public_post, relaxed_flood_rules, slow_moderation
):
    client.post(reverse("stimme_comments:post"), form_data(public_post))
    pending = PendingComment.objects.get()
    link = reverse("stimme_comments:confirm", args=[tokens.make(tokens.CONFIRM, pending.pk)])

    start = threading.Barrier(2)
    answers = []

    def click():
        try:
            start.wait()
            answers.append(Client().get(link))
        finally:
            connection.close()

    clicks = [threading.Thread(target=click) for _ in range(2)]
    for thread in clicks:
        thread.start()
    for thread in clicks:
        thread.join(timeout=30)

    assert StimmeComment.objects.count() == 1
    comment = StimmeComment.objects.get()
    assert PendingComment.objects.get().published == comment
    assert [answer.status_code for answer in answers] == [302, 302]
    # Both clicks land on the reader's one status page; the later one says it
    # was confirmed already instead of confirming twice.
    landings = sorted(answer["Location"] for answer in answers)
    assert landings[0].split("?")[0] == landings[1].split("?")[0]
    assert sorted(url.split("outcome=")[1] for url in landings) == ["already", "held"]
