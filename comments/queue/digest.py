"""Tell moderators that comments wait: at most one mail per interval, with counts and a link.

Held comments enqueue ``comments.tasks.notify_moderators``; the task sends
unless a mail went out less than ``notify_every_minutes`` ago. Comments held
in that quiet time are counted in the next mail: a delayed task is planned
where the task backend can defer, and ``manage.py notify_moderators`` (cron)
is the safety net everywhere.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q
from django.tasks import default_task_backend
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from wagtail.models import Site

from core.site_address import absolute
from core.visibility import is_employee

from ..models import ModeratorDigest, comment_rules
from ..notifications import _render, deliver
from .queries import tab_counts


def moderators():
    """Active users with an address who hold the moderation permission (or are superusers)."""
    permission = Permission.objects.filter(
        content_type__app_label="stimme_comments", codename="moderate_comments"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions__in=permission)
            | Q(groups__permissions__in=permission)
        )
        .distinct()
        .order_by("pk")
    )


@transaction.atomic
def send_digest(now=None, *, send_later=None) -> dict:
    """Mail each moderator the counts they may see, unless one went out too recently.

    ``send_later(due)`` runs the digest again once the quiet time is over
    (``comments.tasks.send_digest_at``); without it, cron picks them up.
    """
    now = now or timezone.now()
    site = Site.objects.filter(is_default_site=True).first()
    minutes = comment_rules(site).notify_every_minutes
    if minutes <= 0:
        return {"sent": 0, "why": "off"}
    state, _created = ModeratorDigest.objects.select_for_update().get_or_create(pk=1)
    if state.last_sent_at and now - state.last_sent_at < timedelta(minutes=minutes):
        due = state.last_sent_at + timedelta(minutes=minutes)
        _plan(state, due, send_later)
        return {"sent": 0, "why": "batched", "due": due}
    sent = 0
    queue_url = absolute(reverse("comment_moderation:index"))
    with translation.override(settings.LANGUAGE_CODE):
        for user in moderators():
            counts = tab_counts(user)
            if not counts["waiting"]:
                continue
            text = _render(
                "moderator_digest.txt",
                {
                    "name": user.get_full_name() or user.get_username(),
                    "counts": counts,
                    "queue_url": queue_url,
                    "employee": is_employee(user),
                },
            )
            deliver(
                to=user.email,
                subject=gettext("%(count)d comments wait for moderation")
                % {"count": counts["waiting"]},
                text=text,
                key=f"comments:moderators:{now:%Y%m%d%H%M%S}:{user.pk}",
            )
            sent += 1
    if sent:
        state.last_sent_at = now
    state.planned_for = None
    state.save()
    return {"sent": sent}


def _plan(state, due, send_later) -> None:
    """Send the comments held now once the quiet time is over (if the backend can defer)."""
    if send_later is None:
        return
    if state.planned_for and state.planned_for >= due:
        return
    if not getattr(default_task_backend, "supports_defer", False):
        return  # cron's manage.py notify_moderators picks them up
    state.planned_for = due
    state.save(update_fields=["planned_for"])
    transaction.on_commit(lambda: send_later(due))
