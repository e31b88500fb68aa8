"""Create the Employees, Authors and Editors groups the visibility rules rely on."""

from django.db import migrations

EMPLOYEES = "Employees"
EDITORS = "Editors"
AUTHORS = "Authors"


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get_or_create(name=EMPLOYEES)
    editors, _created = Group.objects.get_or_create(name=EDITORS)
    authors, _created = Group.objects.get_or_create(name=AUTHORS)
    # Editors and authors may open the Wagtail admin; page permissions are
    # granted per section when the sections are created (see seed_demo).
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if admin_access:
        editors.permissions.add(admin_access)
        authors.permissions.add(admin_access)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EMPLOYEES, AUTHORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
