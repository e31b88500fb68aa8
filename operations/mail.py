"""Mail that survives an SMTP outage: queue it durably, send it from a task, retry with backoff.

Any app sends mail like this::

    from operations.mail import queue_mail, send_soon

    queue_mail(to=user.email, subject=..., text=..., html=..., key=f"myapp:{thing.pk}:{user.pk}")
    send_soon()  # after the surrounding transaction commits, a task sends what is due

``key`` makes queueing idempotent (a retried task does not mail twice).
Django's task framework has no automatic retries, so the outbox keeps
``attempts`` and ``next_try_at`` itself; ``manage.py send_outbox`` (cron,
every few minutes) is the safety net when no worker re-enqueued a retry.

Delivery is at least once. A sender claims a message (status "sending")
and renews that claim right before handing it to SMTP; a sender that dies
mid-send leaves the claim behind, and after ``OUTBOX_SENDING_LEASE_SECONDS``
another sender takes the message over. One corner stays: a sender killed
after the server accepted the message but before the database recorded it
sends it once more later. Both copies carry the same Message-ID, so mail
clients and servers that deduplicate show it once.
"""

import contextlib
import email.policy
import logging
from datetime import timedelta
from email.headerregistry import HeaderRegistry, UnstructuredHeader
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
MAX_ATTEMPTS = 12
FIRST_RETRY = timedelta(minutes=1)
LONGEST_PAUSE = timedelta(hours=6)


def sending_lease() -> timedelta:
    """How long a claim holds: a message "sending" for longer belongs to a dead sender.

    The claim is renewed before each message, so this must only outlast one
    SMTP conversation (``EMAIL_TIMEOUT``), not a whole batch.
    """
    return timedelta(seconds=getattr(settings, "OUTBOX_SENDING_LEASE_SECONDS", 600))


def queue_mail(
    *,
    to: str,
    subject: str,
    text: str,
    html: str = "",
    key: str | None = None,
    from_email: str = "",
    headers: dict | None = None,
) -> OutboxMessage | None:
    """Store one email for sending; returns None if ``key`` was queued before."""
    if key and OutboxMessage.objects.filter(key=key).exists():
        return None
    message = OutboxMessage(
        key=key or None,
        to=to,
        subject=" ".join(subject.split())[:255],
        body_text=text,
        body_html=html,
        from_email=from_email,
        headers=headers or {},
    )
    try:
        # A savepoint, so a concurrent duplicate does not break the caller's transaction.
        with transaction.atomic():
            message.save()
    except IntegrityError:
        return None
    return message


def retry_delay(attempts: int) -> timedelta:
    """Pause before the next try after ``attempts`` failures: 1, 2, 4 … minutes, at most 6 h."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_PAUSE)


def _due(now):
    stale = now - sending_lease()
    return OutboxMessage.objects.filter(
        Q(status=OutboxMessage.Status.PENDING, next_try_at__lte=now)
        | Q(status=OutboxMessage.Status.SENDING, next_try_at__lte=stale)
    )


def _claim(limit: int, now) -> list[OutboxMessage]:
    """Take due messages for this worker; a conditional UPDATE makes each claim exclusive."""
    claimed = []
    for message in _due(now).order_by("next_try_at", "pk")[:limit]:
        won = OutboxMessage.objects.filter(
            pk=message.pk, status=message.status, next_try_at=message.next_try_at
        ).update(status=OutboxMessage.Status.SENDING, next_try_at=now)
        if won:
            message.status, message.next_try_at = OutboxMessage.Status.SENDING, now
            claimed.append(message)
    return claimed


def _renew_claim(message: OutboxMessage) -> bool:
    """Restart this sender's lease just before sending; False if another sender took over."""
    now = timezone.now()
    won = OutboxMessage.objects.filter(
        pk=message.pk, status=OutboxMessage.Status.SENDING, next_try_at=message.next_try_at
    ).update(next_try_at=now)
    if won:
        message.next_try_at = now
    return bool(won)


def message_id(message: OutboxMessage) -> str:
    """The same Message-ID on every attempt, so a rare second copy is recognisably a duplicate."""
    domain = parseaddr(message.sender)[1].rpartition("@")[2] or "localhost"
    return f"<outbox-{message.pk}.{message.created_at:%Y%m%d%H%M%S%f}@{domain}>"


# RFC 5322's hard limit for one header line, CRLF excluded.
MAX_HEADER_LINE = 998
# Headers mail clients read as machine-readable links (RFC 2369, RFC 8058).
UNFOLDED_HEADERS = ("list-unsubscribe", "list-unsubscribe-post")


