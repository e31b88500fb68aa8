from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InternalConfig(AppConfig):
    """The internal employee blog: restricted index, posts, audiences, must-reads."""

    name = "internal"
    verbose_name = _("Internal blog")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.roles import INTERNAL_SECTION, connect_section
        from core.visibility import register_page_rule

        from . import auth, signals
        from .audience import hidden_pages
        from .models import InternalIndexPage

        signals.connect()
        auth.connect()
        # A new internal home gets the page permissions core.roles writes down.
        connect_section(InternalIndexPage, INTERNAL_SECTION)
        # Confidential posts, and internal pages for anyone not on staff, are
        # hidden by core.visibility everywhere it is asked (search, people pages …).
        register_page_rule("internal", hidden_pages)
