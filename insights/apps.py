from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    """The listening dashboard: whether the company answers, and who read the must-reads."""

    name = "insights"
    verbose_name = _("Listening")
    default_auto_field = "django.db.models.BigAutoField"
