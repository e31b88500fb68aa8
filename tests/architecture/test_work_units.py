"""``make test``'s workers get whole modules, long-running ones first (tests.helpers.work_units).

A module split over two workers seeds its demo twice; a renamed folder would
drop out of the long-running list silently and its journeys would run last,
alone. Both would only show as a slower suite, so they are checked here.
"""

from pathlib import Path

import pytest

from tests.helpers.work_units import (
    LONG_RUNNING,
    ONE_WORKER_FOLDERS,
    longest_first,
    unit_of_work,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("path", sorted(set(LONG_RUNNING + ONE_WORKER_FOLDERS)))
def test_every_named_folder_and_module_exists(path):
    assert (ROOT / path).exists(), f"{path} is named in tests/helpers/work_units.py but is gone"


def test_a_modules_tests_are_one_unit_and_the_live_folder_is_one_unit():
    assert unit_of_work("tests/e2e/test_look_and_feel.py::test_a[375-de]") == unit_of_work(
        "tests/e2e/test_look_and_feel.py::test_b"
    )
    assert unit_of_work("tests/blog/test_feeds.py::test_a") != unit_of_work(
        "tests/blog/test_search.py::test_a"
    )
    assert unit_of_work("tests/live/test_link_check.py::test_a") == unit_of_work(
        "tests/live/test_mail_links.py::test_b"
    )


def test_browser_and_server_tests_come_before_the_rest():
    nodeids = [
        "tests/blog/test_feeds.py::test_a",
        "tests/e2e/test_journey_reader.py::test_b",
        "tests/core/test_favicon.py::test_c",
        "tests/live/test_link_check.py::test_d",
        "tests/e2e/test_look_and_feel.py::test_e",
    ]
    assert sorted(nodeids, key=longest_first) == [
        "tests/live/test_link_check.py::test_d",
        "tests/e2e/test_look_and_feel.py::test_e",
        "tests/e2e/test_journey_reader.py::test_b",
        "tests/blog/test_feeds.py::test_a",
        "tests/core/test_favicon.py::test_c",
    ]
