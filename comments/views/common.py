"""What every comment view needs: the comment if this reader may see it, and plain answer pages."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import StimmeComment
from ..policy import CommentPolicy, post_for_comment, resolve_post_label

POST_NOT_FOUND = gettext_lazy(
    "This post does not exist, or you may not read it. "
    "If you work here, please sign in and try again."
)


def visible_comment(request, comment_id):
    """``(comment, post, policy)`` if the reader may read the post; 404 otherwise.

    A 404, not a 403: readers who may not see an internal post must not
    learn that a comment with this number exists.
    """
    comment = (
        StimmeComment.objects.select_related("person").filter(pk=comment_id, is_public=True).first()
    )
    if comment is None:
        raise Http404("no such comment")
    post = post_for_comment(comment)
    policy = CommentPolicy(request.user, post, request)
    if post is None or not policy.can_read:
        raise Http404("no such comment")
    return comment, post, policy


def readable_posted_post(request):
    """``(post, policy)`` for the post a comment POST names, or ``(None, None)``.

    ``None`` alike for a post that does not exist, is no post type, is not
    published or is one this reader may not see: every comment POST answers
    these with the same 404, so the endpoints tell nobody which ids exist.
    """
    post = resolve_post_label(request.POST.get("content_type"), request.POST.get("object_pk"))
    policy = CommentPolicy(request.user, post, request)
    if post is None or not policy.can_read:
        return None, None
    return post, policy


def post_not_found(request):
    """The one answer for a post that is missing or hidden from this reader."""
    return message_page(request, _("Post not found"), POST_NOT_FOUND, status=404)


def answer(request, template, context=None, status=200):
    """Render one of the small comment pages (refusals, confirmations, forms)."""
    return render(request, f"stimme_comments/{template}", context or {}, status=status)


def message_page(request, title, message, *, post=None, status=200, extra=None):
    """A simple page with a heading, a sentence and a way back to the post."""
    context = {"title": title, "message": message, "post": post}
    context.update(extra or {})
    return answer(request, "message.html", context, status=status)
