"""What every comment view needs: the comment if this reader may see it, and plain answer pages."""

from django.http import Http404
from django.shortcuts import render

from ..models import StimmeComment
from ..policy import CommentPolicy, post_for_comment


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


def answer(request, template, context=None, status=200):
    """Render one of the small comment pages (refusals, confirmations, forms)."""
    return render(request, f"stimme_comments/{template}", context or {}, status=status)


def message_page(request, title, message, *, post=None, status=200, extra=None):
    """A simple page with a heading, a sentence and a way back to the post."""
    context = {"title": title, "message": message, "post": post}
    context.update(extra or {})
    return answer(request, "message.html", context, status=status)
