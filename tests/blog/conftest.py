"""Blog fixtures: an index under the home page, people, categories and a post factory."""

import io
from datetime import timedelta
from itertools import count

from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest
from PIL import Image

from blog.models import BlogCategory, BlogIndexPage, BlogPostAuthor, BlogPostPage
from core.models import CustomImage, StandardPage
from core.visibility import EMPLOYEES_GROUP
from people.models import Person

_serial = count(1)


def make_image(
    title: str = "Bild", credit: str = "Foto: Test", size: tuple[int, int] = (64, 36)
) -> CustomImage:
    """A generated PNG stored as a Wagtail image (tiny unless ``size`` says otherwise)."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 79, 108)).save(buffer, format="PNG")
    image = CustomImage(title=title, credit=credit)
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"test-{next(_serial)}.png")
    image.save()
    return image


@pytest.fixture
def blog_index(site_root) -> BlogIndexPage:
    index = site_root.add_child(
        instance=BlogIndexPage(title="Blog", slug="blog", intro="Aus dem Norden")
    )
    index.save_revision().publish()
    return index


@pytest.fixture
def people(db) -> dict[str, Person]:
    return {
        "katrin": Person.objects.create(
            name="Dr. Katrin Albers",
            slug="katrin-albers",
            job_title="Geschäftsführerin",
            short_bio="Leitet Nordlicht seit 2015.",
            visibility=Person.Visibility.PUBLIC,
        ),
        "jonas": Person.objects.create(
            name="Jonas Berger",
            slug="jonas-berger",
            job_title="Entwicklungsingenieur",
            short_bio="Baut Wärmepumpen.",
            visibility=Person.Visibility.PUBLIC,
            photo=make_image("Jonas Porträt"),
        ),
        "henrik": Person.objects.create(
            name="Henrik Wolff",
            slug="henrik-wolff",
            job_title="Softwareentwickler",
            visibility=Person.Visibility.INTERNAL,
        ),
    }


@pytest.fixture
def categories(db) -> dict[str, BlogCategory]:
    return {
        "tech": BlogCategory.objects.create(name="Wärmepumpen", slug="waermepumpen"),
        "company": BlogCategory.objects.create(name="Unternehmen", slug="unternehmen"),
    }


@pytest.fixture
def make_post(blog_index, people):
    """Create a post; ``state`` is "live", "draft" or "scheduled"."""

    def factory(
        title=None,
        *,
        authors=("katrin",),
        categories=(),
        tags=(),
        days_ago=1,
        state="live",
        body=None,
        teaser="Ein kurzer Teaser.",
        hero=True,
        parent=None,
        **fields,
    ) -> BlogPostPage:
        number = next(_serial)
        title = title or f"Beitrag {number}"
        post = BlogPostPage(
            title=title,
            slug=f"beitrag-{number}",
            teaser=teaser,
            date=timezone.now() - timedelta(days=days_ago),
            body=body if body is not None else [("paragraph", "<p>Text über Wärme.</p>")],
            hero_image=make_image(f"Hero {number}") if hero else None,
            live=state == "live",
            **fields,
        )
        post.authors = [
            BlogPostAuthor(person=people[key], sort_order=position)
            for position, key in enumerate(authors)
        ]
        post.categories = list(categories)
        post.tags.set(list(tags))
        if state == "scheduled":
            post.go_live_at = timezone.now() + timedelta(days=7)
        (parent or blog_index).add_child(instance=post)
        revision = post.save_revision()
        if state != "draft":
            revision.publish()
        post.refresh_from_db()
        return post

    return factory


def restrict_to_employees(page) -> PageViewRestriction:
    """Put ``page`` (and everything below it) behind the Employees group."""
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name=EMPLOYEES_GROUP))
    return restriction


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


HIDDEN_MARKER = "Zugspitze"


def count_queries(client, url: str) -> int:
    """Queries one GET of ``url`` runs, after a warm-up request (renditions, caches)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)
