"""What readers do with a comment: like it, or report it to the moderators."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CommentLike(models.Model):
    """One like per signed-in user, or per browser of a reader without an account.

    A public reader likes with one click. The row keeps only a keyed hash of
    the comment and a random id in the browser's cookie (``browser_hash``,
    see ``comments.readers``), as poll ballots do: no name, no address,
    no IP, and likes on different comments cannot be linked to one browser.
    ``email`` and ``confirmed_at`` remain for likes confirmed by mail before
    likes became one click; those still count.
    """

    comment = models.ForeignKey(
        "stimme_comments.StimmeComment",
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        related_name="likes",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    email = models.EmailField(_("email address"), blank=True, db_index=True)
    browser_hash = models.CharField(_("browser (keyed hash)"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("like")
        verbose_name_plural = _("likes")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "user"],
                condition=Q(user__isnull=False),
                name="stimme_comments_like_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["comment", "email"],
                condition=~Q(email=""),
                name="stimme_comments_like_once_per_email",
            ),
            models.UniqueConstraint(
                fields=["comment", "browser_hash"],
                condition=~Q(browser_hash=""),
                name="stimme_comments_like_once_per_browser",
            ),
        ]

    def __str__(self):
        return f"♥ {self.comment_id}"


class CommentReport(models.Model):
    """A reader's "report this comment": puts the comment in front of moderators."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Insulting or hateful")
        PERSONAL = "personal", _("Reveals personal data")
        OFF_TOPIC = "off_topic", _("Off topic")
        OTHER = "other", _("Something else")

    comment = models.ForeignKey(
        "stimme_comments.StimmeComment",
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    details = models.TextField(_("details"), max_length=1000, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True, db_index=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.comment_id})"
