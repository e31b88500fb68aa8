"""Refusals before anything is stored: too fast, too many, or the same text again.

Flood limits count per client address (``core.net.client_ip``, which
honours ``TRUSTED_PROXY_COUNT``) and per email address, in the shared
cache. Each refusal is written to the moderation log, so moderators see
what the rules turned away and why.
"""

import hashlib
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from core.net import client_ip

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
    keys = []
    ip = client_ip(request)
    if ip:
        keys.append("ip:" + ip)
    if email:
        keys.append("email:" + hashlib.sha256(email.lower().encode()).hexdigest()[:32])
    return keys


def flooding(request, email: str) -> Refusal | None:
    """At most one comment per interval and N per hour, per client address and per email.

    Counts only submissions that get this far (valid forms); the interval
    key is set atomically with ``cache.add``.
    """
    interval = _setting("COMMENTS_FLOOD_INTERVAL_SECONDS", 15)
    per_hour = _setting("COMMENTS_FLOOD_PER_HOUR", 10)
    hour = timezone.now().strftime("%Y%m%d%H")
    identities = _identities(request, email)
    for identity in identities:
        if interval > 0 and cache.get(f"stimme_comments:flood:last:{identity}"):
            return _flood_refusal(interval, "interval")
        if (
            per_hour > 0
            and (cache.get(f"stimme_comments:flood:hour:{identity}:{hour}") or 0) >= per_hour
        ):
            return _flood_refusal(3600 - timezone.now().minute * 60, "hour")
    for identity in identities:
        if interval > 0:
            cache.set(f"stimme_comments:flood:last:{identity}", 1, timeout=interval)
        key = f"stimme_comments:flood:hour:{identity}:{hour}"
        cache.add(key, 0, timeout=3600)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=3600)
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


def log_refusal(refusal: Refusal, email: str = "") -> None:
    """Keep the refusal in the moderation log (no comment was stored)."""
    ModerationLogEntry.objects.create(
        action=ModerationLogEntry.Action.REFUSED, reason=refusal.reason[:255], email=email or ""
    )
