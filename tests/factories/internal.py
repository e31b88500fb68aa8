"""Factories of the internal blog: the restricted index and posts for an audience."""

import factory

from internal.builders import build_internal_post
from internal.models import InternalIndexPage, InternalPostPage

from .core import PostFactory, PublishedPageFactory


class InternalIndexPageFactory(PublishedPageFactory):
    """The internal section; the app restricts it to Employees when it is created."""

    class Meta:
        model = InternalIndexPage

    title = "Intern"
    slug = "intern"


class InternalPostFactory(PostFactory):
    """An internal post, for every employee unless ``departments`` or ``locations`` say
    otherwise (see ``build_internal_post``)."""

    class Meta:
        model = InternalPostPage

    slug = factory.Sequence(lambda n: f"intern-{n}")
    teaser = "Teaser"

    _builder = staticmethod(build_internal_post)