class UnfoldedHeader(UnstructuredHeader):
    """A header written out as given, on one line, when it is plain ASCII and fits.

    Python's email package folds a long unstructured header by turning it
    into RFC 2047 encoded words (``=?utf-8?q?=3Chttps...``); for
    ``List-Unsubscribe`` that hides the link, and no client offers one-click
    unsubscribe. A long unbroken line is allowed up to 998 characters.
    """

    def fold(self, *, policy):
        value = str(self)
        line = f"{self.name}: {value}"
        if value.isascii() and len(line) <= MAX_HEADER_LINE and "\n" not in value:
            return line + policy.linesep
        return super().fold(policy=policy)


def _header_registry() -> HeaderRegistry:
    registry = HeaderRegistry()
    for name in UNFOLDED_HEADERS:
        registry.map_to_type(name, UnfoldedHeader)
    return registry


_HEADERS = _header_registry()


class OutboxEmail(EmailMultiAlternatives):
    """Django's email, with the list headers kept verbatim whatever policy the backend uses."""

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(header_factory=_HEADERS))


def _email(message: OutboxMessage, connection) -> EmailMultiAlternatives:
    email = OutboxEmail(
        subject=message.subject,
        body=message.body_text,
        from_email=message.sender,
        to=[message.to],
        headers={"Message-ID": message_id(message), **message.headers},
        connection=connection,
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    return email


def _failed(message: OutboxMessage, error: Exception, now) -> None:
    message.attempts += 1
    message.last_error = f"{type(error).__name__}: {error}"[:2000]
    if message.attempts >= MAX_ATTEMPTS:
        message.status = OutboxMessage.Status.FAILED
        logger.error("Gave up on mail %s to %s: %s", message.pk, message.to, message.last_error)
    else:
        message.status = OutboxMessage.Status.PENDING
        message.next_try_at = now + retry_delay(message.attempts)
        logger.warning(
            "Mail %s to %s failed (attempt %s), retry at %s: %s",
            message.pk,
            message.to,
            message.attempts,
            message.next_try_at.isoformat(),
            message.last_error,
        )
    message.save(update_fields=["attempts", "last_error", "status", "next_try_at"])


def send_due(limit: int = BATCH_SIZE) -> int:
    """Send up to ``limit`` due messages over one connection; returns how many were sent.

    A message the server refuses (or every message, if the server is down)
    goes back to "waiting" with a later ``next_try_at``; nothing is lost.
    """
    now = timezone.now()
    messages = _claim(limit, now)
    if not messages:
        return 0
    sent = 0
    connection = mailers.default
    try:
        connection.open()
    except Exception as error:  # noqa: BLE001 - any failure to connect means "try later"
        for message in messages:
            _failed(message, error, now)
        return 0
    try:
        for message in messages:
            if not _renew_claim(message):
                continue
            try:
                connection.send_messages([_email(message, connection)])
            except Exception as error:  # noqa: BLE001 - the message stays queued, logged
                _failed(message, error, now)
                continue
            message.status = OutboxMessage.Status.SENT
            message.sent_at = timezone.now()
            message.attempts += 1
            message.last_error = ""
            message.save(update_fields=["status", "sent_at", "attempts", "last_error"])
            sent += 1
    finally:
        # Closing a broken connection may fail too; the messages' state is already saved.
        with contextlib.suppress(Exception):
            connection.close()
    return sent


def _earliest(status):
    return (
        OutboxMessage.objects.filter(status=status)
        .order_by("next_try_at")
        .values_list("next_try_at", flat=True)
        .first()
    )


def next_due_at():
    """When the next message is due (a waiting one, or a dead sender's claim expiring), or None."""
    waiting = _earliest(OutboxMessage.Status.PENDING)
    claimed = _earliest(OutboxMessage.Status.SENDING)
    times = [waiting, claimed + sending_lease() if claimed else None]
    return min((t for t in times if t is not None), default=None)


@task
def send_outbox() -> int:
    """Task: send due mail, then schedule itself for the next retry if the backend can."""
    sent = send_due()
    upcoming = next_due_at()
    if upcoming is not None:
        backend = send_outbox.get_backend()
        if upcoming <= timezone.now():
            if sent:  # a full batch went out: carry on with the rest
                send_outbox.enqueue()
        elif backend.supports_defer:
            send_outbox.using(run_after=upcoming).enqueue()
    return sent


def send_soon() -> None:
    """Send queued mail once the current transaction has committed (a task does it)."""
    transaction.on_commit(send_outbox.enqueue, robust=True)
