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


@task
def notify_moderators() -> dict:
    """Mail moderators about waiting comments (at most one mail per configured interval)."""
    from .queue.digest import send_digest

    result = send_digest()
    result.pop("due", None)
    return result
