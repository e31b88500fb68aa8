"""Fixtures shared by every test folder: a site with our home page, and one user per role."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Page, Site

import pytest

from core.models import HomePage
from core.visibility import AUTHORS_GROUP, EDITORS_GROUP, EMPLOYEES_GROUP


@pytest.fixture
def site_root(db) -> HomePage:
    """Our HomePage as the root of the default site, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Nordlicht", slug="start", intro="Willkommen"))
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page
    site.root_page = home
    site.hostname = "testserver"
    site.port = 80
    site.save()
    old_root.delete()
    return home


def _user(username: str, *groups: str, **extra):
    user = get_user_model().objects.create_user(
        username=username,
        password="pw-for-tests-1",
        email=f"{username}@nordlicht.example",
        first_name=username.split(".")[0].title(),
        last_name=username.split(".")[-1].title(),
        **extra,
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def employee(db):
    """An employee: reads the internal blog, no admin access."""
    return _user("jana.employee", EMPLOYEES_GROUP)


@pytest.fixture
def other_employee(db):
    return _user("tim.colleague", EMPLOYEES_GROUP)


@pytest.fixture
def author_user(db):
    """An executive who drafts posts; an editor must approve them."""
    return _user("karla.author", EMPLOYEES_GROUP, AUTHORS_GROUP)


@pytest.fixture
def editor(db):
    """An editor: publishes posts and moderates comments in the Wagtail admin."""
    return _user("edda.editor", EMPLOYEES_GROUP, EDITORS_GROUP)


@pytest.fixture
def superuser(db):
    return _user("root.admin", is_superuser=True, is_staff=True)
