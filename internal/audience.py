"""Who a post is for, and who may read a confidential one.

``core.visibility`` decides on groups and view restrictions; the finer rule
of the internal blog lives here and is registered with core
(``register_page_rule``), so search, people pages and every other listing
apply it without knowing the internal app.

* A post without departments and locations addresses all staff.
* Otherwise a colleague is in its audience when their department **or**
  their location (from their ``people.Person`` profile) is chosen.
* Every employee may read a targeted post, unless it is confidential:
  then only its audience, its authors (credited, or the page's owner, so an
  author's fresh draft is theirs), holders of ``internal.read_all_confidential``
  and superusers may, on the site and in the admin alike. Being an editor
  grants nothing here: an editor outside the audience gets a 404.

``hidden_pages`` is the rule (SQL, drafts included); ``may_read`` asks it for
one post, so the two cannot drift apart.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower, Trim

from wagtail.models import Page

from core.roles import READ_ALL_CONFIDENTIAL
from core.visibility import EMPLOYEES_GROUP, is_employee
from core.visibility import is_editor as core_is_editor


@dataclass(frozen=True)
class ReaderProfile:
    """What audience matching needs to know about a reader."""

    department_id: int | None = None
    location: str = ""


NOBODY = ReaderProfile()


def reader_profile(user) -> ReaderProfile:
    """The reader's department and location from their person profile (cached per user)."""
    if not getattr(user, "is_authenticated", False):
        return NOBODY
    cached = getattr(user, "_internal_profile", None)
    if cached is None:
        from people.models import Person

        row = Person.objects.filter(user=user).values("department_id", "location").first()
        cached = (
            ReaderProfile(row["department_id"], (row["location"] or "").strip()) if row else NOBODY
        )
        user._internal_profile = cached
    return cached


def is_editor(user) -> bool:
    """Editors and superusers: they see reports such as who confirmed a must-read.

    Not a key to confidential posts: see ``hidden_pages``.
    """
    return core_is_editor(user)


def _profile(user):
    """The reader's person profile as a subquery (no query of its own)."""
    from people.models import Person

    return Person.objects.filter(user_id=user.pk)


def _department_links():
    from .models import InternalPostPage

    return InternalPostPage.audience_departments.through.objects.filter(
        internalpostpage_id=OuterRef("pk")
    )


def _location_links():
    from .models import InternalPostLocation

    return InternalPostLocation.objects.filter(page_id=OuterRef("pk")).annotate(
        place=Lower(Trim("location"))
    )


def targeted_at(user):
    """Filter: posts explicitly addressed to ``user``'s department or location.

    Built from subqueries, so filtering costs no extra round trip; a reader
    without a person profile is addressed by no targeted post.
    """
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    profile = _profile(user)
    department = Exists(
        _department_links().filter(
            department_id__in=profile.exclude(department=None).values("department_id")
        )
    )
    location = Exists(
        _location_links().filter(
            place__in=profile.exclude(location="")
            .annotate(place=Lower(Trim("location")))
            .values("place")
        )
    )
    return department | location


def for_all_staff():
    """Filter: posts addressed to everyone (no departments, no locations)."""
    return ~Exists(_department_links()) & ~Exists(_location_links())


def audience_posts(queryset, user):
    """Of ``queryset`` (internal posts), those whose audience includes ``user``."""
    return queryset.filter(targeted_at(user) | for_all_staff())


def in_audience(post, user) -> bool:
    """Whether ``user`` belongs to the audience of ``post`` (all staff if untargeted)."""
    if not is_employee(user):
        return False
    departments = {department.pk for department in post.audience_departments.all()}
    locations = {entry.location.strip().lower() for entry in post.audience_locations.all()}
    if not departments and not locations:
        return True
    profile = reader_profile(user)
    return profile.department_id in departments or profile.location.lower() in locations


def may_read(user, post) -> bool:
    """Whether ``user`` may read this live internal post on the site (``hidden_pages`` decides)."""
    if not post.live or not is_employee(user):
        return False
    if not post.confidential:
        return True
    return may_see_confidential(user, post)


def may_see_confidential(user, post) -> bool:
    """Whether the confidential rule lets ``user`` see ``post`` (draft or live), one query."""
    hidden = hidden_pages(user)
    return hidden is None or not hidden.filter(pk=post.pk).exists()


def _internal_content_types() -> list[int]:
    from .models import InternalIndexPage, InternalPostPage

    return [
        ContentType.objects.get_for_model(model).pk
        for model in (InternalIndexPage, InternalPostPage)
    ]


def hidden_pages(user):
    """The rule registered with ``core.visibility``: page ids ``user`` may not see.

    Applies to live pages (site: ``visible_to``) and drafts (admin:
    ``admin_visible``) alike. Non-employees: every internal page, the index
    and drafts included, whatever the view restrictions say. Employees
    (editors too): confidential posts outside their audience that they
    neither wrote (credited author) nor own (an author's draft). Holders of
    ``internal.read_all_confidential`` and superusers: nothing. Returned as
    a subquery, so it adds no round trip.
    """
    from .models import InternalPostPage

    if not is_employee(user):
        return Page.objects.filter(content_type_id__in=_internal_content_types()).values("pk")
    if user.is_superuser:
        return None
    written = InternalPostPage.objects.filter(authors__person__user_id=user.pk).values("pk")
    return (
        InternalPostPage.objects.filter(confidential=True)
        # The right as a subquery: no round trip of its own on every listing.
        .exclude(Exists(_read_all_grants(user)))
        .exclude(targeted_at(user) | for_all_staff())
        .exclude(pk__in=written)
        .exclude(owner_id=user.pk)
        .values("pk")
    )


def _read_all_grants(user):
    """``internal.read_all_confidential`` held by ``user``, directly or through a group."""
    app_label, codename = READ_ALL_CONFIDENTIAL.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).filter(
        Q(user=user.pk) | Q(group__user=user.pk)
    )


def audience_users(post):
    """Active employees in the audience of ``post``, with their person profile loaded.

    Used for notifications and the acknowledgement report. Colleagues without
    a person profile belong to the all-staff audience only.
    """
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=EMPLOYEES_GROUP)
        .select_related("person__department")
        .distinct()
    )
    departments = [department.pk for department in post.audience_departments.all()]
    locations = [entry.location.strip() for entry in post.audience_locations.all()]
    if not departments and not locations:
        return users
    q = Q(person__department__in=departments) if departments else Q(pk__in=[])
    for location in locations:
        q |= Q(person__location__iexact=location)
    return users.filter(q)
