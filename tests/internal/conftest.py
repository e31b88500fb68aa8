"""Internal blog fixtures: the restricted home, departments, colleagues and a post factory."""

import io
from datetime import timedelta
from itertools import count

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.rich_text import RichText

import pytest
from PIL import Image

from core.models import CustomImage
from core.visibility import EMPLOYEES_GROUP
from internal.models import (
    InternalIndexPage,
    InternalPostAuthor,
    InternalPostLocation,
    InternalPostPage,
)
from people.models import Department, Person

_serial = count(1)


def make_image(title: str = "Bild") -> CustomImage:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 36), (11, 79, 108)).save(buffer, format="PNG")
    image = CustomImage(title=title, credit="Foto: Test")
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"intern-{next(_serial)}.png")
    image.save()
    return image


@pytest.fixture
def internal_index(site_root) -> InternalIndexPage:
    index = site_root.add_child(
        instance=InternalIndexPage(title="Intern", slug="intern", show_in_menus=True)
    )
    index.save_revision().publish()
    return index


@pytest.fixture
def departments(db) -> dict[str, Department]:
    return {
        "dev": Department.objects.create(name="Forschung & Entwicklung", slug="entwicklung"),
        "sales": Department.objects.create(name="Vertrieb & Service", slug="vertrieb"),
        "hr": Department.objects.create(name="Personal & Kultur", slug="personal"),
    }


@pytest.fixture
def colleague(db, departments):
    """Make an employee account with a person profile: colleague("name", "dev", "Kiel")."""

    def make(username: str, department: str | None = None, location: str = "", **extra):
        user = get_user_model().objects.create_user(
            username=username,
            password="pw-for-tests-1",
            email=f"{username}@nordlicht.example",
            first_name=username.split(".")[0].title(),
            last_name=username.split(".")[-1].title(),
        )
        user.groups.add(Group.objects.get(name=EMPLOYEES_GROUP))
        Person.objects.create(
            name=f"{user.first_name} {user.last_name}",
            slug=username.replace(".", "-"),
            user=user,
            department=departments[department] if department else None,
            location=location,
            live=True,
            **extra,
        )
        return user

    return make


@pytest.fixture
def make_post(internal_index, db):
    """Create and publish an internal post; audiences by department key and location."""

    def make(
        title: str,
        *,
        departments=(),
        locations=(),
        authors=(),
        days_ago: int = 1,
        publish: bool = True,
        image: bool = False,
        body: str = "",
        **fields,
    ) -> InternalPostPage:
        post = InternalPostPage(
            title=title,
            teaser=fields.pop("teaser", f"Worum es in „{title}“ geht."),
            date=timezone.now() - timedelta(days=days_ago),
            body=[("paragraph", RichText(f"<p>{body or 'Text für ' + title}</p>"))],
            hero_image=make_image(title) if image else None,
            **fields,
        )
        post.audience_departments = list(departments)
        post.audience_locations = [InternalPostLocation(location=place) for place in locations]
        post.authors = [
            InternalPostAuthor(person=person, sort_order=position)
            for position, person in enumerate(authors)
        ]
        internal_index.add_child(instance=post)
        revision = post.save_revision()
        if publish:
            revision.publish()
            post.refresh_from_db()
        return post

    return make
