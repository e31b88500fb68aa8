"""Personal data the comments app keeps only for a while: IP addresses, unconfirmed comments.

Run daily by ``comments.tasks.purge_comment_data`` (cron or the worker).
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import CommentLike, CommentReport, ModerationLogEntry, PendingComment, StimmeComment


def purge_personal_data(ip_days: int, pending_days: int) -> dict:
    """Erase IP addresses older than ``ip_days``; drop long-expired unconfirmed comments."""
    now = timezone.now()
    ip_cutoff = now - timedelta(days=ip_days)
    erased_ips = StimmeComment.objects.filter(
        submit_date__lt=ip_cutoff, ip_address__isnull=False
    ).update(ip_address=None)
    erased_ips += PendingComment.objects.filter(
        created_at__lt=ip_cutoff, ip_address__isnull=False
    ).update(ip_address=None)
    # Refusals in the moderation log name the address only as long as spam defence needs it.
    ModerationLogEntry.objects.filter(created_at__lt=ip_cutoff).exclude(email="").update(email="")
    # Unconfirmed: kept while a re-sent link could still work, then deleted.
    stale = now - timedelta(days=settings.COMMENTS_CONFIRMATION_DAYS + pending_days)
    dropped, _ = PendingComment.objects.filter(
        confirmed_at__isnull=True, created_at__lt=stale, link_sent_at__lt=stale
    ).delete()
    CommentLike.objects.filter(confirmed_at__isnull=True, created_at__lt=stale).delete()
    CommentReport.objects.filter(resolved_at__lt=now - timedelta(days=365)).update(details="")
    return {"ip_addresses": erased_ips, "unconfirmed": dropped}
