"""Groups and grants of a fresh install, exactly as ``core.roles`` writes them down.

Replaces what Wagtail's initial data and our earlier migrations left behind:
the stock "Moderators" group's collection permissions on Root (which the
internal "Intern" collection inherits: outside moderators could move internal
documents into the public collection and replace or delete any file), the
authors' missing image rights (the seed looked for ``core.add_image``, which
does not exist; Wagtail checks ``wagtailimages.add_image`` and
``choose_image`` even for our custom image model), and Wagtail's
"Moderators approval" task,
which would send internal drafts to outside moderators. Runs after every
migration that grants something to these groups, so nothing re-adds a grant.

It reads the live definition on purpose (one owner). When ``core.roles``
changes, add a migration that calls ``ensure_groups`` again and depends on
the migrations creating any newly named permission.
"""

from django.db import migrations

from core.roles import ensure_groups


def forwards(apps, schema_editor):
    ensure_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_outbox"),
        ("internal", "0004_read_all_confidential"),
        ("stimme_comments", "0005_handle_personal_data"),
        ("blog", "0002_alter_blogpostpage_body"),
        ("people", "0003_profile_review_workflow"),
        ("polls", "0002_editors_manage_polls"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
