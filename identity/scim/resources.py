"""Our accounts as SCIM resources and back, with scim2-models doing the SCIM.

A request is first applied to a SCIM ``User`` in memory (validation, PATCH
paths, Entra's ``"Replace"`` and ``"False"`` spellings are scim2-models'
job); only a resource that came through whole is written, in one
transaction, so a bad request leaves nothing half-written.
"""

import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from scim2_models import (
    Address,
    Email,
    EnterpriseUser,
    Group,
    GroupMember,
    Manager,
    Meta,
    Name,
    User,
)

from people.models import Person

from ..leavers import deactivate, reactivate
from ..models import CompanyAccount, ScimGroup
from ..profile import update_person
from ..roles import apply_roles

ScimUser = User[EnterpriseUser]
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"


def normalise_manager(payload: dict) -> dict:
    """Entra sends the manager as a bare id (``"value": "<id>"``); SCIM wants an object."""
    extension = payload.get(ENTERPRISE)
    if isinstance(extension, dict) and isinstance(extension.get("manager"), str):
        extension["manager"] = {"value": extension["manager"]}
    for operation in payload.get("Operations") or []:
        if (
            isinstance(operation, dict)
            and str(operation.get("path", "")).endswith(":manager")
            and isinstance(operation.get("value"), str)
        ):
            operation["value"] = {"value": operation["value"]}
    return payload


def _location(base_url: str, kind: str, scim_id) -> str:
    return f"{base_url}/scim/v2/{kind}/{scim_id}"


def user_resource(account: CompanyAccount, base_url: str) -> ScimUser:
    user = account.user
    person = Person.objects.filter(user=user).select_related("department", "reports_to").first()
    manager = None
    if person and person.reports_to and person.reports_to.user_id:
        boss = CompanyAccount.objects.filter(user_id=person.reports_to.user_id).first()
        if boss:
            manager = Manager(value=str(boss.scim_id))
    resource = ScimUser(
        id=str(account.scim_id),
        external_id=account.external_id or None,
        user_name=user.username,
        display_name=(person.name if person else user.get_full_name()) or None,
        name=Name(given_name=user.first_name or None, family_name=user.last_name or None),
        title=(person.job_title if person else "") or None,
        active=user.is_active,
        emails=[Email(value=user.email, type=Email.Type.work, primary=True)]
        if user.email
        else None,
        addresses=[Address(locality=person.location, type=Address.Type.work)]
        if person and person.location
        else None,
        meta=Meta(resource_type="User", location=_location(base_url, "Users", account.scim_id)),
    )
    resource[EnterpriseUser] = EnterpriseUser(
        department=person.department.name if person and person.department else None,
        manager=manager,
    )
    return resource


def _work_value(items, attribute: str):
    """The work (else primary, else first) entry's attribute of a multi-valued list."""
    items = list(items or [])
    for pick in (
        lambda item: str(getattr(item, "type", "") or "") == "work",
        lambda item: getattr(item, "primary", False),
        lambda item: True,
    ):
        for item in items:
            if pick(item):
                return getattr(item, attribute)
    return None


def _profile_values(resource: ScimUser) -> dict:
    enterprise = resource[EnterpriseUser]
    name = resource.display_name or (resource.name.formatted if resource.name else None)
    if not name and resource.name:
        name = " ".join(
            part for part in (resource.name.given_name, resource.name.family_name) if part
        )
    return {
        "name": name or None,
        "email": _work_value(resource.emails, "value"),
        "job_title": resource.title,
        "location": _work_value(resource.addresses, "locality"),
        "department": enterprise.department if enterprise else None,
        "manager": (enterprise.manager.value if enterprise and enterprise.manager else None),
    }


