from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    """Staff sign-in with the company's identity provider (OpenID Connect) and SCIM sync."""

    name = "identity"
    verbose_name = _("Company identity")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (
            checks,  # noqa: F401 - registers the configuration checks
            logout,  # noqa: F401 - keeps the ID token for the provider's logout
            sessions,  # noqa: F401 - notes when each session signed in
        )
