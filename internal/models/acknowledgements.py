"""Confirmations of must-read posts ("Gelesen und verstanden")."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Acknowledgement(models.Model):
    """One employee confirmed one version of a must-read post.

    Only confirmations of the post's current ``acknowledgement_version``
    count; older ones stay as history when an editor asks again.
    """

    post = models.ForeignKey(
        "internal.InternalPostPage",
        verbose_name=_("post"),
        on_delete=models.CASCADE,
        related_name="acknowledgements",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="internal_acknowledgements",
    )
    version = models.PositiveIntegerField(_("version"))
    acknowledged_at = models.DateTimeField(_("confirmed at"), default=timezone.now)

    class Meta:
        verbose_name = _("read confirmation")
        verbose_name_plural = _("read confirmations")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "user", "version"], name="internal_ack_once_per_version"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.post_id} v{self.version}"
