"""What moderators and the automatic rules decided: the audit log, blocks, digest state."""

import ipaddress

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ModerationStatus(models.TextChoices):
    """Where a comment stands; ``is_public``/``is_removed`` follow from it."""

    APPROVED = "approved", _("Published")
    WAITING = "waiting", _("Awaiting approval")
    REJECTED = "rejected", _("Rejected")
    SPAM = "spam", _("Spam")
    DELETED = "deleted", _("Deleted")


class ModerationLogEntry(models.Model):
    """One decision about a comment: who (nobody = the automatic rules), when, what, why.

    Entries without a comment record submissions the rules refused before
    anything was stored (flood, duplicate, too fast, blocked sender).
    """

    class Action(models.TextChoices):
        PUBLISHED = "published", _("Published automatically")
        HELD = "held", _("Held for approval")
        REFUSED = "refused", _("Refused automatically")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Marked as spam")
        DELETED = "deleted", _("Deleted")
        RESTORED = "restored", _("Restored")
        BLOCKED_EMAIL = "blocked_email", _("Author's email blocked")
        BLOCKED_IP = "blocked_ip", _("Author's IP range blocked")
        REPLIED = "replied", _("Answered as the company")
        DATA_EXPORTED = "data_exported", _("Author's personal data exported")
        DATA_ERASED = "data_erased", _("Author's personal data erased")

    comment = models.ForeignKey(
        "stimme_comments.StimmeComment",
        verbose_name=_("comment"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="moderation_log",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty: decided by the automatic rules."),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    guideline = models.ForeignKey(
        "stimme_comments.CommunityGuideline",
        verbose_name=_("guideline"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # For refusals without a comment: whom it concerned (erased with the IP purge).
    email = models.EmailField(_("email address"), blank=True)
    # For refusals without a comment: the post it was aimed at, so the queue
    # shows the entry only to moderators who may see that post.
    post = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("post"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.comment_id})"

    @property
    def is_automatic(self) -> bool:
        return self.actor_id is None


class BlockedSender(models.Model):
    """An email address or IP range whose comments are refused."""

    email = models.EmailField(_("email address"), blank=True, db_index=True)
    network = models.CharField(
        _("IP range"), max_length=64, blank=True, help_text=_("CIDR, e.g. 203.0.113.0/24.")
    )
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("blocked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("blocked"), default=timezone.now)

    class Meta:
        verbose_name = _("blocked sender")
        verbose_name_plural = _("blocked senders")

    def __str__(self):
        return self.email or self.network

    @classmethod
    def blocks(cls, email: str, ip: str | None) -> bool:
        """Whether ``email`` or ``ip`` is blocked (one query)."""
        rows = cls.objects.filter(
            models.Q(email__iexact=email or "-") | ~models.Q(network="")
        ).values_list("email", "network")
        address = None
        if ip:
            try:
                address = ipaddress.ip_address(ip)
            except ValueError:
                address = None
        for blocked_email, network in rows:
            if blocked_email and email and blocked_email.lower() == email.lower():
                return True
            if network and address is not None:
                try:
                    if address in ipaddress.ip_network(network, strict=False):
                        return True
                except ValueError:
                    continue
        return False


def network_of(ip: str) -> str:
    """The range a block covers: /24 for IPv4, /64 for IPv6."""
    address = ipaddress.ip_address(ip)
    prefix = 24 if address.version == 4 else 64
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


class ModeratorDigest(models.Model):
    """When moderators were last mailed about waiting comments (one row)."""

    last_sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)
    planned_for = models.DateTimeField(
        _("next mail planned for"),
        null=True,
        blank=True,
        help_text=_("Set while a delayed task will send the next mail; avoids planning twice."),
    )

    class Meta:
        verbose_name = _("moderator notification state")

    def __str__(self):
        return str(self.last_sent_at or "–")
