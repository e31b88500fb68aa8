"""Which company account a user is: the provider's (issuer, subject) pair, never an email."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CompanyAccount(models.Model):
    """Links a local user to a person at the identity provider.

    ``subject`` is empty for an account SCIM created before the person's
    first sign-in; that sign-in links it by verified email (``identity.linking``).
    """

    class LeftBecause(models.TextChoices):
        PROVIDER = "provider", _("Deactivated by the identity provider (SCIM)")
        DORMANT = "dormant", _("No sign-in for too long")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="company_account",
    )
    issuer = models.CharField(_("issuer"), max_length=255)
    subject = models.CharField(_("subject"), max_length=255, null=True, blank=True)
    scim_id = models.UUIDField(_("SCIM id"), default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(_("SCIM externalId"), max_length=255, blank=True)
    last_sign_in_at = models.DateTimeField(_("last sign-in"), null=True, blank=True)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)
    left_because = models.CharField(
        _("left because"), max_length=10, choices=LeftBecause.choices, blank=True
    )
    # Set by the provider's back-channel logout: sessions signed in before it are over.
    sessions_ended_at = models.DateTimeField(_("sessions ended"), null=True, blank=True)
    # DELETE over SCIM: the account is gone for the provider, the person stays here.
    scim_deleted = models.BooleanField(_("deleted by SCIM"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("company account")
        verbose_name_plural = _("company accounts")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"], name="identity_one_account_per_subject"
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.subject or '-'})"


class ScimGroup(models.Model):
    """A group the provider pushes over SCIM; its members get the roles it maps to.

    ``OIDC_ROLE_MAP`` is looked up by the group's ``externalId`` (Entra: the
    object id, as in the groups claim) and by its ``displayName``.
    """

    scim_id = models.UUIDField(_("SCIM id"), default=uuid.uuid4, unique=True, editable=False)
    display_name = models.CharField(_("name"), max_length=255)
    external_id = models.CharField(_("SCIM externalId"), max_length=255, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), related_name="scim_groups", blank=True
    )

    class Meta:
        verbose_name = _("SCIM group")
        verbose_name_plural = _("SCIM groups")

    def __str__(self):
        return self.display_name

    def role_names(self) -> list[str]:
        return [name for name in (self.external_id, self.display_name) if name]
