"""A durable outbox: mail is stored first and sent later, so an SMTP outage loses nothing.

The table was created by core's migrations (``core.0005_outbox``) and keeps
its app label, so moving the code here changed no table, no migration and no
permission codename (``core.view_outboxmessage``).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """One email to one recipient, kept until it has been handed to the mail server.

    Any app queues mail through ``operations.mail.queue_mail``; ``operations.mail.send_due``
    (run by a task and by ``manage.py send_outbox``) sends what is due and, when
    the server refuses, tries again later with a growing pause. ``key`` makes
    queueing idempotent: the same notification is never queued twice.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("given up")

    key = models.CharField(
        _("deduplication key"), max_length=200, unique=True, null=True, blank=True
    )
    to = models.EmailField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("plain text"))
    body_html = models.TextField(_("HTML"), blank=True)
    from_email = models.CharField(_("sender"), max_length=255, blank=True)
    headers = models.JSONField(_("extra headers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_try_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        app_label = "core"
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "next_try_at"], name="outbox_due_idx")]

    def __str__(self):
        return f"{self.to}: {self.subject}"

    @property
    def sender(self) -> str:
        return self.from_email or settings.DEFAULT_FROM_EMAIL
