"""The one place that decides who may see which page.

Every surface (page serving, listings, menus, search, feeds, sitemap,
comments, people pages) asks this module instead of filtering on its own.
It decides on Django groups and Wagtail view restrictions alone, so it never
imports a feature app. Apps whose pages have finer rules (the internal blog's
confidential posts) register them with ``register_page_rule``; every function
here then applies them, so no surface can forget them.
"""

from collections.abc import Callable
from functools import reduce
from operator import or_

from django.contrib.auth.models import AnonymousUser, Group
from django.db.models import Q

from wagtail.models import Page, PageViewRestriction

EMPLOYEES_GROUP = "Employees"
EDITORS_GROUP = "Editors"
AUTHORS_GROUP = "Authors"

# Functions user -> queryset of page ids this user may NOT read (or None).
_PAGE_RULES: dict[str, Callable] = {}


def register_page_rule(name: str, rule: Callable) -> None:
    """Add a rule that hides pages from some readers beyond view restrictions.

    ``rule(user)`` gets the reader (``AnonymousUser`` for anonymous readers) and
    returns a queryset of page primary keys to hide from them, or ``None`` when
    it hides nothing. Registering the same ``name`` again replaces the rule.
    """
    _PAGE_RULES[name] = rule


def _apply_page_rules(queryset, user):
    for rule in _PAGE_RULES.values():
        hidden = rule(user)
        if hidden is not None:
            queryset = queryset.exclude(pk__in=hidden)
    return queryset


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


def hidden_paths(user) -> list[str]:
    """Tree paths of restricted sections that ``user`` may not enter (one query).

    A signed-in active user passes "login" restrictions and "groups"
    restrictions naming one of their groups; superusers pass all of them.
    Password restrictions never pass here: a listing cannot know whether this
    reader typed the password, so such pages stay out of every listing.
    """
    restrictions = PageViewRestriction.objects.all()
    if getattr(user, "is_authenticated", False) and user.is_active:
        if user.is_superuser:
            return []
        restrictions = restrictions.exclude(
            restriction_type=PageViewRestriction.LOGIN
        ).exclude(
            restriction_type=PageViewRestriction.GROUPS,
            groups__in=Group.objects.filter(user=user).values("pk"),
        )
    return sorted(set(restrictions.values_list("page__path", flat=True)))


def visible_to(queryset, user):
    """Narrow a page queryset to live pages ``user`` may read.

    Anonymous readers get Wagtail's ``live().public()``; signed-in users
    additionally see the restricted sections whose rule they pass. Rules apps
    registered (``register_page_rule``) apply to everyone, anonymous included,
    as a second line of defence should a view restriction ever go missing.
    """
    queryset = queryset.live()
    if user is None or not getattr(user, "is_authenticated", False):
        return _apply_page_rules(queryset.public(), AnonymousUser())
    paths = hidden_paths(user)
    if paths:
        queryset = queryset.exclude(reduce(or_, (Q(path__startswith=path) for path in paths)))
    return _apply_page_rules(queryset, user)


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
