"""Who a post is for, and who may read a confidential one.

``core.visibility`` decides on groups and view restrictions; the finer rule
of the internal blog lives here and is registered with core
(``register_page_rule``), so search, people pages and every other listing
apply it without knowing the internal app.

* A post without departments and locations addresses all staff.
* Otherwise a colleague is in its audience when their department **or**
  their location (from their ``people.Person`` profile) is chosen.
  Locations are typed by people and synced from the identity provider, so
  they compare trimmed and case-folded (``place``): "Hamburg " is Hamburg.
* Every employee may read a targeted post, unless it is confidential:
  then only its audience, its authors (credited, or the page's owner, so an
  author's fresh draft is theirs), holders of ``internal.read_all_confidential``
  and superusers may, on the site and in the admin alike. Being an editor
  grants nothing here: an editor outside the audience gets a 404.

One owner per rule: ``addresses`` is the audience rule (SQL). Which users
are in a post's audience (``audience_users``), which posts address a user
(``audience_posts``, ``targeted_posts``) and whether one user is in one
post's audience (``in_audience``) only choose which side of it is given.
``hidden_pages`` is the confidential rule (SQL, drafts included, built on
``addresses``); ``may_read`` asks it for one post, so the two cannot drift.

This module sits below ``internal.models`` (the page models import it), so
it imports only core and people; see ``_post_model``.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import CharField, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Lower, Trim

from wagtail.models import Page

from core.roles import READ_ALL_CONFIDENTIAL
from core.visibility import EMPLOYEES_GROUP, is_employee
from core.visibility import is_editor as core_is_editor
from people.models import Department, Person

APP_LABEL = "internal"


def _post_model():
    """The internal post page model.

    Looked up in the app registry when a rule runs rather than imported: the
    page models import this module (``serve`` asks ``may_read``), and the
    confidential rule is called by core with nothing but a user.
    """
    return apps.get_model(APP_LABEL, "InternalPostPage")


def place(expression):
    """The one normalisation of locations: trimmed and lower-cased, in SQL."""
    return Lower(Trim(expression))


def _chosen(post):
    """The departments and the location rows chosen for ``post`` (an id or an ``OuterRef``)."""
    locations = _post_model()._meta.get_field("audience_locations").related_model
    return (
        Department.objects.filter(internal_posts=post),
        locations.objects.filter(page_id=post).annotate(place=place("location")),
    )


def _for_all_staff(post):
    """Condition: ``post`` chooses no department and no location."""
    departments, locations = _chosen(post)
    return ~Exists(departments) & ~Exists(locations)


def addresses(post, department, location):
    """THE audience rule, as one SQL condition.

    ``post`` is the post's id, ``department`` and ``location`` are the
    reader's profile values; each is a value, a subquery or an ``OuterRef``
    into the query being filtered, so the same rule filters posts (for one
    reader) and users (for one post). A reader without a profile (NULL) is
    addressed by all-staff posts only.
    """
    departments, locations = _chosen(post)
    return (
        (~Exists(departments) & ~Exists(locations))
        | Exists(departments.filter(pk=department))
        | Exists(locations.exclude(place="").filter(place=place(location)))
    )


def _reader(user):
    """``user``'s department and location as subqueries of their profile (no round trip)."""
    if not getattr(user, "is_authenticated", False):
        return Value(None, output_field=IntegerField()), Value(None, output_field=CharField())
    profile = Person.objects.filter(user_id=user.pk).order_by()  # one at most: a one-to-one
    return (
        Subquery(profile.values("department_id")[:1]),
        Subquery(profile.values("location")[:1]),
    )


def addressed_to(user):
    """Condition on internal posts: their audience includes ``user`` (all-staff posts too)."""
    return addresses(OuterRef("pk"), *_reader(user))


def audience_posts(queryset, user):
    """Of ``queryset`` (internal posts), those whose audience includes ``user``."""
    return queryset.filter(addressed_to(user))


def targeted_posts(queryset, user):
    """Of ``queryset``, the posts addressed to ``user``'s department or location by choice.

    The "for you" section: all-staff posts are in everyone's audience but
    are not listed there.
    """
    return audience_posts(queryset, user).exclude(_for_all_staff(OuterRef("pk")))


def audience_users(post):
    """Active employees in the audience of ``post``, with their person profile loaded.

    Used for notifications, the must-read report and the insights reach.
    Colleagues without a person profile belong to the all-staff audience only.
    """
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=EMPLOYEES_GROUP)
        .alias(reader_department=F("person__department_id"), reader_location=F("person__location"))
        .filter(addresses(post.pk, OuterRef("reader_department"), OuterRef("reader_location")))
        .select_related("person__department")
        .distinct()
    )


def in_audience(post, user) -> bool:
    """Whether ``user`` belongs to the audience of ``post`` as saved (one query)."""
    if post.pk is None or not is_employee(user):
        return False
    return audience_users(post).filter(pk=user.pk).exists()


def is_editor(user) -> bool:
    """Editors and superusers: they see reports such as who confirmed a must-read.

    Not a key to confidential posts: see ``hidden_pages``.
    """
    return core_is_editor(user)


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
    if not is_employee(user):
        return Page.objects.filter(content_type__app_label=APP_LABEL).values("pk")
    if user.is_superuser:
        return None
    posts = _post_model().objects
    written = posts.filter(authors__person__user_id=user.pk).values("pk")
    return (
        posts.filter(confidential=True)
        # The right as a subquery: no round trip of its own on every listing.
        .exclude(Exists(_read_all_grants(user)))
        .exclude(addressed_to(user))
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
