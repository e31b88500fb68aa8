"""The profile review workflow takes its reviewers' rights from ``core.roles``, not its own list."""

from django.contrib.auth.models import Group

import pytest

from core.roles import GROUPS
from core.visibility import EDITORS_GROUP
from people.review import ensure_review_workflow

pytestmark = pytest.mark.django_db


def _rights(group: Group) -> set[str]:
    return {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def test_after_a_flush_editors_get_exactly_the_rights_of_the_permission_table():
    editors = Group.objects.get(name=EDITORS_GROUP)
    editors.permissions.clear()  # what `manage.py flush` leaves behind
    workflow = ensure_review_workflow()
    assert _rights(editors) == set(GROUPS[EDITORS_GROUP].model_permissions)
    assert {"people.publish_person", "people.change_department"} <= _rights(editors)
    reviewers = workflow.tasks.get().specific.groups.all()
    assert list(reviewers) == [editors]


def test_running_it_again_changes_nothing():
    first = ensure_review_workflow()
    editors = Group.objects.get(name=EDITORS_GROUP)
    before = _rights(editors)
    assert ensure_review_workflow() == first
    assert _rights(editors) == before
