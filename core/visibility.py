"""The one place that decides who may see which page.

Every surface (page serving, listings, menus, search, feeds, sitemap,
comments, people pages) asks this module instead of filtering on its own.
It decides on Django groups and Wagtail view restrictions alone, so it never
imports a feature app.
"""

from functools import reduce
from operator import or_

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from wagtail.models import Page, PageViewRestriction

EMPLOYEES_GROUP = "Employees"
EDITORS_GROUP = "Editors"
AUTHORS_GROUP = "Authors"


def is_employee(user) -> bool:
    """Staff who may read the internal blog: the Employees group, or superusers."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Cached per user object: templates ask several times per request.
    cached = getattr(user, "_stimme_is_employee", None)
    if cached is None:
        cached = user.groups.filter(name=EMPLOYEES_GROUP).exists()
        user._stimme_is_employee = cached
    return cached


def _restriction_passes(restriction: PageViewRestriction, user, group_ids: set[int]) -> bool:
    """Whether ``user`` satisfies one view restriction without interaction.

    Password restrictions never pass here: a listing cannot know whether this
    reader typed the password, so such pages stay out of every listing.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if restriction.restriction_type == PageViewRestriction.LOGIN:
        return True
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        return bool(group_ids & {group.pk for group in restriction.groups.all()})
    return False


def hidden_paths(user) -> list[str]:
    """Tree paths of restricted sections that ``user`` may not enter."""
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    group_ids: set[int] = set()
    if getattr(user, "is_authenticated", False):
        group_ids = set(user.groups.values_list("pk", flat=True))
    return [
        restriction.page.path
        for restriction in restrictions
        if not _restriction_passes(restriction, user, group_ids)
    ]


def visible_to(queryset, user):
    """Narrow a page queryset to live pages ``user`` may read.

    Anonymous readers get exactly Wagtail's ``live().public()``; signed-in
    users additionally see the restricted sections whose rule they pass.
    """
    queryset = queryset.live()
    if user is None or not getattr(user, "is_authenticated", False):
        return queryset.public()
    paths = hidden_paths(user)
    if not paths:
        return queryset
    return queryset.exclude(reduce(or_, (Q(path__startswith=path) for path in paths)))


def visible_pages(user):
    """All live pages ``user`` may read."""
    return visible_to(Page.objects.all(), user)


def public_pages():
    """Pages an anonymous reader may read: the set for feeds, sitemap and caches."""
    return visible_to(Page.objects.all(), AnonymousUser())


def can_view(user, page) -> bool:
    """Whether ``user`` may read this one page (live and not restricted for them)."""
    if not page.live:
        return False
    return visible_to(Page.objects.filter(pk=page.pk), user).exists()


def is_public(page) -> bool:
    """Whether an anonymous reader may read ``page``."""
    return can_view(AnonymousUser(), page)
