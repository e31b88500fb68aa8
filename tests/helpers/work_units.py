"""How ``make test`` spreads the suite over its workers (pytest-xdist).

A unit of work is a module: its module-scoped fixtures (a seeded demo, a
server, a browser's warmed pages) are set up once, on one worker. The live
stack's folder is one unit as a whole, since its demo is seeded once per
process (``tests/live/conftest.py``). Units that drive a browser or real
servers take longest, so they are handed out first: the short ones then fill
the gaps instead of one worker finishing a long journey alone at the end.

pytest-django then sorts the collection as Django does (database tests, then
transactional ones, then those without the ``db`` fixture, such as the
browser tests that seed and flush the database themselves); its sort is
stable, so this order holds within each of those groups. Each worker runs its
units in that order too, so no test meets a database another group flushed.
"""

from xdist.scheduler import LoadScopeScheduling

# Longest first: the live stack as a whole, then the longest browser module.
LONG_RUNNING = (
    "tests/live/",
    "tests/e2e/test_look_and_feel.py",
    "tests/e2e/",
    "tests/identity/journey/",
    "tests/security/test_role_crawl.py",
    "tests/security/test_anonymous_crawl.py",
)
ONE_WORKER_FOLDERS = ("tests/live/",)


def longest_first(nodeid: str) -> int:
    """Sort key: the ``LONG_RUNNING`` entries in their order, then the rest in collection order."""
    return next(
        (rank for rank, path in enumerate(LONG_RUNNING) if nodeid.startswith(path)),
        len(LONG_RUNNING),
    )


def unit_of_work(nodeid: str) -> str:
    """The tests one worker runs together: their module, or their ``ONE_WORKER_FOLDERS`` entry."""
    module = nodeid.split("::", 1)[0]
    return next((folder for folder in ONE_WORKER_FOLDERS if module.startswith(folder)), module)


class UnitOfWorkScheduling(LoadScopeScheduling):
    """xdist's scope scheduling with our units, handed out in collection order."""

    def __init__(self, config, log=None):
        super().__init__(config, log)
        # xdist would reorder the units by their number of tests; the
        # collection already has the long-running ones first.
        config.option.loadscopereorder = False

    def _split_scope(self, nodeid: str) -> str:
        return unit_of_work(nodeid)
