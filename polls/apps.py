from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PollsConfig(AppConfig):
    """Polls embedded in public and internal posts, with results and decision records."""

    name = "polls"
    verbose_name = _("Polls")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.cache_invalidation import register

        # Polls render inside posts, with their options (core.pagecache).
        register(self.get_model("Poll"))
        register(self.get_model("PollOption"))
