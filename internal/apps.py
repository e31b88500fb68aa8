from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InternalConfig(AppConfig):
    """The internal employee blog: restricted index, posts, audiences, must-reads."""

    name = "internal"
    verbose_name = _("Internal blog")
    default_auto_field = "django.db.models.BigAutoField"
