"""The running site (``make run``'s stack) for link checks and browser journeys.

``live_site`` is module-scoped: one server, one worker, one SMTP server and
one seeding per test module. Tests of a module share the data, so a test
that changes something asserts only on what it created itself.
"""

from django.db import connections

import pytest

# The test database even when no test of the run asks for ``db`` (pytest-django
# creates it only on request); Chromium for journeys through the admin.
from tests.e2e.conftest import browser, test_database  # noqa: F401 - fixtures used by name

from .stack import running_site


@pytest.fixture(scope="module")
def live_site(test_database, django_db_blocker, tmp_path_factory):  # noqa: F811
    """The seeded demo, served and mailing as under ``make run``; see ``tests.live.stack``."""
    with running_site(tmp_path_factory.mktemp("live"), django_db_blocker) as site:
        yield site


@pytest.fixture
def live_db(live_site, django_db_blocker):
    """``live_site``, with the ORM open to the test (the processes see what it commits)."""
    with django_db_blocker.unblock():
        yield live_site
        # A test with browser tabs ran in another greenlet, with its own connection.
        connections.close_all()
