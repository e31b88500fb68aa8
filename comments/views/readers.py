"""The uncached answer a post page's script asks for: this reader's own state on the post."""

from django.http import Http404, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wagtail.models import Page

from core.middleware import mark_private

from ..models import CommentLike, StimmeComment
from ..policy import CommentPolicy, resolve_post
from ..readers import OUTCOME_TEXTS, Reader, render_waiting, waiting_comments


@never_cache
@require_GET
def reader_state(request, page_id):
    """This reader's own state on one post, for the post page's script (never cached).

    ``{"status": text or "", "status_comment": id or null, "waiting": html,
    "liked": [ids]}``. Nothing for readers who may
    not see the post: the same 404 as a post that does not exist.
    """
    mark_private(request)
    post = resolve_post(_page_content_type(page_id), page_id)
    policy = CommentPolicy(request.user, post, request)
    if post is None or not policy.can_read:
        raise Http404("no such post")
    reader = Reader.of(request)
    public_ids = set(
        StimmeComment.objects.on(post).published(with_deleted=True).values_list("pk", flat=True)
    )
    waiting = waiting_comments(reader, request.user, post)
    outcome = reader.take_outcome(public_ids)
    data = {
        "status": str(OUTCOME_TEXTS[outcome["k"]]) if outcome else "",
        "status_comment": outcome["c"] if outcome else None,
        "waiting": render_waiting(waiting, policy.is_public_post) if waiting else "",
        "liked": sorted(_liked(reader, request.user, public_ids)),
    }
    response = JsonResponse(data)
    reader.save(response, request)
    return response


def _liked(reader: Reader, user, comment_ids) -> list[int]:
    """Which of ``comment_ids`` this reader likes (by account, or by this browser)."""
    likes = CommentLike.objects.filter(comment_id__in=comment_ids)
    if getattr(user, "is_authenticated", False):
        return list(likes.filter(user=user).values_list("comment_id", flat=True))
    if reader.browser is None:
        return []
    hashes = {reader.like_hash(pk): pk for pk in comment_ids}
    found = likes.filter(browser_hash__in=hashes).values_list("browser_hash", flat=True)
    return [hashes[value] for value in found]


def _page_content_type(page_id):
    """The content type id of page ``page_id`` (resolve_post keeps only post types), or None."""
    return Page.objects.filter(pk=page_id).values_list("content_type_id", flat=True).first()
