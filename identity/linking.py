"""Linking an existing local account to a person at the provider: one rule, two doors.

``manage.py link_company_account`` and the admin's "Company accounts" screen
both call :func:`link_account`. An account is linked once: to a subject no
other account holds, never a superuser (the break-glass accounts stay local,
as the sign-in's email linking keeps them), and an account already linked to
another subject is not moved. Its posts, acknowledgements and feed token stay
with it: the next company sign-in with that subject finds it.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from .models import CompanyAccount


class LinkRefused(ValueError):
    """Why an account cannot be linked; the message is for the person who asked."""


@transaction.atomic
def link_account(username: str, subject: str, issuer: str | None = None) -> CompanyAccount:
    issuer = (issuer or settings.OIDC_ISSUER or "").strip().rstrip("/")
    subject = (subject or "").strip()
    if not issuer:
        raise LinkRefused(_("No identity provider is configured (OIDC_ISSUER)."))
    if not subject:
        raise LinkRefused(_("Enter the subject the provider gives this person."))
    user = get_user_model().objects.select_for_update().filter(username=username.strip()).first()
    if user is None:
        raise LinkRefused(_("There is no account “%(username)s”.") % {"username": username})
    if user.is_superuser:
        raise LinkRefused(
            _("“%(username)s” is a superuser: superusers stay local break-glass accounts.")
            % {"username": user.get_username()}
        )
    taken = (
        CompanyAccount.objects.filter(issuer=issuer, subject=subject)
        .exclude(user=user)
        .select_related("user")
        .first()
    )
    if taken is not None:
        raise LinkRefused(
            _("The subject “%(subject)s” is already linked to “%(username)s”.")
            % {"subject": subject, "username": taken.user.get_username()}
        )
    account = CompanyAccount.objects.select_for_update().filter(user=user).first()
    linked_elsewhere = account is not None and account.subject
    if linked_elsewhere and (account.issuer, account.subject) != (issuer, subject):
        raise LinkRefused(
            _("“%(username)s” is already linked to “%(subject)s”.")
            % {"username": user.get_username(), "subject": account.subject}
        )
    if account is None:
        account = CompanyAccount(user=user)
    account.issuer, account.subject = issuer, subject
    account.save()
    return account


def linked_accounts():
    """Every account linked to the provider, for the admin's overview."""
    return CompanyAccount.objects.select_related("user").order_by("user__username")
