from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Home page, users, images, site settings and the visibility rules."""

    name = "core"
    verbose_name = _("Core")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.urls import register_converter
        from django.urls.converters import get_converters

        from .cache_invalidation import connect_signals
        from .converters import DatabaseIdConverter
        from .image_access import connect_signals as connect_image_signals

        # Content changes drop the anonymous readers' page cache (core.pagecache).
        connect_signals()
        # Image files' access verdicts follow image and collection changes.
        connect_image_signals()
        # Before any URLconf is imported, so every app's routes may use <id:…>.
        if "id" not in get_converters():
            register_converter(DatabaseIdConverter, "id")
