"""Running the site (``operations``) is split from the product, and core names no app above it.

That ``operations`` imports none of our apps is checked with every other
layer in ``tests/architecture/test_import_graph.py``.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import get_commands

import pytest

from blog.models import BlogCategory
from core import pagecache
from people.models import Department
from polls.models import Poll

ROOT = Path(settings.BASE_DIR)


def test_worker_backup_and_outbox_commands_keep_their_names():
    commands = get_commands()
    for name in ("backup_site", "restore_site", "send_outbox", "run_worker"):
        assert commands[name] == "operations", name
    # The library's worker is no longer shadowed: its name means the library's command.
    assert commands["db_worker"] == "django_tasks_db"


def test_core_names_no_app_above_it_for_cache_invalidation():
    source = (ROOT / "core" / "cache_invalidation.py").read_text(encoding="utf-8")
    labels = ("stimme_comments.", "people.", "blog.", "polls.", "internal.", "insights.")
    assert [label for label in labels if f'"{label}' in source] == []


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    pagecache.forget_known_generation()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "create",
    [
        lambda: BlogCategory.objects.create(name="Energie", slug="energie"),
        lambda: Department.objects.create(name="Vertrieb", slug="vertrieb"),
    ],
    ids=["blog category", "department"],
)
def test_rows_an_app_registered_drop_the_page_cache(page_cache_on, create):
    before = pagecache.current_generation()
    create()
    assert pagecache.current_generation() != before


@pytest.mark.django_db
def test_deleting_a_poll_drops_the_page_cache(page_cache_on):
    poll = Poll.objects.create(question="Welche Kantine?", closes_at="2030-01-01T12:00:00Z")
    before = pagecache.current_generation()
    poll.delete()
    assert pagecache.current_generation() != before
