from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    """Person profiles, departments, the team page and the staff directory."""

    name = "people"
    verbose_name = _("People")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.cache_invalidation import register
        from core.image_access import register_image_rule

        from . import signals
        from .portraits import confined_portraits, visible_portraits

        signals.connect()
        # Profile photos reach readers who may see the profile (core.image_access).
        register_image_rule("people", visible_portraits, confined=confined_portraits)
        # Profiles and departments show on author, team and post pages (core.pagecache).
        register(self.get_model("Person"))
        register(self.get_model("Department"))
