"""Provider roles and groups -> groups of the permission table (``core.roles.GROUPS``).

Only groups named by ``OIDC_ROLE_MAP`` or ``OIDC_DEFAULT_GROUPS`` belong to
the provider: they are set at every sign-in (added and removed); any other
group an admin gave by hand stays. Superuser and ``is_staff`` are never
touched: Wagtail admin access comes from ``wagtailadmin.access_admin``,
which only the mapped groups carry.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured

from core.roles import GROUPS


def role_map() -> dict[str, str]:
    """``OIDC_ROLE_MAP``, checked against the permission table."""
    unknown = sorted(
        {*settings.OIDC_ROLE_MAP.values(), *settings.OIDC_DEFAULT_GROUPS} - set(GROUPS)
    )
    if unknown:
        raise ImproperlyConfigured(
            f"OIDC_ROLE_MAP/OIDC_DEFAULT_GROUPS name groups outside core.roles.GROUPS: "
            f"{', '.join(unknown)} (known: {', '.join(GROUPS)})"
        )
    return dict(settings.OIDC_ROLE_MAP)


def managed_groups() -> set[str]:
    return {*role_map().values(), *settings.OIDC_DEFAULT_GROUPS}


def provider_roles(claims: dict) -> list[str]:
    """The roles claim as a list of strings (a single string counts as one role)."""
    value = claims.get(settings.OIDC_ROLES_CLAIM)
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return []


def groups_for(roles: list[str]) -> set[str]:
    mapping = role_map()
    return {*settings.OIDC_DEFAULT_GROUPS, *(mapping[role] for role in roles if role in mapping)}


def apply_roles(user, roles: list[str]) -> None:
    """Make the user's provider-owned groups exactly those the roles map to."""
    wanted = groups_for(roles)
    managed = managed_groups()
    current = set(user.groups.filter(name__in=managed).values_list("name", flat=True))
    if remove := current - wanted:
        user.groups.remove(*Group.objects.filter(name__in=remove))
    if add := wanted - current:
        user.groups.add(*(Group.objects.get_or_create(name=name)[0] for name in sorted(add)))
