"""Template tags for comment threads and counts.

Not named ``comments``: django_comments owns that tag library name.
"""

from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from core.models import SiteSettings

from ..forms import CommentForm
from ..policy import CommentPolicy
from ..text import render_comment_text
from ..threads import build_thread
from ..threads import comment_count as count_comments

register = template.Library()


@register.inclusion_tag("stimme_comments/thread.html", takes_context=True)
def comment_thread(context, post):
    """The whole comment section under a post: official answers, thread, form.

    Renders nothing for readers who may not see the post (belt and braces:
    page serving already refused them).
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    policy = CommentPolicy(user, post, request)
    if post is None or not policy.can_read:
        return {"visible": False}
    can_post = policy.can_post
    roots, official, count = build_thread(post, user, policy.is_public_post, can_post)
    form = CommentForm(post, user=user) if can_post else None
    privacy_page = None
    if form is not None and form.is_anonymous and request is not None:
        privacy_page = SiteSettings.for_request(request).privacy_page
    return {
        "visible": True,
        "request": request,
        "user": user,
        "post": post,
        "roots": roots,
        "official_answers": official,
        "count": count,
        "form": form,
        "policy": policy,
        "is_open": policy.is_open,
        "is_public_post": policy.is_public_post,
        "can_moderate": policy.can_moderate(),
        "privacy_url": privacy_page.get_url(request) if privacy_page else "",
        "content_type": ContentType.objects.get_for_model(post),
        "max_length": settings.COMMENT_MAX_LENGTH,
        "csrf_token": context.get("csrf_token"),
        "csp_nonce": context.get("csp_nonce"),
    }


@register.simple_tag
def comment_count(post) -> int:
    """Visible comments on ``post``; in listings call ``with_comment_counts`` first."""
    if post is None:
        return 0
    return count_comments(post)


@register.filter
def comment_text(text) -> str:
    """A comment's plain text as safe HTML: paragraphs and nofollow links only."""
    return render_comment_text(text)
