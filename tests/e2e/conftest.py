"""Real-browser journeys: the browser, live-server and seeded-demo fixtures of
``tests/fixtures/browser.py``, and the ``e2e`` marker on every test here."""

import pytest

from tests.fixtures.browser import *  # noqa: F403 - the browser fixtures, by name


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
