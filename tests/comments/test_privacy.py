"""Personal data: export and erasure from the admin, IP addresses erased after 30 days."""

import io
import json
from datetime import timedelta

from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest

from comments.editing import erase_for
from comments.models import CommentLike, ModerationLogEntry, PendingComment, StimmeComment

pytestmark = pytest.mark.django_db


@pytest.fixture
def petras_thread(public_post, employee, staff_person):
    question = StimmeComment.objects.create(
        content_type_id=public_post.content_type_id,
        object_pk=str(public_post.pk),
        site_id=1,
        user_name="Petra Leserin",
        user_email="Petra@Example.org",
        user_url="https://petra.example",
        comment="Meine Adresse ist Deichstraße 3.",
        ip_address="203.0.113.9",
    )
    answer = StimmeComment.objects.create(
        content_type_id=public_post.content_type_id,
        object_pk=str(public_post.pk),
        site_id=1,
        user=employee,
        person=staff_person,
        is_staff_comment=True,
        user_name="Jana Beispiel",
        user_email=employee.email,
        comment="Danke, wir melden uns.",
        parent_id=question.pk,
    )
    CommentLike.objects.create(
        comment=answer, email="petra@example.org", confirmed_at=timezone.now()
    )
    return question, answer


@pytest.fixture
def data_protection_officer(editor):
    """An editor who also holds the data protection right (editors alone do not)."""
    editor.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="stimme_comments", codename="handle_personal_data"
        )
    )
    return editor


def test_editor_exports_everything_about_an_address(client, data_protection_officer, petras_thread):
    client.force_login(data_protection_officer)
    url = reverse("stimme_comments_admin:personal_data")
    assert client.get(url).status_code == 200
    response = client.post(url, {"email": "petra@example.org", "export": "1"})
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert [c["text"] for c in data["comments"]] == ["Meine Adresse ist Deichstraße 3."]
    assert data["comments"][0]["ip_address"] == "203.0.113.9"
    assert len(data["likes"]) == 1


def test_erasure_keeps_the_thread_and_shows_deleted_author(
    client, data_protection_officer, petras_thread, public_post
):
    question, answer = petras_thread
    client.force_login(data_protection_officer)
    url = reverse("stimme_comments_admin:personal_data")
    client.post(url, {"email": "petra@example.org", "erase": "1"})  # not confirmed: nothing
    assert StimmeComment.objects.get(pk=question.pk).user_email
    client.post(url, {"email": "petra@example.org", "erase": "1", "confirm": "yes"})
    erased = StimmeComment.objects.get(pk=question.pk)
    assert erased.author_erased and erased.is_removed
    assert erased.user_email == erased.user_name == erased.comment == ""
    assert erased.ip_address is None
    assert not CommentLike.objects.exists()
    client.logout()
    html = client.get(public_post.url).content.decode()
    assert "Petra" not in html and "Deichstraße" not in html
    assert "Danke, wir melden uns." in html


def test_employees_cannot_reach_the_data_tools(client, employee):
    client.force_login(employee)
    response = client.get(reverse("stimme_comments_admin:personal_data"))
    assert response.status_code == 403


def test_ip_addresses_are_erased_after_thirty_days(petras_thread, public_post):
    question, _answer = petras_thread
    recent = StimmeComment.objects.create(
        content_type_id=public_post.content_type_id,
        object_pk=str(public_post.pk),
        site_id=1,
        user_name="Neu",
        user_email="neu@example.org",
        comment="Neu",
        ip_address="198.51.100.1",
    )
    StimmeComment.objects.filter(pk=question.pk).update(
        submit_date=timezone.now() - timedelta(days=31)
    )
    old_pending = PendingComment.objects.create(
        content_type_id=public_post.content_type_id,
        object_pk=str(public_post.pk),
        user_name="Alt",
        user_email="alt@example.org",
        comment="Nie bestätigt",
        consent_at=timezone.now(),
        ip_address="192.0.2.1",
    )
    PendingComment.objects.filter(pk=old_pending.pk).update(
        created_at=timezone.now() - timedelta(days=60),
        link_sent_at=timezone.now() - timedelta(days=60),
    )
    call_command("purge_comment_data", stdout=io.StringIO())
    assert StimmeComment.objects.get(pk=question.pk).ip_address is None
    assert StimmeComment.objects.get(pk=recent.pk).ip_address == "198.51.100.1"
    assert not PendingComment.objects.filter(pk=old_pending.pk).exists()


def test_reader_ip_is_kept_for_spam_defence_staff_ip_never(
    client, public_post, submit, employee, staff_person
):
    submit(public_post)
    assert PendingComment.objects.get().ip_address == "127.0.0.1"
    client.force_login(employee)
    submit(public_post, comment="Staff")
    assert StimmeComment.objects.get(comment="Staff").ip_address is None


def test_refusals_in_the_moderation_log_forget_the_address():
    old = ModerationLogEntry.objects.create(
        action=ModerationLogEntry.Action.REFUSED, reason="Flood", email="alt@example.org"
    )
    ModerationLogEntry.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=31)
    )
    recent = ModerationLogEntry.objects.create(
        action=ModerationLogEntry.Action.REFUSED, reason="Flood", email="neu@example.org"
    )
    call_command("purge_comment_data", stdout=io.StringIO())
    assert ModerationLogEntry.objects.get(pk=old.pk).email == ""
    assert ModerationLogEntry.objects.get(pk=recent.pk).email == "neu@example.org"
    # An erasure request removes the address at once, and keeps the entry.
    erase_for("NEU@example.org")
    entry = ModerationLogEntry.objects.get(pk=recent.pk)
    assert entry.email == "" and entry.reason == "Flood"
