"""Refusals before anything is stored: too fast, too many, or the same text again.

Flood limits count per signed-in account, per client address
(``core.net.client_ip``, which honours ``TRUSTED_PROXY_COUNT``) and per
email address, through ``core.ratelimit``. Each refusal is written to the
moderation log, so moderators see what the rules turned away and why.
"""

import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from core import ratelimit
from operations.net import client_ip

from .models import ModerationLogEntry, PendingComment, StimmeComment
from .rules import fold


@dataclass(frozen=True)
class Refusal:
    """Why a submission was turned away, and the HTTP status that says so."""

    message: str
    reason: str
    status: int = 403
    retry_after: int | None = None


def _setting(name, default):
    return getattr(settings, name, default)


def too_fast(form) -> Refusal | None:
    """A form sent sooner after loading than a person can write (bots)."""
    minimum = _setting("COMMENTS_MIN_SUBMIT_SECONDS", 3)
    if minimum <= 0:
        return None
    try:
        loaded = int(form.cleaned_data.get("timestamp") or form.data.get("timestamp"))
    except (TypeError, ValueError):
        return None
    elapsed = int(time.time()) - loaded
    if elapsed >= minimum:
        return None
    return Refusal(
        _("That was quicker than anyone can write. Please check your comment and send it again."),
        _("Sent %(seconds)d s after the form was loaded (minimum %(minimum)d s).")
        % {"seconds": max(elapsed, 0), "minimum": minimum},
        status=400,
    )


def _identities(request, email):
    """Who is posting: the account if signed in, the client address, the email."""
    keys = []
    user = getattr(request, "user", None)
    if getattr(user, "is_authenticated", False):
        keys.append(f"user:{user.pk}")
    ip = client_ip(request)
    if ip:
        keys.append("ip:" + ip)
    if email:
        keys.append("email:" + email.strip().lower())
    return keys


def flooding(request, email: str) -> Refusal | None:
    """At most one comment per interval and N per hour, per account, client address and email.

    The comment form and the JSON API share these counts. Only submissions
    that get this far (valid forms) count, and only accepted ones.
    """
    interval = ratelimit.Limit(1, _setting("COMMENTS_FLOOD_INTERVAL_SECONDS", 15))
    hourly = ratelimit.Limit(_setting("COMMENTS_FLOOD_PER_HOUR", 10), 3600)
    identities = _identities(request, email)
    for scope, limit, kind in (
        ("comment_interval", interval, "interval"),
        ("comment_hour", hourly, "hour"),
    ):
        if any(ratelimit.exceeded(scope, identity, limit) for identity in identities):
            return _flood_refusal(ratelimit.retry_after(scope, identities, limit), kind)
    for identity in identities:
        ratelimit.hit("comment_interval", identity, interval)
        ratelimit.hit("comment_hour", identity, hourly)
    return None


def _flood_refusal(retry_after, kind) -> Refusal:
    if kind == "interval":
        reason = _("More than one comment within %(seconds)d seconds.") % {
            "seconds": _setting("COMMENTS_FLOOD_INTERVAL_SECONDS", 15)
        }
    else:
        reason = _("More than %(count)d comments within an hour.") % {
            "count": _setting("COMMENTS_FLOOD_PER_HOUR", 10)
        }
    return Refusal(
        _("You are commenting faster than we can read. Please wait a moment and try again."),
        reason,
        status=429,
        retry_after=max(int(retry_after), 1),
    )


def duplicate(email: str, text: str) -> Refusal | None:
    """The same text from the same address within the window (double clicks, spam runs)."""
    minutes = _setting("COMMENTS_DUPLICATE_MINUTES", 5)
    if minutes <= 0 or not email:
        return None
    since = timezone.now() - timedelta(minutes=minutes)
    wanted = fold(" ".join((text or "").split()))
    candidates = list(
        StimmeComment.objects.filter(user_email__iexact=email, submit_date__gte=since).values_list(
            "comment", flat=True
        )
    ) + list(
        PendingComment.objects.filter(user_email__iexact=email, created_at__gte=since).values_list(
            "comment", flat=True
        )
    )
    if any(fold(" ".join(c.split())) == wanted for c in candidates):
        return Refusal(
            _("You sent this comment a moment ago already."),
            _("The same text twice within %(minutes)d minutes.") % {"minutes": minutes},
        )
    return None


def check(request, form, email: str) -> Refusal | None:
    """Every flood rule for one valid comment form, in order; the form and the JSON API use it."""
    return (
        too_fast(form) or duplicate(email, form.cleaned_data["comment"]) or flooding(request, email)
    )


def log_refusal(refusal: Refusal, email: str = "", post=None) -> None:
    """Keep the refusal in the moderation log (no comment was stored).

    ``post`` is the post the submission was aimed at: the queue shows the
    entry only to moderators who may see it.
    """
    ModerationLogEntry.objects.create(
        action=ModerationLogEntry.Action.REFUSED,
        reason=refusal.reason[:255],
        email=email or "",
        post=post,
    )
