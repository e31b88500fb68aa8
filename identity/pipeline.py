"""The steps after the provider answered (``SOCIAL_AUTH_PIPELINE``).

``match_account`` finds the user by (issuer, subject), links an existing
local account once by a verified email, or creates one; ``apply_provider_data``
sets roles and profile fields from the claims at every sign-in.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from social_core.exceptions import AuthPolicyError
from social_django.models import UserSocialAuth

from .leavers import reactivate
from .models import CompanyAccount
from .profile import update_person
from .roles import apply_roles, provider_roles
from .sessions import remember


def _claim(claims: dict, key: str):
    name = settings.OIDC_CLAIMS.get(key)
    return claims.get(name) if name else None


def linkable_user(claims: dict):
    """An existing local account to link by email: only a verified one, once, never a superuser."""
    email = (_claim(claims, "email") or "").strip()
    if not email or claims.get("email_verified") is not True:
        return None
    candidates = list(
        get_user_model()
        .objects.filter(email__iexact=email, is_superuser=False)
        .exclude(company_account__subject__isnull=False)[:2]
    )
    return candidates[0] if len(candidates) == 1 else None


def _new_username(claims: dict) -> str:
    User = get_user_model()
    base = (claims.get("preferred_username") or _claim(claims, "email") or "").split("@")[0]
    base = "".join(ch for ch in base if ch.isalnum() or ch in "._-")[:120] or "mitarbeiter"
    username, n = base, 2
    while User.objects.filter(username__iexact=username).exists():
        username, n = f"{base}{n}", n + 1
    return username


def _name_parts(claims: dict) -> tuple[str, str]:
    first, last = claims.get("given_name"), claims.get("family_name")
    if first is None and last is None and _claim(claims, "name"):
        first, _space, last = str(_claim(claims, "name")).partition(" ")
    return (first or "")[:150], (last or "")[:150]


@transaction.atomic
def match_account(backend, uid, response, *args, **kwargs):
    claims = backend.claims(response)
    # Stored without a trailing slash, as OIDC_ISSUER and SCIM store it (Auth0 and
    # Okta's org servers end their issuer with one).
    issuer = str(claims.get("iss") or "").rstrip("/")
    subject = claims.get(settings.OIDC_SUBJECT_CLAIM)
    if not issuer or not subject or issuer != settings.OIDC_ISSUER:
        raise AuthPolicyError(backend, "unknown issuer or no subject")
    account = (
        CompanyAccount.objects.select_for_update()
        .select_related("user")
        .filter(issuer=issuer, subject=str(subject))
        .first()
    )
    is_new = False
    if account is None:
        user = linkable_user(claims)
        if user is None:
            User = get_user_model()
            first, last = _name_parts(claims)
            user = User.objects.create_user(
                username=_new_username(claims),
                email=_claim(claims, "email") or "",
                first_name=first,
                last_name=last,
            )
            user.set_unusable_password()
            user.save(update_fields=["password"])
            is_new = True
        account, _created = CompanyAccount.objects.update_or_create(
            user=user, defaults={"issuer": issuer, "subject": str(subject)}
        )
    user = account.user
    if not user.is_active and account.left_because == CompanyAccount.LeftBecause.DORMANT:
        # The provider still signs them in: they never left, they were away.
        reactivate(user)
    social, _created = UserSocialAuth.objects.update_or_create(
        provider=backend.name, uid=uid, defaults={"user": user}
    )
    return {"user": user, "social": social, "is_new": is_new, "claims": claims, "account": account}


def apply_provider_data(backend, user, claims, account, response, *args, **kwargs):
    if not user.is_active:
        return  # a leaver's sign-in changes nothing; social-core refuses it next
    response = response or {}
    remember(
        backend.strategy.request.session, response.get("refresh_token"), response.get("id_token")
    )
    first, last = _name_parts(claims)
    email = _claim(claims, "email")
    user.first_name, user.last_name = first or user.first_name, last or user.last_name
    if email:
        user.email = email
    user.save(update_fields=["first_name", "last_name", "email"])
    # Groups pushed by SCIM count as roles too (Entra omits the groups claim above 200).
    scim_roles = [name for group in user.scim_groups.all() for name in group.role_names()]
    apply_roles(user, [*provider_roles(claims), *scim_roles])
    update_person(user, {key: _claim(claims, key) for key in settings.OIDC_CLAIMS})
    account.last_sign_in_at = timezone.now()
    account.save(update_fields=["last_sign_in_at"])
