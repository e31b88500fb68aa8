"""Authors may change or withdraw their comment for 15 minutes; replies always survive."""

from datetime import timedelta

from django.urls import reverse

import pytest

from comments.models import PendingComment, StimmeComment

from .helpers import link_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_comment(client, employee, staff_person, public_post, submit):
    client.force_login(employee)
    submit(public_post, comment="Erste Fassung")
    return StimmeComment.objects.get()


def test_author_edits_within_the_window(client, own_comment, public_post):
    url = reverse("stimme_comments:edit", args=[own_comment.pk])
    assert "Bearbeiten oder löschen" in client.get(public_post.url).content.decode()
    assert client.get(url).status_code == 200
    response = client.post(url, {"comment": "Zweite Fassung", "save": "1"})
    assert response.status_code == 302
    changed = StimmeComment.objects.get()
    assert changed.comment == "Zweite Fassung"
    assert changed.edited_at is not None


def test_editing_is_closed_after_fifteen_minutes(client, own_comment, public_post):
    StimmeComment.objects.filter(pk=own_comment.pk).update(
        submit_date=own_comment.submit_date - timedelta(minutes=16)
    )
    url = reverse("stimme_comments:edit", args=[own_comment.pk])
    assert client.post(url, {"comment": "Zu spät"}).status_code == 403
    assert StimmeComment.objects.get().comment == "Erste Fassung"
    assert "Bearbeiten oder löschen" not in client.get(public_post.url).content.decode()


def test_others_cannot_edit(client, other_employee, own_comment):
    client.force_login(other_employee)
    url = reverse("stimme_comments:edit", args=[own_comment.pk])
    assert client.post(url, {"comment": "Gekapert"}).status_code == 403
    assert StimmeComment.objects.get().comment == "Erste Fassung"


def test_deleting_keeps_the_replies(client, editor, own_comment, public_post, submit):
    client.force_login(editor)
    submit(public_post, comment="Eine Antwort darauf", reply_to=str(own_comment.pk))
    client.force_login(own_comment.user)
    client.post(reverse("stimme_comments:edit", args=[own_comment.pk]), {"delete": "1"})
    html = client.get(public_post.url).content.decode()
    assert "Erste Fassung" not in html
    assert "Eine Antwort darauf" in html
    assert "This comment was deleted." in html or "gelöscht" in html
    assert StimmeComment.objects.get(comment="Eine Antwort darauf").is_public


def test_reader_edits_and_deletes_through_the_link_in_the_mail(
    client, public_post, submit, mailoutbox, on_commit
):
    submit(public_post)
    body = mailoutbox[-1].body
    edit_path = link_to(body, "/comments/edit/")
    # Before confirmation there is nothing public to edit.
    assert client.get(edit_path).status_code == 200
    assert not StimmeComment.objects.exists()
    with on_commit():
        client.get(link_to(body, "/comments/confirm/"))
    response = client.post(edit_path, {"comment": "Korrigiert: nachts!"})
    assert response.status_code == 302
    assert StimmeComment.objects.get().comment == "Korrigiert: nachts!"
    client.post(edit_path, {"delete": "1"})
    assert StimmeComment.objects.get().is_removed
    assert PendingComment.objects.get().published is not None


def test_reader_edit_link_expires_with_the_window(client, public_post, submit, mailoutbox):
    submit(public_post)
    body = mailoutbox[-1].body
    client.get(link_to(body, "/comments/confirm/"))
    comment = StimmeComment.objects.get()
    StimmeComment.objects.filter(pk=comment.pk).update(
        submit_date=comment.submit_date - timedelta(minutes=20)
    )
    response = client.post(link_to(body, "/comments/edit/"), {"comment": "Zu spät"})
    assert response.status_code == 403
