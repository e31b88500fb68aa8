"""Whether a comment may be stored, and as what: the one moderation decision.

Posting, confirming and editing call ``judge`` directly. django_comments'
``moderator`` is registered too (``AppConfig.ready``) and asks the same
rules, for anything else that sends ``comment_will_be_posted``; our own
views never send it.
"""

from django.contrib.auth.models import AnonymousUser

from django_comments.moderation import moderator
from django_comments_xtd.models import BlackListedDomain
from django_comments_xtd.moderation import XtdCommentModerator

from core.models.pages import post_page_models

from .models import BlockedSender
from .policy import CommentPolicy
from .rules import PUBLISH, Decision, decide


def policy_for(comment, post, request=None) -> CommentPolicy:
    """The rules for whoever wrote ``comment``: their account, else an anonymous reader."""
    user = comment.user if comment.user_id else AnonymousUser()
    return CommentPolicy(user, post, request)


def is_blocklisted(email: str) -> bool:
    """Whether the address belongs to a known spam domain (xtd's blocklist)."""
    domain = (email or "").rpartition("@")[2].lower()
    return bool(domain) and BlackListedDomain.objects.filter(domain=domain).exists()


def may_store(comment, policy) -> bool:
    """False for a comment to discard outright: post closed or not readable, sender blocked."""
    if not policy.can_post:
        return False
    if is_blocklisted(comment.user_email):
        return False
    return not BlockedSender.blocks(comment.user_email, comment.ip_address)


def judge(comment, post, policy) -> Decision | None:
    """Publish, hold or reject ``comment`` on ``post`` (``comments.rules``), with the reason.

    None when it must not be stored at all (``may_store``). ``policy`` is
    the writer's (``policy_for``); a view that built one already passes it.
    """
    if not may_store(comment, policy):
        return None
    return decide(comment, post, policy)


class PostCommentModerator(XtdCommentModerator):
    """django_comments' hook into the same rules, for senders of its signal other than ours."""

    email_notification = False  # notifications are ours, sent through the outbox

    def allow(self, comment, content_object, request):
        return may_store(comment, policy_for(comment, content_object, request))

    def moderate(self, comment, content_object, request):
        policy = policy_for(comment, content_object, request)
        return decide(comment, content_object, policy).verdict != PUBLISH


def register_post_moderation() -> None:
    """Moderate comments on every concrete post type, public or internal."""
    for model in post_page_models():
        if model not in moderator._registry:
            moderator.register(model, PostCommentModerator)
