from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PollsConfig(AppConfig):
    """Polls embedded in public and internal posts, with results and decision records."""

    name = "polls"
    verbose_name = _("Polls")
    default_auto_field = "django.db.models.BigAutoField"
