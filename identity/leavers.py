"""Leavers lose access at once; nothing they wrote goes.

A leaver's account is deactivated: Django's session check (``get_user``
refuses inactive users in both backends) ends every open session at its next
request, the private feed token is revoked, internal mail and audiences
skip inactive users (``internal.notifications``, ``internal.audience``), and
the staff directory and org chart leave them out (``people.views``). Their
``Person`` stays, so bylines and comments keep their name.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.pagecache import bump_generation
from internal.models import NotificationPreference

from .models import CompanyAccount


@transaction.atomic
def deactivate(user, because: str) -> None:
    user.is_active = False
    user.save(update_fields=["is_active"])
    for preference in NotificationPreference.objects.filter(user=user, feed_token__isnull=False):
        preference.revoke_feed_token()
    # Every open session is refused while inactive (Django's backends refuse inactive
    # users) and stays over when they are let back in (identity.sessions).
    now = timezone.now()
    CompanyAccount.objects.filter(user=user).update(
        left_at=now, left_because=because, sessions_ended_at=now
    )
    # Their comments now carry the "former employee" mark: cached threads must go.
    bump_generation()


@transaction.atomic
def reactivate(user) -> None:
    user.is_active = True
    user.save(update_fields=["is_active"])
    CompanyAccount.objects.filter(user=user).update(left_at=None, left_because="")
    bump_generation()


def deactivate_dormant(now=None) -> list[str]:
    """Deactivate provider accounts without a sign-in for ``IDENTITY_DORMANT_DAYS`` days.

    For providers without SCIM (Keycloak, Google Workspace): a leaver stops
    signing in. An account that never signed in counts from its creation.
    Returns the usernames deactivated.
    """
    days = settings.IDENTITY_DORMANT_DAYS
    if days <= 0:
        return []
    cutoff = (now or timezone.now()) - timedelta(days=days)
    dormant = CompanyAccount.objects.filter(user__is_active=True).filter(
        Q(last_sign_in_at__lt=cutoff) | Q(last_sign_in_at__isnull=True, created_at__lt=cutoff)
    )
    names = []
    for user in get_user_model().objects.filter(company_account__in=dormant):
        deactivate(user, CompanyAccount.LeftBecause.DORMANT)
        names.append(user.get_username())
    return names
