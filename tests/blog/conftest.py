"""Blog fixtures: people, categories, a post factory and posts no public surface may show.

The blog index itself is shared (``tests/fixtures/posts.py``).
"""

from datetime import timedelta

from django.utils import timezone

import pytest

from blog.models import BlogCategory, BlogPostPage
from core.models import StandardPage
from people.models import Person
from tests.factories.blog import BlogCategoryFactory, BlogPostFactory
from tests.factories.core import ImageFactory
from tests.factories.people import PersonFactory
from tests.helpers.pages import count_queries, restrict_to_employees

# Imported by this folder's tests from here.
__all__ = ["HIDDEN_MARKER", "count_queries", "restrict_to_employees"]

HIDDEN_MARKER = "Zugspitze"


@pytest.fixture
def people(db) -> dict[str, Person]:
    return {
        "katrin": PersonFactory(
            name="Dr. Katrin Albers",
            slug="katrin-albers",
            job_title="Geschäftsführerin",
            short_bio="Leitet Nordlicht seit 2015.",
        ),
        "jonas": PersonFactory(
            name="Jonas Berger",
            slug="jonas-berger",
            job_title="Entwicklungsingenieur",
            short_bio="Baut Wärmepumpen.",
            photo=ImageFactory(title="Jonas Porträt"),
        ),
        "henrik": PersonFactory(
            name="Henrik Wolff",
            slug="henrik-wolff",
            job_title="Softwareentwickler",
            visibility=Person.Visibility.INTERNAL,
        ),
    }


@pytest.fixture
def categories(db) -> dict[str, BlogCategory]:
    return {
        "tech": BlogCategoryFactory(name="Wärmepumpen", slug="waermepumpen"),
        "company": BlogCategoryFactory(name="Unternehmen", slug="unternehmen"),
    }


@pytest.fixture
def make_post(blog_index, people):
    """Create a post by people of ``people`` (keys); ``state`` is "live", "draft" or "scheduled"."""

    def factory(
        title=None,
        *,
        authors=("katrin",),
        days_ago=1,
        state="live",
        body=None,
        hero=True,
        parent=None,
        **fields,
    ) -> BlogPostPage:
        if title:
            fields["title"] = title
        fields["body"] = body if body is not None else [("paragraph", "<p>Text über Wärme.</p>")]
        if state == "scheduled":
            fields["go_live_at"] = timezone.now() + timedelta(days=7)
        return BlogPostFactory(
            parent=parent or blog_index,
            authors=[people[key] for key in authors],
            date=timezone.now() - timedelta(days=days_ago),
            hero_image=ImageFactory(title="Hero") if hero else None,
            publish=state != "draft",
            **fields,
        )

    return factory


@pytest.fixture
def hidden_posts(make_post, categories, site_root):
    """A draft, a scheduled post and an employees-only post, all sharing a marker.

    Every public surface must leave out each of them.
    """
    common = {"categories": [categories["tech"]], "tags": ["geheim", "wärme"]}
    draft = make_post("Geheimer Entwurf Zugspitze", state="draft", **common)
    scheduled = make_post("Geplanter Beitrag Zugspitze", state="scheduled", days_ago=-7, **common)
    internal = make_post("Interner Beitrag Zugspitze", **common)
    restrict_to_employees(internal)
    section = site_root.add_child(instance=StandardPage(title="Intern", slug="intern"))
    restrict_to_employees(section)
    internal_page = section.add_child(
        instance=StandardPage(title="Interne Seite Zugspitze", slug="zugspitze", body="Zugspitze")
    )
    return {
        "draft": draft,
        "scheduled": scheduled,
        "internal": internal,
        "section": section,
        "internal_page": internal_page,
    }
