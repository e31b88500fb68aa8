"""The running site (``make run``'s stack) for link checks and browser journeys.

The demo is seeded once per run (``seeded_demo``); ``live_site`` is
module-scoped: one server, one worker and one SMTP server per test module, on
a fresh copy of the seeded database, so no module sees another's changes.
Tests of one module share the data, so a test that changes something asserts
only on what it created itself.
"""

from django.db import connections

import pytest

# The test database even when no test of the run asks for ``db`` (pytest-django
# creates it only on request); Chromium for journeys through the admin.
from tests.fixtures.browser import browser, test_database  # noqa: F401 - fixtures used by name

from .stack import running_site, seeded_demo_copy


@pytest.fixture(scope="session")
def seeded_demo(test_database, django_db_blocker, tmp_path_factory):  # noqa: F811
    """The demo company, seeded once per run; each module's ``live_site`` starts from a copy."""
    with seeded_demo_copy(tmp_path_factory.mktemp("demo"), django_db_blocker) as demo:
        yield demo


@pytest.fixture(scope="module")
def live_site(seeded_demo, django_db_blocker, tmp_path_factory):
    """A fresh copy of the seeded demo, served and mailing as under ``make run``.

    See ``tests.live.stack``.
    """
    with running_site(tmp_path_factory.mktemp("live"), seeded_demo, django_db_blocker) as site:
        yield site


@pytest.fixture
def live_db(live_site, django_db_blocker):
    """``live_site``, with the ORM open to the test (the processes see what it commits)."""
    with django_db_blocker.unblock():
        yield live_site
        # A test with browser tabs ran in another greenlet, with its own connection.
        connections.close_all()
