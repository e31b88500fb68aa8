"""Background work of the comments app (Django tasks; cron enqueues or runs it daily)."""

from django.conf import settings
from django.tasks import task

from .editing import purge_personal_data


@task
def purge_comment_data() -> dict:
    """Erase IP addresses past their retention and long-expired unconfirmed comments."""
    return purge_personal_data(
        ip_days=settings.COMMENTS_IP_RETENTION_DAYS,
        pending_days=settings.COMMENTS_PENDING_RETENTION_DAYS,
    )
