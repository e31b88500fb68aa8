"""People fixtures: departments, a person factory, the team page, and generic posts.

Posts are created through whatever concrete post type exists (found via
``apps.get_model``), never by importing blog or internal, so these tests
keep the app dependency direction.
"""

from datetime import timedelta
from itertools import count

from django.apps import apps
from django.utils import timezone

import pytest

from core.builders import flat_image
from people.builders import add_authored_post
from people.models import Department, Person, TeamPage, forget_team_url
from tests.factories.people import DepartmentFactory, PersonFactory
from tests.helpers import images
from tests.helpers.pages import restrict_to_employees

_serial = count(1)


def png_bytes(size=(320, 320), colour=(11, 79, 108), fmt="PNG") -> bytes:
    return flat_image(size, colour, fmt)


def make_image(title: str = "Porträt", credit: str = "Anna Weber"):
    """A small generated portrait stored as a Wagtail image."""
    return images.make_image(title, credit, size=(96, 96))


@pytest.fixture(autouse=True)
def _fresh_team_url():
    """The team page URL is cached across requests; tests must not share it."""
    forget_team_url()
    yield
    forget_team_url()


@pytest.fixture
def departments(db) -> dict[str, Department]:
    return {
        "gf": DepartmentFactory(name="Geschäftsführung", slug="gf", sort_order=10),
        "dev": DepartmentFactory(name="Forschung & Entwicklung", slug="entwicklung", sort_order=20),
        "sales": DepartmentFactory(name="Vertrieb", slug="vertrieb", sort_order=30),
    }


@pytest.fixture
def make_person(db):
    """Create a published person; ``public=False`` makes an internal-only profile."""

    def factory(name=None, *, public=True, photo=False, **fields) -> Person:
        if name:
            fields["name"] = name
        return PersonFactory(internal=not public, photo=make_image() if photo else None, **fields)

    return factory


@pytest.fixture
def team(departments, make_person) -> dict[str, Person]:
    """A small company: a CEO, a developer with a photo, an internal-only colleague."""
    ceo = make_person(
        "Dr. Katrin Albers",
        slug="katrin-albers",
        job_title="Geschäftsführerin",
        department=departments["gf"],
        short_bio="Leitet Nordlicht.",
        bio="<p>Promovierte Verfahrenstechnikerin.</p>",
        expertise="Kältemittel, Strategie",
        linkedin_url="https://www.linkedin.com/in/katrin-demo",
        phone="+49 4841 111-10",
        internal_email="k.albers.intern@nordlicht.example",
        location="Husum-Zentrale",
    )
    departments["gf"].head = ceo
    departments["gf"].save()
    jonas = make_person(
        "Jonas Berger",
        slug="jonas-berger",
        job_title="Entwicklungsingenieur",
        department=departments["dev"],
        reports_to=ceo,
        photo=True,
        phone="+49 4841 111-34",
        internal_email="jonas.intern@nordlicht.example",
        location="Kiel-Labor",
    )
    henrik = make_person(
        "Henrik Wolff",
        slug="henrik-wolff",
        public=False,
        job_title="Softwareentwickler Anlagensteuerung",
        department=departments["dev"],
        reports_to=ceo,
        expertise="Embedded, Regelungstechnik",
        phone="+49 431 222-15",
        internal_email="henrik.intern@nordlicht.example",
        location="Kiel",
    )
    return {"ceo": ceo, "jonas": jonas, "henrik": henrik}


@pytest.fixture
def team_page(site_root) -> TeamPage:
    page = site_root.add_child(
        instance=TeamPage(title="Menschen", slug="menschen", intro="Wir", show_in_menus=True)
    )
    page.save_revision().publish()
    return page


def _blog_models():
    try:
        return apps.get_model("blog", "BlogIndexPage"), apps.get_model("blog", "BlogPostPage")
    except LookupError:
        pytest.skip(
            "No concrete post type yet (blog.BlogPostPage is added by the blog work); "
            "person pages list posts generically once one exists."
        )


@pytest.fixture
def post_sections(site_root):
    """A public section and an employees-only section, each able to hold posts."""
    index_model, _post_model = _blog_models()
    public = site_root.add_child(instance=index_model(title="Blog", slug="blog"))
    internal = site_root.add_child(instance=index_model(title="Intern", slug="intern-blog"))
    restrict_to_employees(internal)
    return {"public": public, "internal": internal}


@pytest.fixture
def make_post(post_sections):
    """Create a live post by ``authors`` in the "public" or "internal" section."""
    _index_model, post_model = _blog_models()

    def factory(*authors, section="public", title=None, days_ago=1, live=True):
        number = next(_serial)
        post = post_model(
            title=title or f"Beitrag {number}",
            slug=f"beitrag-{number}",
            teaser=f"Teaser {number}",
            date=timezone.now() - timedelta(days=days_ago, minutes=number),
            live=live,
        )
        return add_authored_post(post_sections[section], post, authors=authors, publish=live)

    return factory
