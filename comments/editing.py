"""Changing stored comments: the author's edit and delete, and erasure on request (GDPR).

Deleting or erasing never removes the row: replies stay in place under a
"deleted" placeholder, so a thread keeps making sense. Changes go through
``update()`` on purpose: xtd's pre_save handler copies a comment's
visibility onto all its replies, which must not happen on an edit or delete.
"""

import copy

from django.db import transaction
from django.utils import timezone

from core import pagecache

from .models import (
    CommentLike,
    ModerationLogEntry,
    ModerationStatus,
    PendingComment,
    StimmeComment,
)
from .moderation import judge, policy_for
from .policy import is_moderator, post_for_comment
from .rules import HOLD, REJECT, Decision
from .submission import (
    REFUSED_BY_RULES,
    CommentRefused,
    _AnonymousRequest,
    enqueue_moderator_digest,
    log_decision,
)


def _judge_new_text(comment, post, text, request) -> Decision:
    """What the moderation rules say about ``comment`` if it read ``text``.

    The same decision a new comment meets (blocked senders and domains,
    closed posts, word lists, the link limit, pre-moderation).
    Raises ``CommentRefused`` where a new comment would be discarded or
    rejected: a rejected edit changes nothing, the approved text stays.
    """
    candidate = copy.copy(comment)
    candidate.comment = text
    if not comment.user_id:
        # A reader's comment is judged as the anonymous reader who wrote it,
        # whoever's browser opened the link from the mail.
        request = _AnonymousRequest(request)
    decision = judge(candidate, post, policy_for(candidate, post, request))
    if decision is None:
        raise CommentRefused()
    if decision.verdict == REJECT:
        raise CommentRefused(REFUSED_BY_RULES)
    return decision


@transaction.atomic
def edit_comment(comment, text: str, *, post, request, editor=None) -> Decision:
    """Replace the text after the moderation a new comment gets; the decision is returned.

    The caller checked the edit window and authorship. An edit is a new
    text, so it is judged like one: where a new comment would wait for a
    moderator, the edited one goes back to waiting (hidden until approved).
    An edit never publishes a comment a moderator has not let through.

    The official-answer mark is an editor's word on one text, so a rewrite
    drops it, unless ``editor`` (who rewrites) may set the mark themselves:
    they could put it back with one click, and they vouch for the new text.
    """
    decision = _judge_new_text(comment, post, text, request)
    published = comment.moderation_status == ModerationStatus.APPROVED and comment.is_public
    if comment.is_official_answer and not is_moderator(editor):
        comment.is_official_answer = False
        comment.official_marked_by = None
    comment.comment = text
    comment.edited_at = timezone.now()
    if published and decision.verdict == HOLD:
        comment.is_public = False
        comment.moderation_status = ModerationStatus.WAITING
        comment.moderation_reason = decision.reason[:255]
        log_decision(comment, decision)
        transaction.on_commit(enqueue_moderator_digest)
    elif not published:
        # Waiting, rejected or spam: it stays where a moderator (or the rules) put it.
        if comment.moderation_status == ModerationStatus.WAITING and decision.reason:
            comment.moderation_reason = decision.reason[:255]
        decision = Decision(HOLD, comment.moderation_reason)
    StimmeComment.objects.filter(pk=comment.pk).update(
        comment=comment.comment,
        edited_at=comment.edited_at,
        is_public=comment.is_public,
        moderation_status=comment.moderation_status,
        moderation_reason=comment.moderation_reason,
        is_official_answer=comment.is_official_answer,
        official_marked_by=comment.official_marked_by,
    )
    # update() sends no signal: the cached post page must learn of the change here.
    transaction.on_commit(lambda: pagecache.invalidate_page(post))
    return decision


def set_official(comment, user, official: bool) -> None:
    """Mark or unmark the company's official answer (editors only; caller checks)."""
    comment.is_official_answer = official
    comment.official_marked_by = user if official else None
    StimmeComment.objects.filter(pk=comment.pk).update(
        is_official_answer=official, official_marked_by=comment.official_marked_by
    )
    # update() sends no signal: the badge on the cached post changes here.
    pagecache.invalidate_pages(map(post_for_comment, [comment]))


def delete_comment(comment, post=None) -> None:
    """The author withdraws a comment: text gone, replies kept under a placeholder."""
    StimmeComment.objects.filter(pk=comment.pk).update(
        is_removed=True, comment="", is_official_answer=False, edited_at=timezone.now()
    )
    comment.is_removed = True
    pagecache.invalidate_page(post)


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
    # update() sends no signal: the cached pages showing these comments learn of it here.
    pagecache.invalidate_pages(map(post_for_comment, comments_of(email)))
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
