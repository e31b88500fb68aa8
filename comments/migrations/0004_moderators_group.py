"""A "Moderators" group that moderates comments without page rights; held comments get a status."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATORS = "Moderators"
MODERATOR_PERMISSIONS = {
    "stimmecomment": ["view", "change", "moderate_comments"],
    "commentreport": ["view", "change"],
    "pendingcomment": ["view"],
    "moderationlogentry": ["view"],
    "blockedsender": ["add", "change", "delete", "view"],
}
# Editors moderate too (migration 0002); give them the new models as well.
EDITOR_EXTRA = {
    "moderationlogentry": ["view"],
    "blockedsender": ["add", "change", "delete", "view"],
}


def _grant(apps, group, table):
    Permission = apps.get_model("auth", "Permission")
    for model, actions in table.items():
        codenames = [action if "_" in action else f"{action}_{model}" for action in actions]
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="stimme_comments", codename__in=codenames
            )
        )


def forwards(apps, schema_editor):
    config = apps.get_app_config("stimme_comments")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators, _created = Group.objects.get_or_create(name=MODERATORS)
    # Wagtail's own initial data creates "Moderators" with add/edit/publish on
    # the page tree; ours moderate comments only and never edit pages.
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupPagePermission.objects.filter(group=moderators).delete()
    # Into the admin, but no page permissions: they cannot edit posts.
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if admin_access:
        moderators.permissions.add(admin_access)
    _grant(apps, moderators, MODERATOR_PERMISSIONS)
    editors = Group.objects.filter(name="Editors").first()
    if editors:
        _grant(apps, editors, EDITOR_EXTRA)
    # Comments held before statuses existed wait for approval.
    StimmeComment = apps.get_model("stimme_comments", "StimmeComment")
    StimmeComment.objects.filter(is_public=False, is_removed=False).update(
        moderation_status="waiting"
    )
    StimmeComment.objects.filter(is_removed=True).update(moderation_status="deleted")


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=MODERATORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("stimme_comments", "0003_moderation"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
