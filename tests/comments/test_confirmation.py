"""Readers without an account: comment -> mail (real SMTP) -> confirm -> visible, exactly once."""

from django.urls import reverse

import pytest
from aiosmtpd.controller import Controller

from comments import tokens
from comments.models import PendingComment, StimmeComment
from operations.mail import send_due
from operations.models import OutboxMessage

from .conftest import Collector, free_port
from .helpers import backdated_token, link_to

pytestmark = pytest.mark.django_db


def _mails_to(server, address):
    return [message for message in server.messages if address in message["to"]]


def test_reader_comment_is_mailed_confirmed_and_then_visible(
    post_moderation, client, public_post, submit, smtp_server, on_commit
):
    response = submit(public_post)
    assert response.status_code == 302
    # Not public yet, but stored durably with its text.
    assert not StimmeComment.objects.exists()
    pending = PendingComment.objects.get()
    assert pending.comment == "Wie laut ist die Außeneinheit nachts?"
    assert "Wie laut ist die Außeneinheit" not in client.get(public_post.url).content.decode()

    # The mail went through a real SMTP server and carries only a reference.
    mails = _mails_to(smtp_server, "petra@example.org")
    assert len(mails) == 1
    confirm_path = link_to(mails[0]["data"], "/comments/confirm/")
    assert "Au" not in confirm_path

    with on_commit():
        response = client.get(confirm_path)
    comment = StimmeComment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{public_post.url}?comment={comment.pk}#c{comment.pk}"
    page = client.get(public_post.url).content.decode()
    assert "Wie laut ist die Außeneinheit nachts?" in page
    assert "Petra Leserin" in page


def test_second_click_shows_the_comment_and_creates_nothing(client, public_post, submit):
    submit(public_post)
    token = tokens.make(tokens.CONFIRM, PendingComment.objects.get().pk)
    first = client.get(reverse("stimme_comments:confirm", args=[token]))
    second = client.get(reverse("stimme_comments:confirm", args=[token]))
    assert StimmeComment.objects.count() == 1
    assert first.status_code == second.status_code == 302
    # The same page; the second one says it was confirmed already.
    assert first["Location"].split("?")[0] == second["Location"].split("?")[0]


def test_expired_link_publishes_nothing_but_offers_a_fresh_link(
    client, public_post, submit, smtp_server, on_commit
):
    submit(public_post)
    pending = PendingComment.objects.get()
    old = backdated_token(tokens.CONFIRM, pending.pk, days=8)
    response = client.get(reverse("stimme_comments:confirm", args=[old]))
    assert response.status_code == 410
    assert "new link" in response.content.decode() or "neuen Link" in response.content.decode()
    assert not StimmeComment.objects.exists()

    # The comment is still stored; asking again mails a new, working link.
    PendingComment.objects.filter(pk=pending.pk).update(link_sent_at=None)
    with on_commit():
        client.post(
            reverse("stimme_comments:pending", args=[tokens.make(tokens.STATUS, pending.pk)])
        )
    mails = _mails_to(smtp_server, "petra@example.org")
    assert len(mails) == 2
    fresh = link_to(mails[-1]["data"], "/comments/confirm/")
    assert client.get(fresh).status_code == 302
    assert StimmeComment.objects.get().comment == pending.comment


def test_link_almost_seven_days_old_still_works(client, public_post, submit):
    submit(public_post)
    token = backdated_token(tokens.CONFIRM, PendingComment.objects.get().pk, days=6.9)
    assert client.get(reverse("stimme_comments:confirm", args=[token])).status_code == 302
    assert StimmeComment.objects.count() == 1


def test_tampered_or_foreign_link_is_refused(client, public_post, submit):
    submit(public_post)
    pending = PendingComment.objects.get()
    token = tokens.make(tokens.CONFIRM, pending.pk)
    response = client.get(reverse("stimme_comments:confirm", args=[token[:-2] + "xx"]))
    assert response.status_code == 400
    # A status token is not a confirmation token.
    other = tokens.make(tokens.STATUS, pending.pk)
    assert client.get(reverse("stimme_comments:confirm", args=[other])).status_code == 400
    assert not StimmeComment.objects.exists()


def test_lost_mail_can_be_sent_again_but_not_flooded(client, public_post, submit):
    response = submit(public_post)
    status_page = client.get(response["Location"])
    assert status_page.status_code == 200
    assert "petra@example.org" in status_page.content.decode()
    pending = PendingComment.objects.get()
    PendingComment.objects.filter(pk=pending.pk).update(link_sent_at=None)
    client.post(response["Location"])
    assert OutboxMessage.objects.filter(to="petra@example.org").count() == 2
    client.post(response["Location"])  # at once again: politely refused
    assert OutboxMessage.objects.filter(to="petra@example.org").count() == 2


def test_smtp_outage_keeps_the_comment_and_the_mail_is_sent_later(
    client, public_post, submit, dead_smtp, settings
):
    response = submit(public_post)
    assert response.status_code == 302  # the reader does not notice the outage
    pending = PendingComment.objects.get()
    message = OutboxMessage.objects.get(to="petra@example.org")
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 1
    assert message.last_error

    # SMTP is back: the retry sends the very same confirmation link.
    collector, port = Collector(), free_port()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_PORT = port
        OutboxMessage.objects.filter(pk=message.pk).update(next_try_at=message.created_at)
        assert send_due() == 1
    finally:
        controller.stop()
    assert len(collector.messages) == 1
    client.get(link_to(collector.messages[0]["data"], "/comments/confirm/"))
    assert StimmeComment.objects.get().comment == pending.comment