def local_account_to_link(resource: ScimUser) -> CompanyAccount | None:
    """A local account with the same work email: the provider vouches for it over SCIM.

    Only one match, never a superuser, never an account already linked to a subject.
    """
    email = _work_value(resource.emails, "value")
    if not email:
        return None
    users = list(
        get_user_model()
        .objects.filter(email__iexact=email, is_superuser=False)
        .exclude(company_account__subject__isnull=False)[:2]
    )
    if len(users) != 1:
        return None
    account = CompanyAccount.objects.filter(user=users[0]).first()
    return account or CompanyAccount(user=users[0], issuer=settings.OIDC_ISSUER)


@transaction.atomic
def save_user(resource: ScimUser, account: CompanyAccount | None) -> CompanyAccount:
    """Write a validated SCIM user; ``account`` None creates one (or revives a deleted one)."""
    User_ = get_user_model()
    created = account is None or account.pk is None
    if account is None:
        user = User_.objects.create_user(username=resource.user_name)
        user.set_unusable_password()
        account = CompanyAccount(user=user, issuer=settings.OIDC_ISSUER)
    user = account.user
    user.username = resource.user_name
    if resource.name:
        user.first_name = (resource.name.given_name or user.first_name or "")[:150]
        user.last_name = (resource.name.family_name or user.last_name or "")[:150]
    email = _work_value(resource.emails, "value")
    if email:
        user.email = email
    user.save()
    account.external_id = resource.external_id or ""
    if account.subject is None and resource.external_id and settings.OIDC_SUBJECT_CLAIM != "sub":
        # Entra: externalId is the object id, the "oid" claim at sign-in.
        account.subject = resource.external_id
    account.scim_deleted = False
    account.save()
    update_person(user, _profile_values(resource))
    if created:
        refresh_roles([user.pk])  # OIDC_DEFAULT_GROUPS from the first day, before any sign-in
    if resource.active is False and user.is_active:
        deactivate(user, CompanyAccount.LeftBecause.PROVIDER)
    elif resource.active is not False and not user.is_active:
        reactivate(user)
    return account


@transaction.atomic
def delete_user(account: CompanyAccount) -> None:
    """The provider deleted the account: a leaver here; nothing they wrote goes."""
    deactivate(account.user, CompanyAccount.LeftBecause.PROVIDER)
    account.scim_deleted = True
    account.save(update_fields=["scim_deleted"])


def group_resource(group: ScimGroup, base_url: str) -> Group:
    members = [
        GroupMember(value=str(account.scim_id), display=account.user.username)
        for account in CompanyAccount.objects.filter(user__in=group.members.all()).select_related(
            "user"
        )
    ]
    return Group(
        id=str(group.scim_id),
        external_id=group.external_id or None,
        display_name=group.display_name,
        members=members or None,
        meta=Meta(resource_type="Group", location=_location(base_url, "Groups", group.scim_id)),
    )


def _uuids(values) -> list[uuid.UUID]:
    found = []
    for value in values:
        try:
            found.append(uuid.UUID(value))
        except ValueError:
            continue
    return found


class UnknownMember(ValueError):
    pass


@transaction.atomic
def save_group(resource: Group, group: ScimGroup | None) -> ScimGroup:
    """Write a validated SCIM group; its old and new members' roles follow at once."""
    ids = [str(member.value) for member in resource.members or []]
    accounts = {str(a.scim_id): a for a in CompanyAccount.objects.filter(scim_id__in=_uuids(ids))}
    if missing := [value for value in ids if value not in accounts]:
        raise UnknownMember(", ".join(missing))
    group = group or ScimGroup()
    group.display_name = resource.display_name or group.display_name
    group.external_id = resource.external_id or group.external_id
    group.save()
    before = set(group.members.values_list("pk", flat=True))
    group.members.set([account.user_id for account in accounts.values()])
    refresh_roles(before | {account.user_id for account in accounts.values()})
    return group


@transaction.atomic
def delete_group(group: ScimGroup) -> None:
    before = set(group.members.values_list("pk", flat=True))
    group.delete()
    refresh_roles(before)


def refresh_roles(user_ids) -> None:
    for user in get_user_model().objects.filter(pk__in=user_ids):
        roles = [name for g in user.scim_groups.all() for name in g.role_names()]
        apply_roles(user, roles)
