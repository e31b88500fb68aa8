"""Poll fixtures: polls, and a public blog post and an internal post that embed them.

The blog, the internal section and the author are shared (``tests/fixtures/posts.py``).
"""

from datetime import timedelta

from django.utils import timezone

from wagtail.rich_text import RichText

import pytest

from polls.models import Poll
from tests.factories.blog import BlogPostFactory
from tests.factories.internal import InternalPostFactory
from tests.factories.polls import PollFactory


@pytest.fixture
def make_poll(db):
    def make(
        question="Welche Farbe soll die neue Halle bekommen?",
        *,
        closes_in=timedelta(days=7),
        **fields,
    ) -> Poll:
        return PollFactory(question=question, closes_at=timezone.now() + closes_in, **fields)

    return make


def _body(*polls):
    return [("paragraph", RichText("<p>Sagen Sie uns Ihre Meinung.</p>"))] + [
        ("poll", poll) for poll in polls
    ]


@pytest.fixture
def public_post_with(blog_index, author):
    """A live public blog post embedding the given polls."""

    def make(*polls, title="Unsere neue Halle"):
        return BlogPostFactory(
            parent=blog_index, title=title, teaser="Teaser", body=_body(*polls), authors=[author]
        )

    return make


@pytest.fixture
def internal_post_with(internal_index, author):
    def make(*polls, title="Sommerfest"):
        return InternalPostFactory(
            parent=internal_index, title=title, body=_body(*polls), authors=[author]
        )

    return make


def vote(client, poll, *options, next_url="/"):
    """POST a vote as the browser would; options are labels."""
    ids = [str(poll.options.get(label=label).pk) for label in options]
    return client.post(f"/polls/{poll.pk}/vote/", {"option": ids, "next": next_url})
