"""The admin's window on background work: outgoing mail and task results, read-only.

When SMTP is down or a task fails, an administrator must be able to see it
and why: every outbox message with its status, attempts, next try and last
error, and every task result with its traceback. Both lists are read-only
(the worker owns those rows) and shown to users with the "view" permission
on the model (superusers; grant it to a group in the admin if needed), since
mail bodies carry readers' confirmation links.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from django_tasks_db.models import DBTaskResult

from .models import OutboxMessage


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """The model's "view" permission, and nothing else, for anyone."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"])


register_permission_policy(OutboxMessage, ViewOnlyPermissionPolicy(OutboxMessage))
register_permission_policy(DBTaskResult, ViewOnlyPermissionPolicy(DBTaskResult))


class OutboxViewSet(ModelViewSet):
    """Every queued email: waiting, being sent, sent or given up, with the last error."""

    model = OutboxMessage
    icon = "mail"
    menu_label = _("Outgoing mail")
    menu_order = 10
    list_display = [
        "to",
        "subject",
        Column("get_status_display", label=_("Status"), sort_key="status"),
        "attempts",
        "last_error",
        "next_try_at",
        "created_at",
    ]
    list_filter = ["status"]
    search_fields = ["to", "subject", "last_error"]
    ordering = ["-created_at"]
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_fields = [
        "to",
        "subject",
        "status",
        "attempts",
        "last_error",
        "next_try_at",
        "created_at",
        "sent_at",
        "key",
    ]
    copy_view_enabled = False
    # No create or edit view is reachable (view-only policy); Wagtail still builds a form.
    form_fields = ["status"]


class TaskResultViewSet(ModelViewSet):
    """Background tasks with their outcome; a failed one shows its exception and traceback."""

    model = DBTaskResult
    icon = "cogs"
    menu_label = _("Background tasks")
    menu_order = 20
    list_display = [
        Column("task_name", label=_("Task")),
        Column("status", label=_("Status"), sort_key="status"),
        Column("exception_class_path", label=_("Error")),
        DateColumn("enqueued_at", label=_("Queued at"), sort_key="enqueued_at"),
        DateColumn("started_at", label=_("Started"), sort_key="started_at"),
        DateColumn("finished_at", label=_("Finished"), sort_key="finished_at"),
    ]
    list_filter = ["status", "queue_name"]
    ordering = ["-enqueued_at"]
    list_per_page = 50
    inspect_view_enabled = True
    inspect_view_fields = [
        "task_path",
        "status",
        "enqueued_at",
        "started_at",
        "finished_at",
        "worker_ids",
        "exception_class_path",
        "traceback",
    ]
    copy_view_enabled = False
    form_fields = ["status"]


class OperationsAdminGroup(ViewSetGroup):
    """One "Operations" menu for what the worker does in the background."""

    menu_label = _("Operations")
    menu_icon = "cogs"
    menu_order = 900
    items = (OutboxViewSet("outbox"), TaskResultViewSet("task_results"))


@hooks.register("register_admin_viewset")
def register_operations_admin():
    return OperationsAdminGroup()
