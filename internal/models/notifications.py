"""What employees want to hear about, and what they have already been told."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationPreference(models.Model):
    """An employee's choice of internal notifications, and their private feed token.

    Without a row, the default applies (an email for every post). Must-reads
    are mailed right away whatever the choice, because they ask for action.
    """

    class Frequency(models.TextChoices):
        EVERY_POST = "every", _("An email for every new post")
        DAILY_DIGEST = "digest", _("One daily digest")
        MUST_READS = "must_read", _("Only must-reads")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="internal_notification_preference",
    )
    frequency = models.CharField(
        _("notifications"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.EVERY_POST,
    )
    feed_token = models.CharField(
        _("feed token"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    feed_token_created_at = models.DateTimeField(_("feed token created"), null=True, blank=True)
    last_digest_at = models.DateTimeField(_("last digest sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return f"{self.user}: {self.get_frequency_display()}"

    @classmethod
    def for_user(cls, user) -> "NotificationPreference":
        """The user's preference row, created with defaults on first use."""
        preference, _created = cls.objects.get_or_create(user=user)
        return preference

    def regenerate_feed_token(self) -> str:
        """A new secret feed address; the old one stops working at once."""
        self.feed_token = secrets.token_urlsafe(32)
        self.feed_token_created_at = timezone.now()
        self.save(update_fields=["feed_token", "feed_token_created_at"])
        return self.feed_token

    def revoke_feed_token(self) -> None:
        self.feed_token = None
        self.feed_token_created_at = None
        self.save(update_fields=["feed_token", "feed_token_created_at"])


class PostNotification(models.Model):
    """An employee was told about one version of a post (immediately or in a digest).

    One row per (post, user, version) makes notifying idempotent: republishing
    a typo fix does not mail anyone again; asking for re-confirmation does.
    """

    class Channel(models.TextChoices):
        IMMEDIATE = "immediate", _("immediately")
        DIGEST = "digest", _("in the daily digest")

    post = models.ForeignKey(
        "internal.InternalPostPage", on_delete=models.CASCADE, related_name="notifications"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField()
    channel = models.CharField(max_length=10, choices=Channel.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("post notification")
        verbose_name_plural = _("post notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "user", "version"], name="internal_notify_once_per_version"
            )
        ]

    def __str__(self):
        return f"{self.user_id} · {self.post_id} v{self.version} ({self.channel})"
