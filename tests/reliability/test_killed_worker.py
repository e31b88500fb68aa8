"""A sender is killed (SIGKILL) in the middle of sending: the mail goes out later, exactly once.

Real processes: ``manage.py run_worker`` running the outbox task, or a cron
``manage.py send_outbox``, sending to a real SMTP server that holds the
message until the test has killed the sender. Its claim on the message (and
the worker's on the task) then expires, and the next sender delivers it.
"""

import email

from django.utils import timezone

import pytest
from django_tasks_db.models import DBTaskResult

from operations.mail import queue_mail, send_due, send_outbox
from operations.models import OutboxMessage

from .processes import database_url, kill, manage, process_env, stop, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("migrated_data")]

LEASE_SECONDS = 2
SENDERS = {
    "worker": ("run_worker", "--interval=0.2", "--no-startup-delay", "--verbosity=0"),
    "cron": ("send_outbox",),
}


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.parametrize("sender", SENDERS)
def test_killed_sender_neither_loses_nor_doubles_the_mail(sender, smtp, database_queue, tmp_path):
    smtp.up()
    smtp.mailbox.holding = True
    queue_mail(to="petra@example.org", subject="Bitte bestätigen", text="Ihr Link", key="k1")
    task = send_outbox.enqueue() if sender == "worker" else None
    env = process_env(
        database_url(),
        EMAIL_PORT=smtp.port,
        OUTBOX_SENDING_LEASE_SECONDS=LEASE_SECONDS,
        TASKS_RUNNING_LEASE_SECONDS=LEASE_SECONDS,
    )
    log = tmp_path / "sender.log"

    first = manage(*SENDERS[sender], env=env, log=log)
    try:
        assert smtp.mailbox.arrived.wait(30), log.read_text()
        # While the first sender lives, its claim holds: nobody else sends the message.
        assert send_due() == 0
        kill(first)
    finally:
        stop(first)
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.SENDING
    if task is not None:
        assert DBTaskResult.objects.get(pk=task.id).status == "RUNNING"
    smtp.mailbox.holding = False
    smtp.mailbox.release.set()  # the server never said "accepted": nothing was delivered

    if sender == "worker":
        second = manage(*SENDERS[sender], env=env, log=log)
    else:
        # cron runs again a while later; until the claim expires it finds nothing to do
        wait_for(
            lambda: (timezone.now() - message.next_try_at).total_seconds() > LEASE_SECONDS,
            10,
            "the dead sender's claim to expire",
        )
        second = manage(*SENDERS[sender], env=env, log=log)
    try:
        wait_for(
            lambda: OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).exists(),
            30,
            f"the mail to be sent (log: {log})",
        )
        if task is not None:
            rerun = wait_for(
                lambda: DBTaskResult.objects.filter(pk=task.id, status="SUCCESSFUL").first(),
                30,
                "the killed task to be run again",
            )
            assert len(rerun.worker_ids) == 2  # the same task, taken over by the new worker
    finally:
        stop(second)
    (delivered,) = smtp.mailbox.to("petra@example.org")
    assert "Ihr Link" in delivered["data"]
    # Had the first attempt been accepted after all, both copies would share one Message-ID.
    assert _message_id(delivered) == _message_id(smtp.mailbox.held[0])
    assert _message_id(delivered).startswith(f"<outbox-{message.pk}.")


def _message_id(mail: dict) -> str:
    return email.message_from_string(mail["data"])["Message-ID"]
