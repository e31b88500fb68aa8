from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Home page, users, images, site settings and the visibility rules."""

    name = "core"
    verbose_name = _("Core")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Content changes drop the anonymous readers' page cache (core.pagecache).
        from .cache_invalidation import connect_signals

        connect_signals()
