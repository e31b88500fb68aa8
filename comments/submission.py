"""From a valid form to a stored comment: publish (staff) or keep until confirmed (readers).

The steps, each testable on its own: resolve the reply target, ask the
moderation rules (``moderation.judge``), then either save a
``StimmeComment`` (signed-in users) or a ``PendingComment`` plus its
confirmation mail (everyone else). Confirmation later publishes the stored
comment exactly once.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from django_comments_xtd.models import max_thread_level_for_content_type

from core.visibility import is_employee
from operations.net import client_ip

from .models import ModerationLogEntry, PendingComment, StimmeComment
from .moderation import judge, policy_for
from .notifications import notify_published, send_confirmation_request
from .rules import PUBLISH, REJECT, Decision
from .tasks import notify_moderators

logger = logging.getLogger("comments.submission")

MAX_LINKS_PER_COMMENT = 5
RESEND_PAUSE_SECONDS = 60

REFUSED_BY_MODERATION = _(
    "We could not accept this comment. Comments may be closed, or your address is blocked."
)
REFUSED_BY_RULES = _(
    "We could not accept this comment: it breaks our community guidelines. "
    "Please read them and try again."
)


class CommentRefused(Exception):
    """The moderation rules discarded the comment; ``message`` says why."""

    def __init__(self, message=REFUSED_BY_MODERATION):
        super().__init__(str(message))
        self.message = message


@dataclass
class Outcome:
    """What happened to a submission: ``published``, ``held``, ``rejected`` or ``pending``."""

    status: str
    comment: StimmeComment | None = None
    pending: PendingComment | None = None


def log_decision(comment, decision) -> None:
    """The automatic decision in the audit log (actor: nobody)."""
    action = {
        PUBLISH: ModerationLogEntry.Action.PUBLISHED,
        REJECT: ModerationLogEntry.Action.REJECTED,
    }.get(decision.verdict, ModerationLogEntry.Action.HELD)
    ModerationLogEntry.objects.create(comment=comment, action=action, reason=decision.reason[:255])


def enqueue_moderator_digest() -> None:
    """After a comment is held: let moderators know (the task batches the mails)."""
    notify_moderators.enqueue()


def reply_parent(post, reply_to):
    """The visible comment on ``post`` being replied to, None for a new thread.

    Raises ``ValueError`` for a parent on another post, a hidden or deleted
    one, or one already at the deepest thread level.
    """
    if not reply_to:
        return None
    parent = StimmeComment.objects.on(post).published().filter(pk=reply_to).first()
    if parent is None:
        raise ValueError(str(_("The comment you are replying to is not available.")))
    if parent.level >= max_thread_level_for_content_type(ContentType.objects.get_for_model(post)):
        raise ValueError(str(_("This thread cannot go any deeper; reply further up.")))
    return parent


def _ip(request):
    # Stored for spam defence only; purge_comment_data erases it after
    # COMMENTS_IP_RETENTION_DAYS.
    if request is None:
        return None
    return client_ip(request) or None


def new_comment(post, *, user, name, email, url, text, followup, parent, ip=None):
    """An unsaved comment on ``post``, public unless the moderation decision says otherwise."""
    person = getattr(user, "person", None) if user is not None else None
    return StimmeComment(
        content_type=ContentType.objects.get_for_model(post),
        object_pk=str(post.pk),
        content_object=post,
        site_id=settings.SITE_ID,
        user=user,
        user_name=name[:50],
        user_email=email,
        user_url=url or "",
        comment=text,
        submit_date=timezone.now(),
        is_public=True,
        is_removed=False,
        followup=followup,
        parent_id=parent.pk if parent else 0,
        person=person,
        ip_address=ip,
    )


def _judged(comment, post, request, policy=None) -> Decision:
    """The moderation decision on ``comment``; raises ``CommentRefused`` if it is discarded."""
    decision = judge(comment, post, policy or policy_for(comment, post, request))
    if decision is None:
        raise CommentRefused()
    return decision


def _publish(comment, post, decision: Decision, request) -> Outcome:
    """Store the comment as the rules decided, log the decision, tell whom it concerns."""
    comment.moderation_status = decision.status
    comment.moderation_reason = decision.reason[:255]
    comment.is_public = decision.verdict == PUBLISH
    comment.save()
    log_decision(comment, decision)
    if decision.verdict == REJECT:
        return Outcome("rejected", comment=comment)
    if comment.is_public:
        notify_published(comment, post, request)
        return Outcome("published", comment=comment)
    transaction.on_commit(enqueue_moderator_digest)
    return Outcome("held", comment=comment)


@transaction.atomic
def submit(request, post, form, policy=None) -> Outcome:
    """Store a valid ``CommentForm`` for ``post`` as the policy demands.

    ``policy`` is the ``CommentPolicy`` the view asked for ``request.user``
    (built here when not given).
    """
    data = form.cleaned_data
    parent = reply_parent(post, data.get("reply_to"))
    user = request.user
    if user.is_authenticated:
        comment = new_comment(
            post,
            user=user,
            name=user.get_full_name() or user.get_username(),
            email=user.email,
            url="",
            text=data["comment"],
            followup=data.get("followup", False),
            parent=parent,
        )
        comment.is_staff_comment = is_employee(user)
        if not comment.is_staff_comment:
            comment.person = None
        return _publish(comment, post, _judged(comment, post, request, policy), request)

    # Readers without an account: check the rules now, publish on confirmation.
    probe = new_comment(
        post,
        user=None,
        name=data["name"],
        email=data["email"],
        url=data.get("url"),
        text=data["comment"],
        followup=data.get("followup", False),
        parent=parent,
    )
    probe.ip_address = _ip(request)
    decision = _judged(probe, post, request, policy)
    if decision.verdict == REJECT:
        # A blocked word: kept (never public) so moderators can see and undo it.
        return _publish(probe, post, decision, request)
    pending = PendingComment.objects.create(
        content_type=probe.content_type,
        object_pk=probe.object_pk,
        parent=parent,
        user_name=probe.user_name,
        user_email=probe.user_email,
        user_url=probe.user_url,
        comment=probe.comment,
        followup=probe.followup,
        consent_at=timezone.now(),
        language=getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
        ip_address=_ip(request),
    )
    request_link(pending, post, request)
    return Outcome("pending", pending=pending)


def request_link(pending, post, request=None) -> bool:
    """(Re)send the confirmation mail; False if asked again too soon or too often."""
    now = timezone.now()
    if pending.links_sent >= MAX_LINKS_PER_COMMENT:
        return False
    if pending.link_sent_at and (now - pending.link_sent_at).total_seconds() < RESEND_PAUSE_SECONDS:
        return False
    pending.links_sent += 1
    pending.link_sent_at = now
    pending.save(update_fields=["links_sent", "link_sent_at"])
    send_confirmation_request(pending, post, request)
    return True


def _locked_pending(pending_pk: int) -> PendingComment | None:
    """The waiting comment, locked until the transaction ends, so a second click waits."""
    if connection.features.has_select_for_update:
        return PendingComment.objects.select_for_update().filter(pk=pending_pk).first()
    # SQLite has no row locks: a write first takes the database's write lock,
    # so a concurrent confirmation waits here and then reads the result.
    PendingComment.objects.filter(pk=pending_pk).update(confirmed_at=F("confirmed_at"))
    return PendingComment.objects.filter(pk=pending_pk).first()


@transaction.atomic
def confirm(pending_pk: int, post_resolver, request) -> Outcome | None:
    """Publish a waiting comment once; later calls return the same comment.

    ``post_resolver(pending)`` returns the post (or None if it is gone). The
    row is locked so two clicks at once cannot create two comments.
    """
    pending = _locked_pending(pending_pk)
    if pending is None:
        return None
    if pending.confirmed_at is not None:
        return Outcome("already", comment=pending.published, pending=pending)
    post = post_resolver(pending)
    if post is None:
        raise CommentRefused()
    parent = pending.parent
    if parent is not None and (not parent.is_public or parent.is_removed):
        parent = None  # the parent vanished meanwhile: keep the words as a new thread
    comment = new_comment(
        post,
        user=None,
        name=pending.user_name,
        email=pending.user_email,
        url=pending.user_url,
        text=pending.comment,
        followup=pending.followup,
        parent=parent,
    )
    comment.ip_address = pending.ip_address
    request_as_reader = _AnonymousRequest(request)
    decision = _judged(comment, post, request_as_reader)
    outcome = _publish(comment, post, decision, request_as_reader)
    pending.confirmed_at = timezone.now()
    pending.published = comment
    pending.save(update_fields=["confirmed_at", "published"])
    outcome.pending = pending
    return outcome


class _AnonymousRequest:
    """The confirming click acts as the anonymous reader who wrote the comment."""

    def __init__(self, request):
        self._request = request
        self.user = AnonymousUser()

    def __getattr__(self, name):
        return getattr(self._request, name)
