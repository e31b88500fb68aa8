from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the site: mail outbox, task worker, backups, the fail-open cache, client addresses.

    Below every app of ours: it imports Django, Wagtail and the standard
    library only, so any app may use it and it serves no product rule. The
    outbox table keeps core's app label (``core.OutboxMessage``), so its
    migrations stayed where they were.
    """

    name = "operations"
    verbose_name = _("Operations")
    default_auto_field = "django.db.models.BigAutoField"
