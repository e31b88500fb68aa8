"""Moderation rules for comments on any post type, registered in ``AppConfig.ready``.

django_comments' ``moderator`` listens to ``comment_will_be_posted`` for our
comment model; ``comments.submission`` sends that signal before saving, so
these rules run for the form, the JSON API and confirmations alike.
"""

from django.contrib.auth.models import AnonymousUser

from django_comments.moderation import moderator
from django_comments_xtd.models import BlackListedDomain
from django_comments_xtd.moderation import XtdCommentModerator

from core.models.pages import post_page_models

from .models import BlockedSender
from .policy import CommentPolicy
from .rules import PUBLISH, decide


class PostCommentModerator(XtdCommentModerator):
    """Allow a comment only where ``CommentPolicy`` says so; hold link-heavy ones.

    ``allow`` returning False discards the comment (closed post, post the
    writer may not read, blocklisted mail domain). ``moderate`` returning
    True keeps it out of sight until an editor approves it.
    """

    email_notification = False  # notifications are ours, sent through the outbox

    def allow(self, comment, content_object, request):
        user = getattr(comment, "user", None) or getattr(request, "user", None) or AnonymousUser()
        if not CommentPolicy(user, content_object, request).can_post:
            return False
        if is_blocklisted(comment.user_email):
            return False
        return not BlockedSender.blocks(comment.user_email, comment.ip_address)

    def moderate(self, comment, content_object, request):
        """Ask ``comments.rules``; the decision (with its reason) rides on the comment."""
        user = comment.user if comment.user_id else AnonymousUser()
        decision = decide(comment, content_object, CommentPolicy(user, content_object, request))
        comment.moderation_decision = decision
        return decision.verdict != PUBLISH


def is_blocklisted(email: str) -> bool:
    """Whether the address belongs to a known spam domain (xtd's blocklist)."""
    domain = (email or "").rpartition("@")[2].lower()
    return bool(domain) and BlackListedDomain.objects.filter(domain=domain).exists()


def register_post_moderation() -> None:
    """Moderate comments on every concrete post type, public or internal."""
    for model in post_page_models():
        if model not in moderator._registry:
            moderator.register(model, PostCommentModerator)


def moderation_for(model):
    """The moderation rules registered for ``model`` (registering late types on demand)."""
    if model not in moderator._registry:
        register_post_moderation()
    return moderator._registry.get(model)
