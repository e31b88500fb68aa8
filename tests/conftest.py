"""Fixtures shared by every test folder: a site with our home page, and one user per role.

Posts, authors and comment fixtures more than one folder uses live in the
plugin modules under ``tests/fixtures`` (registered below); folders keep
only what they alone need. Objects are built with ``tests/factories``.
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

from wagtail.models import Page, Site

import pytest

from core.models import HomePage
from core.visibility import AUTHORS_GROUP, EDITORS_GROUP, EMPLOYEES_GROUP
from tests.factories.core import UserFactory
from tests.helpers.snapshot import end_other_sessions
from tests.helpers.work_units import UnitOfWorkScheduling, longest_first

pytest_plugins = ["tests.fixtures.posts", "tests.fixtures.comments"]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Long-running tests first (``tests.helpers.work_units`` says why)."""
    items.sort(key=lambda item: longest_first(item.nodeid))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """With workers (``make test``): one module, or the live folder, per unit of work."""
    return UnitOfWorkScheduling(config, log)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate limits, counters and cached settings must not leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


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
    return UserFactory(username=username, groups=groups, **extra)


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


@pytest.fixture(scope="session", autouse=True)
def test_database_dropped_at_the_end(django_db_setup, django_db_blocker):
    """The run ends with no session left on the test database, so pytest-django can drop it."""
    yield
    with django_db_blocker.unblock():
        end_other_sessions()


@pytest.fixture(scope="session", autouse=True)
def migrated_state(request, django_db_setup, django_db_blocker) -> str:
    """The test database as the migrations left it (groups, root page, site), serialised.

    Taken when the first test of the run starts, before any transactional
    test (a live server, a real-server test) has flushed the database; taken
    here, not in one folder, so the order in which folders run cannot matter.
    Only runs that hold a test using ``migrated_data`` need it (and only
    those are sure to have a test database already: ``tests/e2e`` alone
    creates its own later).
    """
    if not any(
        "migrated_data" in getattr(item, "fixturenames", ()) for item in request.session.items
    ):
        return ""
    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture
def migrated_data(transactional_db, migrated_state):
    """For transactional tests: start from the migrated database, whatever ran before.

    pytest-django's ``serialized_rollback`` reloads into a database that must
    be empty; a transactional test without it that ran earlier leaves one
    re-populated by ``post_migrate``, and the reload then fails on duplicates.
    """
    call_command(
        "flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0
    )
    # Content types first and the cache cleared: building some rows (Wagtail's
    # tasks) looks up their content type, and a stale or missing one would be
    # created anew, clashing with the row about to be loaded.
    ContentType.objects.clear_cache()
    rows = json.loads(migrated_state)
    is_content_type = [row["model"] == "contenttypes.contenttype" for row in rows]
    for wanted in (True, False):
        chosen = [row for row, flag in zip(rows, is_content_type, strict=True) if flag is wanted]
        connection.creation.deserialize_db_from_string(json.dumps(chosen))
    ContentType.objects.clear_cache()
