"""Editors review profile changes: snippet permissions and a one-step workflow.

When employees edit their own profile at /intern/profil/, the change is
saved as a revision and submitted to this workflow; an editor approves
(publishes) or requests changes in the Wagtail admin. Frozen on purpose
(no app imports): people/review.py does the same for seed_demo after a flush.
Runs once; later edits by admins in the Workflows admin are left alone.
"""

from django.db import migrations

EDITORS = "Editors"
WORKFLOW_NAME = "Profiländerungen prüfen"
TASK_NAME = "Redaktion prüft Profiländerung"
PERMISSIONS = {
    "person": ("add", "change", "delete", "publish", "lock", "unlock"),
    "department": ("add", "change", "delete"),
}


def create_review(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    editors, _created = Group.objects.get_or_create(name=EDITORS)
    content_types = {}
    for model, actions in PERMISSIONS.items():
        content_type, _created = ContentType.objects.get_or_create(app_label="people", model=model)
        content_types[model] = content_type
        for action in actions:
            permission, _created = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            editors.permissions.add(permission)

    person_type = content_types["person"]
    if WorkflowContentType.objects.filter(content_type=person_type).exists():
        return
    task_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.add(editors)
    workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.create(workflow=workflow, content_type=person_type)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_profile_review_and_team_page"),
        ("core", "0003_staff_groups"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_review, migrations.RunPython.noop)]
