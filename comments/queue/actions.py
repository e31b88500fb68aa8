"""What moderators do to comments, one or many at once; every step lands in the audit log.

Each action takes the comments a moderator picked (already limited to what
they may see), changes them, and writes one ``ModerationLogEntry`` per
comment with who, when, what and why.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from django_comments_xtd.models import max_thread_level_for_content_type

from core import pagecache
from core.site_address import absolute
from core.visibility import is_employee

from .. import rejections
from ..models import (
    BlockedSender,
    CommentReport,
    ModerationLogEntry,
    ModerationStatus,
    StimmeComment,
    network_of,
)
from ..notifications import _render, deliver, notify_published
from ..policy import post_for_comment
from ..submission import new_comment

Action = ModerationLogEntry.Action

ACTIONS = {
    "approve": _("Approve"),
    "reject": _("Reject"),
    "spam": _("Mark as spam"),
    "delete": _("Delete"),
    "restore": _("Restore"),
    "block_email": _("Block email"),
    "block_ip": _("Block IP range"),
}


class ActionError(ValueError):
    """A moderator's request that cannot be carried out (the message says why)."""


def _log(comments, actor, action, reason="", guideline=None):
    ModerationLogEntry.objects.bulk_create(
        [
            ModerationLogEntry(
                comment=comment,
                actor=actor,
                action=action,
                reason=(reason or "")[:255],
                guideline=guideline,
            )
            for comment in comments
        ]
    )


def log_data_request(comments, actor, *, erased: bool) -> int:
    """Record a personal-data export or erasure on each comment it covered.

    The log keeps who and when; the address itself is not repeated in it,
    since an erasure must leave it nowhere.
    """
    comments = list(comments)
    _log(comments, actor, Action.DATA_ERASED if erased else Action.DATA_EXPORTED)
    return len(comments)


def _publish(comments, actor, action, reason, request):
    became_visible = [c for c in comments if not (c.is_public and not c.is_removed)]
    StimmeComment.objects.filter(pk__in=[c.pk for c in comments]).update(
        is_public=True,
        is_removed=False,
        moderation_status=ModerationStatus.APPROVED,
        moderation_reason="",
        rejected_for=None,
        rejection_unseen=False,
    )
    # update() sends no signal: the cached pages showing these comments learn of it here.
    pagecache.invalidate_pages(map(post_for_comment, comments))
    _log(comments, actor, action, reason)
    for comment in became_visible:
        comment.is_public, comment.is_removed = True, False
        post = post_for_comment(comment)
        if post is not None and comment.comment:
            # What publication sends (replies, authors), once it really is visible.
            transaction.on_commit(lambda c=comment, p=post: notify_published(c, p, request))
    return len(comments)


@transaction.atomic
def approve(comments, actor, reason="", request=None) -> int:
    """Publish waiting (or wrongly flagged) comments and close their reports."""
    count = _publish(comments, actor, Action.APPROVED, reason, request)
    _resolve_reports(comments, actor)
    return count


@transaction.atomic
def restore(comments, actor, reason="", request=None) -> int:
    """Bring rejected, spam or deleted comments back."""
    return _publish(comments, actor, Action.RESTORED, reason, request)


def _hide(comments, actor, action, status, reason, guideline=None, removed=False):
    StimmeComment.objects.filter(pk__in=[c.pk for c in comments]).update(
        is_public=False,
        is_removed=removed,
        moderation_status=status,
        moderation_reason=(reason or (guideline.title if guideline else ""))[:255],
        rejected_for=guideline,
    )
    pagecache.invalidate_pages(map(post_for_comment, comments))  # update() sends no signal
    _log(comments, actor, action, reason, guideline)
    _resolve_reports(comments, actor)
    return len(comments)


@transaction.atomic
def reject(comments, actor, guideline, reason="", request=None) -> int:
    """Hide comments for breaking a guideline; their authors learn which one."""
    if guideline is None:
        raise ActionError(gettext("Choose the guideline the comment breaks."))
    count = _hide(comments, actor, Action.REJECTED, ModerationStatus.REJECTED, reason, guideline)
    for comment in comments:
        tell_author_about_rejection(comment, guideline, request)
    return count


@transaction.atomic
def mark_spam(comments, actor, reason="", request=None) -> int:
    return _hide(comments, actor, Action.SPAM, ModerationStatus.SPAM, reason)


@transaction.atomic
def delete(comments, actor, reason="", request=None) -> int:
    """Remove from the site; the text stays for the log and can be restored."""
    return _hide(comments, actor, Action.DELETED, ModerationStatus.DELETED, reason, removed=True)


