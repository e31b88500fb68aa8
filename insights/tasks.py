"""Background work of the insights app."""

from django.tasks import task

from .summary import send_weekly_summary


@task
def send_weekly_insights() -> int:
    """Task: queue this week's summary mail to editors and moderators."""
    return send_weekly_summary()
