"""Editors create and edit polls and read their results in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
ACTIONS = ("add", "change", "delete", "view")


def forwards(apps, schema_editor):
    config = apps.get_app_config("polls")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _created = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="polls",
            codename__in=[f"{action}_poll" for action in ACTIONS],
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("polls", "0001_initial"),
        ("core", "0003_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
