"""A small JSON API in place of xtd's REST API: list, count and create, with the same policy.

xtd's API views answer for any content type and object without asking
whether the reader may see it, so they are not mounted. These keep its URL
names (``comments-xtd-api-list`` …) but check ``CommentPolicy`` first:
a post the reader may not see is a 404, as if it did not exist.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .. import flood, submission
from ..forms import CommentForm
from ..policy import CommentPolicy, resolve_post
from ..text import render_comment_text
from ..threads import build_thread, comment_count
from .common import readable_posted_post


def _readable_post(request, content_type, object_pk):
    try:
        app_label, model = content_type.split("-", 1)
        ctype = ContentType.objects.get_by_natural_key(app_label, model)
    except (ValueError, ObjectDoesNotExist):
        raise Http404("unknown type") from None
    post = resolve_post(ctype.pk, object_pk)
    policy = CommentPolicy(request.user, post, request)
    if post is None or not policy.can_read:
        raise Http404("no such post")
    return post, policy


def _serialise(node, public_post):
    comment = node.comment
    author = node.author
    return {
        "id": comment.pk,
        "parent_id": comment.parent_id,
        "level": comment.level,
        "submit_date": comment.submit_date.isoformat(),
        "removed": comment.is_removed,
        "author": {
            "name": author.name,
            "staff": author.is_staff,
            "job_title": author.job_title,
            "department": author.department,
            "profile_url": author.profile_url,
        }
        if not comment.is_removed
        else None,
        "html": "" if comment.is_removed else str(render_comment_text(comment.comment)),
        "official_answer": comment.is_official_answer,
        "likes": comment.like_count,
        "children": [_serialise(child, public_post) for child in node.children],
    }


@never_cache
@require_GET
def comment_list(request, content_type, object_pk):
    """The visible thread of one post as nested JSON."""
    post, policy = _readable_post(request, content_type, object_pk)
    roots, _official, count = build_thread(
        post, request.user, policy.is_public_post, policy.can_post
    )
    return JsonResponse(
        {"count": count, "comments": [_serialise(node, policy.is_public_post) for node in roots]}
    )


@never_cache
@require_GET
def comment_count_view(request, content_type, object_pk):
    """How many visible comments one post has."""
    post, _policy = _readable_post(request, content_type, object_pk)
    return JsonResponse({"count": comment_count(post)})


@require_POST
def comment_create(request):
    """Create a comment with the form's fields: 201 published, 202 waiting, 4xx refused."""
    post, policy = readable_posted_post(request)
    if post is None:
        # Missing or hidden from this reader: one answer, so ids tell nothing.
        return JsonResponse({"error": "no such post"}, status=404)
    reason = policy.refusal()
    if reason is not None:
        return JsonResponse({"error": str(reason)}, status=403)
    form = CommentForm(post, data=request.POST, user=request.user)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    # The same flood rules as the comment form, counted in the same budget.
    email = request.user.email if request.user.is_authenticated else form.cleaned_data["email"]
    refusal = flood.check(request, form, email)
    if refusal is not None:
        flood.log_refusal(refusal, email, post)
        response = JsonResponse({"error": str(refusal.message)}, status=refusal.status)
        if refusal.retry_after:
            response["Retry-After"] = str(refusal.retry_after)
        return response
    try:
        outcome = submission.submit(request, post, form, policy)
    except ValueError as error:
        return JsonResponse({"error": str(error)}, status=400)
    except submission.CommentRefused as refusal:
        return JsonResponse({"error": str(refusal.message)}, status=403)
    if outcome.status == "published":
        return JsonResponse({"id": outcome.comment.pk, "status": "published"}, status=201)
    return JsonResponse({"status": outcome.status}, status=202)
