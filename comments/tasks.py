"""Background work of the comments app (Django tasks; cron enqueues or runs it daily)."""

from django.conf import settings
from django.tasks import task

from . import rejections
from .queue.digest import send_digest
from .retention import purge_personal_data


@task
def purge_comment_data() -> dict:
    """Erase IP addresses past their retention and long-expired unconfirmed comments."""
    return purge_personal_data(
        ip_days=settings.COMMENTS_IP_RETENTION_DAYS,
        pending_days=settings.COMMENTS_PENDING_RETENTION_DAYS,
    )


def send_digest_at(due) -> None:
    """Run the moderators' digest again at ``due`` (the end of its quiet time)."""
    notify_moderators.using(run_after=due).enqueue()


@task
def notify_moderators() -> dict:
    """Mail moderators about waiting comments (at most one mail per configured interval)."""
    result = send_digest(send_later=send_digest_at)
    result.pop("due", None)
    return result


@task
def mark_rejection_notices_seen(user_id: int, comment_ids: list[int]) -> None:
    """Kept for tasks queued before notices were dismissed by their author (a POST).

    Nothing enqueues it any more: showing a post page writes and plans nothing.
    """
    rejections.mark_seen(user_id, comment_ids)
