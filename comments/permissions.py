"""Who moderates: the permissions of the Editors and Moderators groups.

Migrations 0002 and 0004 grant these on a real database. ``seed_demo`` calls
``ensure_moderation_groups`` as well, because ``manage.py flush`` (tests,
a demo reset) empties the groups' permissions and leaves nobody who may
open the moderation queue.
"""

from django.contrib.auth.models import Group, Permission

from core.visibility import EDITORS_GROUP

MODERATORS_GROUP = "Moderators"

MODERATOR_PERMISSIONS = {
    "stimmecomment": ["view", "change", "moderate_comments"],
    "commentreport": ["view", "change"],
    "pendingcomment": ["view"],
    "moderationlogentry": ["view"],
    "blockedsender": ["add", "change", "delete", "view"],
}
EDITOR_PERMISSIONS = {
    **MODERATOR_PERMISSIONS,
    "commentsettings": ["change"],
    "postcommentoptions": ["add", "change", "delete", "view"],
}


def _codenames(table: dict[str, list[str]]) -> list[str]:
    return [
        action if "_" in action else f"{action}_{model}"
        for model, actions in table.items()
        for action in actions
    ]


def ensure_moderation_groups() -> None:
    """Editors and Moderators may moderate comments; Moderators get no page rights."""
    for name, table in (
        (EDITORS_GROUP, EDITOR_PERMISSIONS),
        (MODERATORS_GROUP, MODERATOR_PERMISSIONS),
    ):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="stimme_comments", codename__in=_codenames(table)
            )
        )
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if admin_access:
        Group.objects.get(name=MODERATORS_GROUP).permissions.add(admin_access)
