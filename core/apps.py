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

        # Content changes drop the anonymous readers' page cache (core.pagecache);
        # other apps register their own models in their ready().
        connect_signals()
        # Image files' access verdicts follow image and collection changes.
        connect_image_signals()
        # Wagtail's and django.contrib.sites' site rows follow BASE_URL (core.site_address).
        from django.db.models.signals import post_migrate

        from .site_address import sync_sites_after_migrate

        post_migrate.connect(sync_sites_after_migrate, sender=self)
        # Before any URLconf is imported, so every app's routes may use <id:…>.
        if "id" not in get_converters():
            register_converter(DatabaseIdConverter, "id")
