"""Posts as the comment, performance and fault tests build them: one author, published now."""

from django.utils import timezone

from tests.factories.blog import BlogPostFactory
from tests.factories.internal import InternalPostFactory


def make_blog_post(parent, author, title="Wärmepumpen im Altbau", slug=None, **extra):
    """A public post by ``author`` under ``parent``, published with today's date."""
    if slug:
        extra["slug"] = slug
    extra.setdefault("date", timezone.now())
    return BlogPostFactory(parent=parent, authors=[author], title=title, teaser="Teaser", **extra)


def make_internal_post(parent, author, title="Betriebsversammlung", slug="betriebsversammlung"):
    """An internal post by ``author`` for every employee, published with today's date."""
    return InternalPostFactory(
        parent=parent, authors=[author], title=title, slug=slug, teaser="", date=timezone.now()
    )
