"""Comment fixtures: flood rules off, form submission, mail servers.

The posts, people and sections come from ``tests/fixtures/posts.py``; the
helpers this folder's tests import from here live in ``tests/helpers``.
"""

from django.urls import reverse

import pytest

from tests.helpers.comments import form_data, stored_comment
from tests.helpers.mail import Collector, free_port
from tests.helpers.posts import make_blog_post, make_internal_post

# Imported by this folder's tests from here.
__all__ = [
    "Collector",
    "form_data",
    "free_port",
    "make_blog_post",
    "make_internal_post",
    "stored_comment",
]


@pytest.fixture(autouse=True)
def _flood_rules_off(relaxed_flood_rules):
    """Most tests post several comments within seconds; the rules' own tests turn them on."""


@pytest.fixture
def comment_data():
    return form_data


@pytest.fixture
def submit(client, django_capture_on_commit_callbacks):
    """POST the comment form for ``post`` as this client; mail tasks run after commit."""

    def post_form(post, client=client, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("stimme_comments:post"), form_data(post, **fields))

    return post_form


@pytest.fixture
def dead_smtp(settings):
    """SMTP pointed at a closed port: every send fails with a connection error."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_TIMEOUT = 2
    return settings.EMAIL_PORT
