"""The weekly summary mail: the dashboard's figures for the last seven days, to editors.

Recipients are the dashboard's users (the moderation permission: Editors,
Moderators, superusers) with an address. Internal figures go only to those
of them who are employees. Mail goes through core's durable outbox; the key
(one per recipient and day) keeps a second run on the same day from mailing twice.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from comments.queue.digest import moderators
from core.site_address import absolute, base_url
from core.visibility import is_employee
from operations.mail import queue_mail, send_soon

from .figures import Period, answer_figures, reach_figures
from .presentation import duration


def recipients():
    """Everyone who may open the dashboard and has an email address."""
    return moderators()


def send_weekly_summary(now=None) -> int:
    """Queue the summary for every recipient; returns how many were queued."""
    now = now or timezone.now()
    period = Period.last_days(settings.INSIGHTS_WEEKLY_DAYS, now)
    answers = answer_figures(period, now)
    base = base_url()
    queued = 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Listening this week: %(answered)d of %(received)d comments answered") % {
            "answered": answers.answered,
            "received": answers.received,
        }
        for user in recipients():
            text = render_to_string(
                "insights/email/weekly_summary.txt",
                {
                    "name": user.get_full_name() or user.get_username(),
                    "period": period,
                    "answers": answers,
                    "median_time": duration(answers.median_time),
                    "p90_time": duration(answers.p90_time),
                    "reach": reach_figures(period, user) if is_employee(user) else None,
                    "base_url": base,
                    "dashboard_url": absolute(reverse("insights_dashboard")),
                },
            )
            message = queue_mail(
                to=user.email,
                subject=subject,
                text=text,
                key=f"insights:weekly:{timezone.localdate(now):%Y-%m-%d}:{user.pk}",
            )
            queued += message is not None
    if queued:
        send_soon()
    return queued
