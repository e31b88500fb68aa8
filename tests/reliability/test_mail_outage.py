"""SMTP is down: comments and notifications wait in the outbox and go out, once, when it is back.

A real SMTP server on loopback is stopped and started; nothing a reader
wrote depends on a mail getting through, and administrators see what is
stuck and why.
"""

from datetime import timedelta

from django.core.management import call_command
from django.tasks import task
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from comments import tokens
from comments.models import CommentSettings, PendingComment, StimmeComment
from operations.mail import retry_delay, send_outbox
from operations.models import OutboxMessage
from tests.helpers.comments import form_data

pytestmark = pytest.mark.django_db

READER = "petra@example.org"


@pytest.fixture
def post_moderation(site_root):
    comment_settings = CommentSettings.for_site(site_root.get_site())
    comment_settings.moderation_policy = "post"
    comment_settings.save()


@pytest.fixture
def reader_comment(client, public_post, relaxed_flood_rules, post_moderation, on_commit):
    """A reader's comment, sent and confirmed while SMTP was down."""
    with on_commit():
        client.post(reverse("stimme_comments:post"), form_data(public_post, followup="on"))
        pending = PendingComment.objects.get()
        client.get(
            reverse("stimme_comments:confirm", args=[tokens.make(tokens.CONFIRM, pending.pk)])
        )
    return StimmeComment.objects.get()


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run the after-commit callbacks (the mail task) of whatever happens inside."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def clock_at(monkeypatch, minutes: float) -> None:
    """Let ``minutes`` pass for everything that asks ``timezone.now()``."""
    moment = timezone.now() + timedelta(minutes=minutes)
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_mail_waits_while_smtp_is_down_and_goes_out_once_when_it_returns(
    smtp, reader_comment, public_post, employee, on_commit, monkeypatch
):
    # The reader's comment is published although no mail could be sent.
    assert reader_comment.is_public
    assert "Wie laut ist die Außeneinheit" in Client().get(public_post.url).content.decode()

    # A colleague answers; the reader follows the thread, SMTP is still down.
    colleague = Client()
    colleague.force_login(employee)
    with on_commit():
        response = colleague.post(
            reverse("stimme_comments:post"),
            form_data(public_post, comment="Nachts 35 dB(A), so leise wie ein Kühlschrank.")
            | {"reply_to": str(reader_comment.pk)},
        )
    assert response.status_code == 302
    waiting = list(OutboxMessage.objects.order_by("pk"))
    assert [m.to for m in waiting] == [READER, READER]  # confirmation link, reply notification
    for message in waiting:
        assert message.status == OutboxMessage.Status.PENDING
        assert message.attempts == 1
        assert "Connection refused" in message.last_error or "111" in message.last_error
        # Backoff: the next try is a minute away, not hammering a dead server.
        assert message.next_try_at >= message.created_at + retry_delay(1) - timedelta(seconds=5)

    smtp.up()
    call_command("send_outbox")  # cron: nothing is due yet, nothing is sent twice
    assert smtp.mailbox.accepted == []

    clock_at(monkeypatch, 2)
    call_command("send_outbox")
    mails = smtp.mailbox.to(READER)
    assert len(mails) == 2
    assert any("/comments/confirm/" in m["data"].replace("=\n", "") for m in mails)
    assert any("35 dB(A)" in m["data"] for m in mails)
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}

    clock_at(monkeypatch, 60)
    call_command("send_outbox")
    assert len(smtp.mailbox.accepted) == 2


def test_the_outbox_task_schedules_its_own_retry_with_backoff(smtp, settings, reader_comment):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    message = OutboxMessage.objects.get()
    # A worker runs the task again at once: it does not hammer the dead server…
    assert send_outbox.call() == 0
    message.refresh_from_db()
    assert message.attempts == 1
    # …but queues itself for the moment the backoff ends.
    retry = DBTaskResult.objects.get(task_path="operations.mail.send_outbox")
    assert retry.status == "READY"
    assert retry.run_after == message.next_try_at
    assert message.next_try_at - message.created_at >= retry_delay(1) - timedelta(seconds=5)


@task
def deliver_digest():
    raise ConnectionRefusedError("SMTP-Server mail.example.com antwortet nicht")


def test_admins_see_stuck_mail_and_failed_tasks_with_their_error(
    smtp, settings, reader_comment, superuser, editor
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    OutboxMessage.objects.update(status=OutboxMessage.Status.FAILED, attempts=12)
    result = deliver_digest.enqueue()
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    worker.run_task(DBTaskResult.objects.get(pk=result.id))

    admin = Client()
    admin.force_login(superuser)
    listing = admin.get("/admin/outbox/?status=failed").content.decode()
    assert READER in listing and "Connection refused" in listing
    message = OutboxMessage.objects.get()
    detail = admin.get(f"/admin/outbox/inspect/{message.pk}/").content.decode()
    assert message.last_error in detail.replace("&#x27;", "'")

    tasks = admin.get("/admin/task_results/?status=FAILED").content.decode()
    assert "deliver_digest" in tasks and "ConnectionRefusedError" in tasks
    detail = admin.get(f"/admin/task_results/inspect/{result.id}/").content.decode()
    assert "SMTP-Server mail.example.com antwortet nicht" in detail

    # Mail bodies hold readers' confirmation links: editors do not get to read them.
    moderator = Client()
    moderator.force_login(editor)
    assert moderator.get("/admin/outbox/").status_code in (302, 403)
    assert READER not in moderator.get("/admin/outbox/", follow=True).content.decode()
