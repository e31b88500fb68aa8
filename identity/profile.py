"""Profile fields the provider owns: written on each sign-in and by SCIM, never by hand.

What the person writes about themselves (bio, expertise, photo, links) is
not touched. A profile is created on first sign-in, internal-only.
"""

import contextlib
import uuid

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from people.models import Department, Person

from .models import CompanyAccount

# Person fields the provider fills (the keys of the values passed in are these,
# with "email" for internal_email and "manager" for reports_to).
PROVIDER_FIELDS = ("name", "internal_email", "job_title", "department", "location", "reports_to")


def our_department_name(name: str) -> str:
    """The provider's department name after ``OIDC_DEPARTMENT_MAP`` (keys in any case)."""
    mapping = {
        key.strip().casefold(): value.strip() for key, value in settings.OIDC_DEPARTMENT_MAP.items()
    }
    return mapping.get(name.strip().casefold(), name.strip())


def department_named(name: str) -> Department:
    """The department of that name (any case, mapped first); an unknown one is created."""
    name = our_department_name(name)[:150]
    found = Department.objects.filter(name__iexact=name).first()
    if found:
        return found
    base = slugify(name)[:140] or "abteilung"
    slug, n = base, 2
    while Department.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return Department.objects.create(name=name, slug=slug)


def person_for_manager(reference: str) -> Person | None:
    """The manager's profile, named by email, provider subject or SCIM id/externalId."""
    reference = (reference or "").strip()
    if not reference:
        return None
    match = Q(subject=reference) | Q(external_id=reference)
    with contextlib.suppress(ValueError):  # not a UUID: then it is no SCIM id
        match |= Q(scim_id=uuid.UUID(reference))
    accounts = CompanyAccount.objects.filter(match)
    user_ids = list(accounts.values_list("user_id", flat=True)[:2])
    query = Q(user_id__in=user_ids) if user_ids else Q(internal_email__iexact=reference)
    query |= Q(user__email__iexact=reference)
    candidates = list(Person.objects.filter(query)[:2])
    return candidates[0] if len(candidates) == 1 else None


def _wanted(values: dict) -> dict:
    """Field -> new value, for the values the provider sent (None: not sent)."""
    wanted = {}
    for key in ("name", "job_title", "location"):
        if values.get(key) is not None:
            wanted[key] = str(values[key]).strip()[:150]
    if values.get("email") is not None:
        wanted["internal_email"] = str(values["email"]).strip()
    if values.get("department") is not None:
        name = str(values["department"]).strip()
        wanted["department"] = department_named(name) if name else None
    if values.get("manager") is not None:
        manager = person_for_manager(str(values["manager"]))
        if manager is not None or not values["manager"]:
            wanted["reports_to"] = manager
    return wanted


@transaction.atomic
def update_person(user, values: dict) -> Person:
    """Bring the user's profile in line with the provider; create it if there is none."""
    wanted = _wanted(values)
    if not wanted.get("name"):
        wanted.pop("name", None)
    person = Person.objects.filter(user=user).first()
    if person is None:
        person = Person(
            user=user,
            name=wanted.pop("name", "") or user.get_full_name() or user.get_username(),
            visibility=Person.Visibility.INTERNAL,
        )
        for field, value in wanted.items():
            setattr(person, field, value)
        person.save()
        return person
    if wanted.get("reports_to") == person:
        wanted.pop("reports_to")  # nobody reports to themselves
    changed = [field for field, value in wanted.items() if getattr(person, field) != value]
    for field in changed:
        setattr(person, field, wanted[field])
    if changed:
        person.save(update_fields=changed)
        _carry_into_pending_draft(person, changed)
    return person


def _carry_into_pending_draft(person: Person, fields: list[str]) -> None:
    """A profile draft awaiting review must not bring back the provider's old values."""
    revision = person.latest_revision
    if revision is None or not person.has_unpublished_changes:
        return
    current = person.serializable_data()
    for field in fields:
        revision.content[field] = current[field]
    revision.save(update_fields=["content"])
