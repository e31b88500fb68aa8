"""The visibility rules every listing relies on."""

from django.contrib.auth.models import AnonymousUser, Group

from wagtail.models import Page, PageViewRestriction

import pytest

from core.models import StandardPage
from core.visibility import (
    can_view,
    is_employee,
    public_pages,
    visible_children,
    visible_pages,
    visible_siblings,
    visible_to,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(site_root):
    public = site_root.add_child(instance=StandardPage(title="Offen", slug="offen"))
    staff = site_root.add_child(instance=StandardPage(title="Intern", slug="intern"))
    secret = staff.add_child(instance=StandardPage(title="Geheimplan", slug="geheim"))
    restriction = PageViewRestriction.objects.create(
        page=staff, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Employees"))
    draft = site_root.add_child(instance=StandardPage(title="Entwurf", slug="entwurf", live=False))
    return {"public": public, "staff": staff, "secret": secret, "draft": draft}


def _titles(queryset):
    return set(queryset.values_list("title", flat=True))


def test_anonymous_reader_sees_only_public_live_pages(sections):
    titles = _titles(visible_pages(AnonymousUser()))
    assert "Offen" in titles
    assert not titles & {"Intern", "Geheimplan", "Entwurf"}
    assert _titles(public_pages()) == titles


def test_employee_sees_the_internal_section_but_no_drafts(sections, employee):
    titles = _titles(visible_pages(employee))
    assert {"Offen", "Intern", "Geheimplan"} <= titles
    assert "Entwurf" not in titles
    assert is_employee(employee)


def test_logged_in_non_employee_does_not_see_the_internal_section(sections, django_user_model):
    outsider = django_user_model.objects.create_user("outsider", password="x-1234567")
    assert not is_employee(outsider)
    assert "Geheimplan" not in _titles(visible_pages(outsider))
    assert not can_view(outsider, sections["secret"])


def test_password_protected_pages_stay_out_of_listings(sections, employee):
    PageViewRestriction.objects.create(
        page=sections["public"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert "Offen" not in _titles(visible_pages(employee))


def test_can_view_a_single_page(sections, employee):
    anonymous = AnonymousUser()
    assert can_view(anonymous, sections["public"])
    assert not can_view(anonymous, sections["secret"])
    assert can_view(employee, sections["secret"])
    assert not can_view(employee, Page.objects.get(pk=sections["draft"].pk))


def test_inactive_employee_loses_access(sections, employee):
    employee.is_active = False
    employee.save()
    assert not is_employee(employee)
    assert not can_view(employee, sections["secret"])


def test_children_and_siblings_are_filtered_exactly_like_any_listing(sections, employee):
    """The cheap form for one parent's children must hide exactly what ``visible_to`` hides.

    Covered: a group restriction above the children (the internal section's
    posts), one on a child itself, a password on a child, and drafts.
    """
    staff, public = sections["staff"], sections["public"]
    staff.add_child(instance=StandardPage(title="Noch intern", slug="noch-intern"))
    locked = public.add_child(instance=StandardPage(title="Mit Passwort", slug="passwort"))
    public.add_child(instance=StandardPage(title="Offen darunter", slug="offen-darunter"))
    PageViewRestriction.objects.create(
        page=locked, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    outsider = employee.__class__.objects.create_user("aussen", password="x-1234567")
    parents = [sections["public"].get_parent(), staff, public]
    for user in (AnonymousUser(), outsider, employee):
        for parent in parents:
            children = Page.objects.child_of(parent)
            assert _titles(visible_children(children, parent.path, user)) == _titles(
                visible_to(children, user)
            ), (user, parent.title)
        first = Page.objects.get(slug="offen-darunter")
        siblings = Page.objects.sibling_of(first, inclusive=False)
        assert _titles(visible_siblings(siblings, first, user)) == _titles(
            visible_to(siblings, user)
        )
    assert _titles(visible_children(Page.objects.child_of(staff), staff.path, employee)) == {
        "Geheimplan",
        "Noch intern",
    }
    assert not _titles(visible_children(Page.objects.child_of(staff), staff.path, outsider))
    assert _titles(visible_children(Page.objects.child_of(public), public.path, None)) == {
        "Offen darunter"
    }