@transaction.atomic
def block_email(comments, actor, reason="", request=None) -> int:
    """Refuse future comments from the authors' addresses."""
    done = []
    for comment in comments:
        email = (comment.user_email or "").lower()
        if not email or is_staff_address(comment):
            continue
        BlockedSender.objects.get_or_create(
            email=email, defaults={"created_by": actor, "reason": reason[:255]}
        )
        done.append(comment)
    if not done:
        raise ActionError(gettext("No reader's email address to block."))
    _log(done, actor, Action.BLOCKED_EMAIL, reason)
    return len(done)


@transaction.atomic
def block_ip(comments, actor, reason="", request=None) -> int:
    """Refuse future comments from the authors' IP ranges (/24, IPv6 /64)."""
    done = []
    for comment in comments:
        if not comment.ip_address or is_staff_address(comment):
            continue
        network = network_of(comment.ip_address)
        BlockedSender.objects.get_or_create(
            network=network, defaults={"created_by": actor, "reason": reason[:255]}
        )
        done.append((comment, network))
    if not done:
        raise ActionError(
            gettext("No IP address stored for these comments (erased after 30 days).")
        )
    for comment, network in done:
        _log([comment], actor, Action.BLOCKED_IP, f"{network} {reason}".strip())
    return len(done)


def is_staff_address(comment) -> bool:
    # Blocking a colleague's account address would lock out staff: not from here.
    return bool(comment.is_staff_comment)


def _resolve_reports(comments, actor):
    CommentReport.objects.filter(
        comment__in=[c.pk for c in comments], resolved_at__isnull=True
    ).update(resolved_at=timezone.now(), resolved_by=actor)


RUN = {
    "approve": approve,
    "spam": mark_spam,
    "delete": delete,
    "restore": restore,
    "block_email": block_email,
    "block_ip": block_ip,
}


def run(name, comments, actor, *, reason="", guideline=None, request=None) -> int:
    """Carry out action ``name`` on ``comments``; raises ``ActionError`` if it cannot."""
    if not comments:
        raise ActionError(gettext("Select at least one comment."))
    if name == "reject":
        return reject(comments, actor, guideline, reason, request)
    if name not in RUN:
        raise ActionError(gettext("Unknown action."))
    return RUN[name](comments, actor, reason, request)


def tell_author_about_rejection(comment, guideline, request=None) -> None:
    """Readers by mail, employees on their next visit to the post."""
    if comment.user_id and comment.is_staff_comment:
        rejections.flag_for_author(comment)
        return
    if not comment.user_email or comment.author_erased:
        return
    post = post_for_comment(comment)
    with translation.override(settings.LANGUAGE_CODE):
        text = _render(
            "rejection_notice.txt",
            {
                "name": comment.user_name,
                "comment": comment,
                "post_title": getattr(post, "title", ""),
                "guideline": guideline,
                "guideline_url": absolute(guideline.url()) if guideline.url() else "",
            },
        )
        subject = gettext("Your comment was not published")
    deliver(
        to=comment.user_email,
        subject=subject,
        text=text,
        key=f"comments:rejected:{comment.pk}:{guideline.pk}",
    )


@transaction.atomic
def reply_as_company(comment, actor, text, request=None) -> StimmeComment:
    """An official answer from the company under ``comment`` (publishing it if it waited)."""
    text = (text or "").strip()
    if not text:
        raise ActionError(gettext("Write the answer first."))
    if len(text) > settings.COMMENT_MAX_LENGTH:
        raise ActionError(gettext("The answer is too long."))
    post = post_for_comment(comment)
    if post is None:
        raise ActionError(gettext("The post of this comment no longer exists."))
    if comment.moderation_status == ModerationStatus.WAITING:
        approve([comment], actor, gettext("Answered as the company"), request)
        comment.refresh_from_db()
    if not comment.is_public or comment.is_removed:
        raise ActionError(gettext("Only visible comments can be answered."))
    parent = comment
    if comment.level >= max_thread_level_for_content_type(comment.content_type):
        parent = StimmeComment.objects.get(pk=comment.parent_id)
    reply = new_comment(
        post,
        user=actor,
        name=actor.get_full_name() or actor.get_username(),
        email=actor.email,
        url="",
        text=text,
        followup=True,
        parent=parent,
    )
    reply.is_staff_comment = is_employee(actor)
    reply.is_official_answer = True
    reply.official_marked_by = actor
    reply.moderation_status = ModerationStatus.APPROVED
    if reply.person_id is None:
        reply.person = getattr(actor, "person", None)
    reply.save()
    _log([comment], actor, Action.REPLIED, text[:120])
    transaction.on_commit(lambda: notify_published(reply, post, request))
    return reply
