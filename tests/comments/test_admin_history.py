"""Wagtail's site history shows an outside moderator no internal comment text.

The retired second comment admin logged each edit of a comment into Wagtail's
history with the comment's text as its label; site history lists such entries
to everyone holding a right on comments. Migration 0007 forgets them.
"""

import importlib

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.log_actions import log

import pytest

from core.roles import MODERATORS_GROUP

from .conftest import stored_comment

forget_admin_history = importlib.import_module(
    "comments.migrations.0007_forget_admin_history_of_comments"
).forget

SECRET = "Die Kündigungsliste für Husum liegt bei der Geschäftsführung"


@pytest.fixture
def outside_moderator(db):
    user = get_user_model().objects.create_user(
        username="agentur.moderatorin", password="pw-for-tests-1", email="mod@agentur.example"
    )
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    return user


def test_site_history_keeps_no_comment_text_from_the_old_comment_admin(
    client, internal_post, superuser, outside_moderator
):
    comment = stored_comment(internal_post, SECRET)
    # What the retired viewset wrote on every edit: the comment's text as label.
    log(instance=comment, action="wagtail.edit", user=superuser, title=SECRET[:50])
    client.force_login(outside_moderator)
    assert SECRET[:30] in client.get("/admin/reports/site-history/").text  # the leak

    forget_admin_history(apps, None)

    response = client.get("/admin/reports/site-history/")
    assert response.status_code == 200
    assert SECRET[:30] not in response.text
