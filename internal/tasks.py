"""Background work of the internal blog (Django's task framework; immediate in tests)."""

from django.tasks import task

from . import notifications


@task
def notify_post_published(post_id: int) -> int:
    """Email the audience of a just-published internal post (one email per person)."""
    return notifications.notify_post(post_id)


@task
def send_daily_digest() -> int:
    """Send the daily digest to everyone who chose it (``manage.py send_internal_digest``)."""
    return notifications.send_digests()
