"""Forget what the retired second comment admin wrote into Wagtail's history.

Until the moderation queue became the only comment admin, a Wagtail model
viewset edited comments and logged each action in Wagtail's own history
(``wagtailcore.ModelLogEntry``) with the comment's text as the label. Site
history shows those entries to everyone holding any right on comments, so a
moderator outside the company read excerpts of internal and confidential
comments there. The queue logs to ``ModerationLogEntry``, which the boundary
filters; nothing writes these entries any more, so the old ones go.
"""

from django.db import migrations

APP_LABEL = "stimme_comments"


def forget(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    comment_types = ContentType.objects.filter(app_label=APP_LABEL)
    ModelLogEntry.objects.filter(content_type__in=comment_types).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("stimme_comments", "0006_moderation_log_data_requests"),
        ("wagtailcore", "0063_modellogentry"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
