"""A reader's comment waiting for its email confirmation, kept in the database."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PendingComment(models.Model):
    """Everything a reader submitted, until they click the link in our mail.

    Stock xtd puts the whole comment into the signed confirmation URL, so a
    lost mail loses the comment. Here the text stays in the database; the
    mail carries only a signed reference to this row, which can be re-sent.
    Confirmation turns it into a ``StimmeComment`` exactly once
    (``published`` is set, later clicks just show that comment).
    """

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("content type"), on_delete=models.CASCADE, related_name="+"
    )
    object_pk = models.CharField(_("object ID"), max_length=64)
    target = GenericForeignKey("content_type", "object_pk")
    parent = models.ForeignKey(
        "stimme_comments.StimmeComment",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user_name = models.CharField(_("name"), max_length=50)
    user_email = models.EmailField(_("email address"), db_index=True)
    user_url = models.URLField(_("website"), blank=True)
    comment = models.TextField(_("comment"), max_length=settings.COMMENT_MAX_LENGTH)
    followup = models.BooleanField(_("notify me of replies"), default=False)
    consent_at = models.DateTimeField(_("consent given"))
    language = models.CharField(_("language"), max_length=8, default=settings.LANGUAGE_CODE)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("submitted"), default=timezone.now)
    link_sent_at = models.DateTimeField(_("link last requested"), null=True, blank=True)
    links_sent = models.PositiveSmallIntegerField(_("links requested"), default=0)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    published = models.OneToOneField(
        "stimme_comments.StimmeComment",
        verbose_name=_("published comment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pending_origin",
    )

    class Meta:
        verbose_name = _("comment awaiting confirmation")
        verbose_name_plural = _("comments awaiting confirmation")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user_name} <{self.user_email}>"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def link_expires_at(self):
        """When the most recently sent confirmation link stops working."""
        sent = self.link_sent_at or self.created_at
        return sent + timedelta(days=settings.COMMENTS_CONFIRMATION_DAYS)
