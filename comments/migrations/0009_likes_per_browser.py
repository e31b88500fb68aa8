# Likes become one click for public readers: one per browser, no personal data.

from django.db import migrations, models
from django.db.models import Q


def forget_unconfirmed_email_likes(apps, schema_editor):
    # Nobody can confirm them any more (the mail path is gone); they hold an address.
    apps.get_model("stimme_comments", "CommentLike").objects.filter(
        user__isnull=True, confirmed_at__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("stimme_comments", "0008_refusal_post"),
    ]

    operations = [
        migrations.AddField(
            model_name="commentlike",
            name="browser_hash",
            field=models.CharField(blank=True, max_length=64, verbose_name="browser (keyed hash)"),
        ),
        migrations.AddConstraint(
            model_name="commentlike",
            constraint=models.UniqueConstraint(
                condition=~Q(browser_hash=""),
                fields=("comment", "browser_hash"),
                name="stimme_comments_like_once_per_browser",
            ),
        ),
        migrations.RunPython(forget_unconfirmed_email_likes, migrations.RunPython.noop),
    ]
