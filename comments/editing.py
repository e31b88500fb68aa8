"""Changing stored comments: the author's edit and delete, and erasure on request (GDPR).

Deleting or erasing never removes the row: replies stay in place under a
"deleted" placeholder, so a thread keeps making sense. Changes go through
``update()`` on purpose: xtd's pre_save handler copies a comment's
visibility onto all its replies, which must not happen on an edit or delete.
"""

from django.db import transaction
from django.utils import timezone

from .models import (
    CommentLike,
    CommentReport,
    ModerationLogEntry,
    PendingComment,
    StimmeComment,
)


def edit_comment(comment, text: str) -> None:
    """Replace the text (the caller checked the edit window and authorship)."""
    comment.comment = text
    comment.edited_at = timezone.now()
    StimmeComment.objects.filter(pk=comment.pk).update(
        comment=comment.comment, edited_at=comment.edited_at
    )


def set_official(comment, user, official: bool) -> None:
    """Mark or unmark the company's official answer (editors only; caller checks)."""
    comment.is_official_answer = official
    comment.official_marked_by = user if official else None
    StimmeComment.objects.filter(pk=comment.pk).update(
        is_official_answer=official, official_marked_by=comment.official_marked_by
    )


def delete_comment(comment) -> None:
    """The author withdraws a comment: text gone, replies kept under a placeholder."""
    StimmeComment.objects.filter(pk=comment.pk).update(
        is_removed=True, comment="", is_official_answer=False, edited_at=timezone.now()
    )
    comment.is_removed = True


def comments_of(email: str):
    """Every published comment written with ``email`` (case-insensitive)."""
    return StimmeComment.objects.filter(user_email__iexact=email.strip())


def export_for(email: str) -> dict:
    """All we store about ``email`` in comments, for a data subject access request."""
    email = email.strip().lower()

    def comment_row(comment):
        return {
            "id": comment.pk,
            "post": comment.object_pk,
            "post_type": f"{comment.content_type.app_label}.{comment.content_type.model}",
            "name": comment.user_name,
            "email": comment.user_email,
            "website": comment.user_url,
            "text": comment.comment,
            "submitted": comment.submit_date.isoformat(),
            "edited": comment.edited_at.isoformat() if comment.edited_at else None,
            "public": comment.is_public,
            "deleted": comment.is_removed,
            "follows_replies": comment.followup,
            "ip_address": comment.ip_address,
        }

    pending = PendingComment.objects.filter(user_email__iexact=email, confirmed_at__isnull=True)
    return {
        "email": email,
        "exported_at": timezone.now().isoformat(),
        "comments": [
            comment_row(c) for c in comments_of(email).select_related("content_type").order_by("pk")
        ],
        "awaiting_confirmation": [
            {
                "id": item.pk,
                "post": item.object_pk,
                "name": item.user_name,
                "website": item.user_url,
                "text": item.comment,
                "submitted": item.created_at.isoformat(),
                "consent_given": item.consent_at.isoformat(),
                "ip_address": item.ip_address,
            }
            for item in pending.order_by("pk")
        ],
        "likes": [
            {"comment": like.comment_id, "created": like.created_at.isoformat()}
            for like in CommentLike.objects.filter(email__iexact=email).order_by("pk")
        ],
    }


@transaction.atomic
def erase_for(email: str) -> int:
    """Erase every comment of ``email``: author becomes "deleted", text and address go.

    Returns how many published comments were erased. Replies by others stay;
    unconfirmed comments and likes by this address are deleted outright.
    """
    email = email.strip().lower()
    count = comments_of(email).update(
        user_name="",
        user_email="",
        user_url="",
        comment="",
        ip_address=None,
        is_removed=True,
        followup=False,
        author_erased=True,
        is_official_answer=False,
    )
    PendingComment.objects.filter(user_email__iexact=email).delete()
    CommentLike.objects.filter(email__iexact=email).delete()
    # Automatic refusals name the address in the moderation log: the entry stays, the address goes.
    ModerationLogEntry.objects.filter(email__iexact=email).update(email="")
    return count


def purge_personal_data(ip_days: int, pending_days: int) -> dict:
    """Erase IP addresses older than ``ip_days``; drop long-expired unconfirmed comments."""
    from datetime import timedelta

    from django.conf import settings

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
