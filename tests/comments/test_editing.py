"""Authors may change or withdraw their comment for 15 minutes; replies always survive."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

import pytest

from comments.models import CommentSettings, ModerationLogEntry, PendingComment, StimmeComment

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
    assert response.status_code == 200, "told on a page of its own, with the way back"
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


# An edit is a new text: it passes the same rules a new comment passes (issue 17, item 6).

EIGHT_LINKS = " ".join(f"https://werbung-{n}.example/angebot" for n in range(8))


@pytest.fixture
def reader_comment(client, public_post, submit, mailoutbox, on_commit, post_moderation):
    """A reader's comment, confirmed and published; returns (comment, edit link path)."""
    submit(public_post, comment="Gute Frage zur Wärmepumpe.")
    body = mailoutbox[-1].body
    with on_commit():
        client.get(link_to(body, "/comments/confirm/"))
    comment = StimmeComment.objects.get()
    assert comment.is_public and comment.moderation_status == "approved"
    return comment, link_to(body, "/comments/edit/")


def test_reader_edit_with_eight_links_goes_back_to_moderation(
    client, reader_comment, public_post, on_commit
):
    comment, edit_path = reader_comment
    with on_commit():
        response = client.post(edit_path, {"comment": f"Günstig kaufen: {EIGHT_LINKS}"})
    # Told on a page of its own: the post page is shared by every reader, no message in it.
    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.moderation_status == "waiting"
    assert not comment.is_public
    assert "8" in comment.moderation_reason
    page = response.content.decode()
    assert "werbung-0.example" not in page
    # The reader learns why the comment vanished.
    assert "moderator" in page.lower()
    assert "werbung-0.example" not in client.get(public_post.url).content.decode()
    assert ModerationLogEntry.objects.filter(comment=comment, action="held", actor=None).exists()


def test_signed_in_reader_edit_with_links_is_held_too(client, public_post, submit, post_moderation):
    reader = get_user_model().objects.create_user(
        "lena.leserin", "lena@example.org", "pw-for-tests-1", first_name="Lena"
    )
    client.force_login(reader)
    submit(public_post, comment="Ein Gedanke zur Förderung.")
    comment = StimmeComment.objects.get()
    assert comment.is_public
    url = reverse("stimme_comments:edit", args=[comment.pk])
    client.post(url, {"comment": EIGHT_LINKS})
    comment.refresh_from_db()
    assert (comment.is_public, comment.moderation_status) == (False, "waiting")
    thread, own = client.get(public_post.url).content.decode().split('id="comments-mine"', 1)
    assert "werbung-3.example" not in thread
    assert "werbung-3.example" in own and "Wartet auf Freigabe" in own, "shown to its author"
    assert "werbung-3.example" not in Client().get(public_post.url).content.decode()


def test_edit_with_a_blocked_word_is_refused_and_the_old_text_stays(
    client, reader_comment, public_post, site_root
):
    rules = CommentSettings.for_site(site_root.get_site())
    rules.blocked_words = "Schwachkopf"
    rules.save()
    comment, edit_path = reader_comment
    response = client.post(edit_path, {"comment": "Du Schwachkopf"})
    assert response.status_code == 400
    comment.refresh_from_db()
    assert comment.comment == "Gute Frage zur Wärmepumpe." and comment.is_public
    assert "Schwachkopf" not in client.get(public_post.url).content.decode()


def test_rewritten_official_answer_loses_its_badge(
    client, editor, employee, staff_person, public_post, submit
):
    client.force_login(employee)
    submit(public_post, comment="Die Förderung läuft bis März.")
    answer = StimmeComment.objects.get()
    client.force_login(editor)
    client.post(reverse("stimme_comments:official", args=[answer.pk]))
    answer.refresh_from_db()
    assert answer.is_official_answer
    client.force_login(employee)
    client.post(
        reverse("stimme_comments:edit", args=[answer.pk]),
        {"comment": "Die Förderung gibt es für alle, ganz ohne Antrag!"},
    )
    answer.refresh_from_db()
    assert answer.comment.startswith("Die Förderung gibt es")
    assert not answer.is_official_answer and answer.official_marked_by is None
    assert 'class="badge badge--official"' not in client.get(public_post.url).content.decode()


def test_moderator_keeps_the_mark_on_their_own_rewritten_official_answer(
    client, editor, public_post, submit
):
    # Whoever may mark official answers could set the mark again at once; they keep it.
    client.force_login(editor)
    submit(public_post, comment="Offiziell: bis März.")
    answer = StimmeComment.objects.get()
    client.post(reverse("stimme_comments:official", args=[answer.pk]))
    client.post(
        reverse("stimme_comments:edit", args=[answer.pk]), {"comment": "Offiziell: bis Ende März."}
    )
    answer.refresh_from_db()
    assert answer.comment == "Offiziell: bis Ende März."
    assert answer.is_official_answer and answer.official_marked_by == editor
