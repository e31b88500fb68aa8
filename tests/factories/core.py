"""Factories of core objects: generated images, accounts, and the published-page base."""

from datetime import timedelta

from django.utils import timezone

import factory
import wagtail_factories

from core.builders import build_image, build_user, flat_image, publish_page
from core.models import CustomImage

TEST_PASSWORD = "pw-for-tests-1"  # noqa: S105 - the accounts of the test database


class ImageFactory(wagtail_factories.ImageFactory):
    """A tiny one-colour PNG; pass ``data=flat_image(size)`` for a bigger one."""

    class Meta:
        model = CustomImage

    title = factory.Sequence(lambda n: f"Bild {n}")
    credit = "Foto: Test"
    data = factory.LazyFunction(flat_image)
    filename = factory.Sequence(lambda n: f"test-{n}.png")
    # The image goes into the root collection (the model's default), not a new one.
    collection = None
    file = None

    @classmethod
    def _create(cls, model_class, *, title, data, filename, credit, file, collection, **fields):
        if collection is not None:
            fields["collection"] = collection
        return build_image(title, data, filename, credit=credit, **fields)


class UserFactory(factory.django.DjangoModelFactory):
    """An account (``groups``: names) that logs in with ``TEST_PASSWORD``."""

    class Meta:
        model = "core.User"

    username = factory.Sequence(lambda n: f"user.{n}")
    first_name = factory.LazyAttribute(lambda user: user.username.split(".")[0].title())
    last_name = factory.LazyAttribute(lambda user: user.username.split(".")[-1].title())
    password = TEST_PASSWORD
    groups = ()

    @classmethod
    def _create(cls, model_class, *, username, **fields):
        return build_user(username, **fields)


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page added under ``parent`` and published, as an editor would leave it."""

    class Meta:
        abstract = True

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        return publish_page(parent, model_class(**kwargs))


def yesterday():
    return timezone.now() - timedelta(days=1)


class PostFactory(wagtail_factories.PageFactory):
    """A post published yesterday under ``parent``, made by the app's own builder.

    ``authors`` (people, in order) and the post type's own extras (categories,
    audiences, ...) go to the builder; ``publish=False`` leaves a draft.
    """

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Beitrag {n}")
    slug = factory.Sequence(lambda n: f"beitrag-{n}")
    teaser = "Ein kurzer Teaser."
    date = factory.LazyFunction(yesterday)

    @classmethod
    def _create(cls, model_class, *, parent, **fields):
        return cls._builder(parent, **fields)
