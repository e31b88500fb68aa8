"""Followers hear about replies (and can mute with one click); authors hear about comments."""

from django.urls import reverse

import pytest

from comments.models import StimmeComment
from comments.notifications import mute_url
from operations.models import OutboxMessage

from .conftest import form_data
from .helpers import link_to

pytestmark = pytest.mark.django_db


def _reader_comment(post, **extra):
    values = {
        "content_type_id": post.content_type_id,
        "object_pk": str(post.pk),
        "site_id": 1,
        "user_name": "Petra Leserin",
        "user_email": "petra@example.org",
        "comment": "Wie viel Strom braucht das?",
        "followup": True,
    }
    values.update(extra)
    return StimmeComment.objects.create(**values)


def test_follower_gets_reply_mail_with_one_click_mute(
    client, employee, staff_person, public_post, submit, mailoutbox, on_commit
):
    question = _reader_comment(public_post)
    client.force_login(employee)
    submit(public_post, comment="Etwa 2.400 kWh im Jahr.", reply_to=str(question.pk))
    to_petra = [m for m in mailoutbox if m.to == ["petra@example.org"]]
    assert len(to_petra) == 1
    body = to_petra[0].body
    assert "Etwa 2.400 kWh im Jahr." in body
    assert to_petra[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    client.logout()
    mute_path = link_to(body, "/comments/mute/")
    assert client.get(mute_path).status_code == 200
    assert not StimmeComment.objects.get(pk=question.pk).followup

    client.force_login(employee)
    mailoutbox.clear()
    submit(public_post, comment="Nachtrag: mit Warmwasser mehr.", reply_to=str(question.pk))
    assert not [m for m in mailoutbox if m.to == ["petra@example.org"]]


def test_mute_can_be_undone(client, public_post):
    question = _reader_comment(public_post)
    url = mute_url("petra@example.org", question.thread_id)
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]
    client.get(path)
    assert not StimmeComment.objects.get(pk=question.pk).followup
    client.post(path, {"action": "follow"})
    assert StimmeComment.objects.get(pk=question.pk).followup


def test_forged_mute_link_changes_nothing(client, public_post):
    question = _reader_comment(public_post)
    assert client.get(reverse("stimme_comments:mute", args=["forged"])).status_code == 400
    assert StimmeComment.objects.get(pk=question.pk).followup


def test_post_author_is_told_about_new_comments_but_not_their_own(
    client, author_user, author_person, employee, staff_person, public_post, submit, mailoutbox
):
    client.force_login(employee)
    submit(public_post, comment="Toller Beitrag!")
    assert [m.to for m in mailoutbox] == [[author_user.email]]
    assert "Toller Beitrag!" in mailoutbox[0].body
    mailoutbox.clear()
    client.force_login(author_user)
    submit(public_post, comment="Danke!")
    assert not [m for m in mailoutbox if m.to == [author_user.email]]


def test_reader_reply_notifies_after_confirmation_only(
    post_moderation, client, public_post, submit, mailoutbox, on_commit
):
    question = _reader_comment(public_post, user_email="erst@example.org")
    submit(public_post, reply_to=str(question.pk), comment="Ich habe dieselbe Frage.")
    assert not [m for m in mailoutbox if m.to == ["erst@example.org"]]
    confirmation = next(m for m in mailoutbox if m.to == ["petra@example.org"])
    with on_commit():
        client.get(link_to(confirmation.body, "/comments/confirm/"))
    assert [m for m in mailoutbox if m.to == ["erst@example.org"]]


def test_staff_who_left_get_no_internal_reply_mails(
    client, employee, other_employee, staff_person, internal_post, submit, mailoutbox
):
    client.force_login(other_employee)
    submit(internal_post, comment="Frage an alle")
    question = StimmeComment.objects.get()
    other_employee.is_active = False
    other_employee.save()
    client.force_login(employee)
    mailoutbox.clear()
    submit(internal_post, comment="Antwort", reply_to=str(question.pk))
    assert not [m for m in mailoutbox if m.to == [other_employee.email]]


def test_an_author_who_left_gets_no_mail_about_comments_on_their_public_post(
    client, author_user, author_person, employee, staff_person, public_post, submit, mailoutbox
):
    # The account is switched off (a leaver, by SCIM or an admin); the profile
    # stays as the byline and still carries an internal address.
    author_person.internal_email = "karla.intern@nordlicht.example"
    author_person.save()
    author_user.is_active = False
    author_user.save()
    client.force_login(employee)
    submit(public_post, comment="Schöner Beitrag, danke!")
    recipients = [address for message in mailoutbox for address in message.to]
    assert author_user.email not in recipients
    assert "karla.intern@nordlicht.example" not in recipients


def test_mail_is_queued_durably_not_sent_in_the_request(
    client, employee, staff_person, public_post, author_user
):
    # Without running after-commit callbacks nothing is sent, but it is stored.
    client.force_login(employee)

    client.post(reverse("stimme_comments:post"), form_data(public_post, comment="Hallo"))
    assert OutboxMessage.objects.filter(to=author_user.email).count() == 1


def test_confirmation_mail_carries_nothing_the_sender_typed(
    client, public_post, submit, mailoutbox
):
    # Anyone can type any address: the mail to it must not relay their words or name.
    submit(
        public_post,
        name="Gewinnspiel Süßwaren GmbH",
        email="opfer@example.org",
        comment="Sie haben gewonnen! Jetzt abholen: https://betrug.example/preis",
    )
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    raw = mail.message().as_bytes().decode("utf-8", "replace")
    everything = f"{mail.subject}\n{mail.body}\n{raw}"
    for typed in ("Gewinnspiel", "Süßwaren", "gewonnen", "betrug.example", "abholen"):
        assert typed not in everything
    # What it does carry: our post's title and the link that confirms.
    assert public_post.title in mail.subject
    assert "/comments/confirm/" in mail.body
    assert "/comments/edit/" in mail.body


def test_reply_mail_offers_one_click_unsubscribe_in_plain_headers(
    client, employee, staff_person, public_post, submit, mailoutbox
):
    # RFC 8058: clients offer one click only for a plain "<https://…>" header value.
    question = _reader_comment(public_post)
    client.force_login(employee)
    submit(public_post, comment="Ja, das geht auch im Altbau.", reply_to=str(question.pk))
    (mail,) = [m for m in mailoutbox if m.to == ["petra@example.org"]]
    raw = mail.message().as_bytes()
    headers = raw.split(b"\n\n", 1)[0].replace(b"\r\n", b"\n")
    unfolded = headers.replace(b"\n ", b" ").replace(b"\n\t", b" ")
    lines = {
        line.split(b":", 1)[0].lower(): line.split(b":", 1)[1].strip()
        for line in unfolded.split(b"\n")
        if b":" in line
    }
    value = lines[b"list-unsubscribe"]
    assert b"=?" not in value
    assert value.startswith(b"<https://") or value.startswith(b"<http://testserver/")
    assert value.endswith(b">") and b"/comments/mute/" in value
    assert lines[b"list-unsubscribe-post"] == b"List-Unsubscribe=One-Click"
    mute_path = "/" + value[1:-1].decode().split("://", 1)[1].split("/", 1)[1]
    client.logout()
    assert client.post(mute_path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not StimmeComment.objects.get(pk=question.pk).followup
