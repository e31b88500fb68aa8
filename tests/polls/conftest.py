"""Poll fixtures: polls, a public blog post and an internal post that embed them."""

from datetime import timedelta
from itertools import count

from django.core.cache import cache
from django.utils import timezone

from wagtail.rich_text import RichText

import pytest

from blog.models import BlogIndexPage, BlogPostAuthor, BlogPostPage
from internal.models import InternalIndexPage, InternalPostAuthor, InternalPostPage
from people.models import Person
from polls.models import Poll, PollOption

_serial = count(1)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Flood counters live in the cache; no test may inherit another's."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_poll(db):
    def make(
        question="Welche Farbe soll die neue Halle bekommen?",
        *,
        options=("Blau", "Grün", "Grau"),
        kind=Poll.Kind.SINGLE,
        internal=False,
        closes_in=timedelta(days=7),
        results_shown=Poll.ResultsShown.AFTER_VOTING,
        decision="",
    ) -> Poll:
        poll = Poll(
            question=question,
            kind=kind,
            internal=internal,
            closes_at=timezone.now() + closes_in,
            results_shown=results_shown,
            decision=decision,
        )
        poll.options = [PollOption(label=label) for label in options]
        poll.save()
        return poll

    return make


@pytest.fixture
def author(db):
    return Person.objects.create(
        name="Miriam Hoffmann",
        slug="miriam-hoffmann",
        job_title="Kommunikation",
        visibility=Person.Visibility.PUBLIC,
        live=True,
    )


@pytest.fixture
def blog_index(site_root):
    index = site_root.add_child(instance=BlogIndexPage(title="Blog", slug="blog"))
    index.save_revision().publish()
    return index


@pytest.fixture
def internal_index(site_root):
    index = site_root.add_child(instance=InternalIndexPage(title="Intern", slug="intern"))
    index.save_revision().publish()
    return index


def _body(*polls):
    return [("paragraph", RichText("<p>Sagen Sie uns Ihre Meinung.</p>"))] + [
        ("poll", poll) for poll in polls
    ]


@pytest.fixture
def public_post_with(blog_index, author):
    """A live public blog post embedding the given polls."""

    def make(*polls, title="Unsere neue Halle"):
        number = next(_serial)
        post = BlogPostPage(
            title=title,
            slug=f"halle-{number}",
            teaser="Teaser",
            date=timezone.now() - timedelta(days=1),
            body=_body(*polls),
        )
        post.authors = [BlogPostAuthor(person=author)]
        blog_index.add_child(instance=post)
        post.save_revision().publish()
        post.refresh_from_db()
        return post

    return make


@pytest.fixture
def internal_post_with(internal_index, author):
    def make(*polls, title="Sommerfest"):
        number = next(_serial)
        post = InternalPostPage(
            title=title,
            slug=f"sommerfest-{number}",
            teaser="Teaser",
            date=timezone.now() - timedelta(days=1),
            body=_body(*polls),
        )
        post.authors = [InternalPostAuthor(person=author)]
        internal_index.add_child(instance=post)
        post.save_revision().publish()
        post.refresh_from_db()
        return post

    return make


def vote(client, poll, *options, next_url="/"):
    """POST a vote as the browser would; options are labels."""
    ids = [str(poll.options.get(label=label).pk) for label in options]
    return client.post(f"/polls/{poll.pk}/vote/", {"option": ids, "next": next_url})
