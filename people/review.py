"""Self-service profile changes go to editors for review before readers see them.

Why drafts and a workflow, not "apply and log": a public profile speaks for
the company (bio, photo, links show up on /menschen/ and in search engines).
So an employee's change is saved as a *revision* of the ``Person`` snippet,
the live profile stays as it is, and the revision is submitted to the
"Profiländerungen prüfen" workflow (created by migration 0003). Editors see
it under "Awaiting your review" on the Wagtail dashboard, compare it with the
live version in the snippet's history, and approve (which publishes) or
request changes. Without a workflow the revision still waits as a draft
("live + draft" in the snippet listing) until an editor publishes it.
"""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import (
    GroupApprovalTask,
    Revision,
    Workflow,
    WorkflowContentType,
    WorkflowState,
    WorkflowTask,
)

from core.roles import ensure_groups
from core.visibility import EDITORS_GROUP

from .models import Person

WORKFLOW_NAME = "Profiländerungen prüfen"
TASK_NAME = "Redaktion prüft Profiländerung"


def profile_draft(person: Person) -> Person:
    """The newest version of ``person``: a pending revision if there is one, else live."""
    if person.has_unpublished_changes and person.latest_revision_id:
        return person.get_latest_revision_as_object()
    return person


def is_awaiting_review(person: Person) -> bool:
    """Whether ``person`` has changes readers do not see yet."""
    return bool(person.has_unpublished_changes)


@transaction.atomic
def submit_profile_change(draft: Person, user) -> Revision:
    """Save ``draft`` as a revision by ``user`` and put it in front of an editor.

    The live profile is not touched. A running review is restarted so the
    editor always reviews the newest revision; one sent back with "needs
    changes" is resumed, as the Wagtail admin does.
    """
    revision = draft.save_revision(user=user, log_action=True)
    workflow = draft.get_workflow()
    if workflow is None:
        return revision
    state = draft.current_workflow_state
    if state is None:
        workflow.start(draft, user)
    elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
    else:
        state.cancel(user=user)
        workflow.start(draft, user)
    return revision


def ensure_review_workflow() -> Workflow:
    """The review workflow, with the Editors group as its reviewers (idempotent).

    Migration 0003 does this once on deploy; ``seed_demo`` calls it again
    because ``flush`` empties the tables a data migration filled. What
    editors may do with profiles and departments is written down in
    ``core.roles`` (``GROUPS``), like every other right: this asks it to
    apply its table rather than granting anything itself.
    """
    ensure_groups()
    editors = Group.objects.get(name=EDITORS_GROUP)
    person_type = ContentType.objects.get_for_model(Person)
    assigned = WorkflowContentType.objects.filter(content_type=person_type).first()
    if assigned:
        return assigned.workflow
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.add(editors)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowContentType.objects.create(workflow=workflow, content_type=person_type)
    return workflow
