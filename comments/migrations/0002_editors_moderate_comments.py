"""Editors moderate comments: give the Editors group the comment permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = {
    "stimmecomment": ["view", "change", "moderate_comments"],
    "commentreport": ["view", "change"],
    "pendingcomment": ["view"],
    "commentsettings": ["change"],
    "postcommentoptions": ["add", "change", "delete", "view"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after migrate; editors need them now.
    config = apps.get_app_config("stimme_comments")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _created = Group.objects.get_or_create(name="Editors")
    for model, actions in EDITOR_PERMISSIONS.items():
        codenames = [action if "_" in action else f"{action}_{model}" for action in actions]
        editors.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="stimme_comments", codename__in=codenames
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("stimme_comments", "0001_initial"),
        ("core", "0003_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
