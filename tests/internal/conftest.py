"""Internal blog fixtures: departments, colleagues and a post factory.

The restricted internal index is the shared one (``tests/fixtures/posts.py``),
put in the menu here.
"""

from datetime import timedelta

from django.utils import timezone

from wagtail.rich_text import RichText

import pytest

from internal.models import InternalPostPage
from people.models import Department
from tests.factories.core import ImageFactory
from tests.factories.internal import InternalPostFactory
from tests.factories.people import DepartmentFactory, employee_with_profile


@pytest.fixture
def internal_index(internal_index):
    """The shared internal section, in the main menu as the demo has it (tested here)."""
    internal_index.show_in_menus = True
    internal_index.save_revision().publish()
    return internal_index


@pytest.fixture
def departments(db) -> dict[str, Department]:
    return {
        "dev": DepartmentFactory(name="Forschung & Entwicklung", slug="entwicklung"),
        "sales": DepartmentFactory(name="Vertrieb & Service", slug="vertrieb"),
        "hr": DepartmentFactory(name="Personal & Kultur", slug="personal"),
    }


@pytest.fixture
def colleague(db, departments):
    """Make an employee account with a person profile: colleague("name", "dev", "Kiel")."""

    def make(username: str, department: str | None = None, location: str = "", **extra):
        return employee_with_profile(
            username,
            department=departments[department] if department else None,
            location=location,
            **extra,
        )

    return make


@pytest.fixture
def make_post(internal_index, db):
    """Create and publish an internal post; audiences by department key and location."""

    def make(
        title: str,
        *,
        days_ago: int = 1,
        image: bool = False,
        body: str = "",
        **fields,
    ) -> InternalPostPage:
        fields.setdefault("teaser", f"Worum es in „{title}“ geht.")
        return InternalPostFactory(
            parent=internal_index,
            title=title,
            # Wagtail derives the slug from the title, as in the editor.
            slug="",
            date=timezone.now() - timedelta(days=days_ago),
            body=[("paragraph", RichText(f"<p>{body or 'Text für ' + title}</p>"))],
            hero_image=ImageFactory(title=title) if image else None,
            **fields,
        )

    return make
