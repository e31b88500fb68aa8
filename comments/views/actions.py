"""What readers do with a comment: like, report, edit or delete their own, mute a thread."""

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.middleware import mark_private
from core.views import safe_next_url
from core.visibility import can_view

from .. import rejections, throttle, tokens
from ..editing import delete_comment, edit_comment, set_official
from ..forms import EditCommentForm, ReportForm
from ..models import CommentLike, PendingComment, StimmeComment
from ..policy import resolve_post
from ..readers import Reader
from ..rules import PUBLISH
from ..submission import CommentRefused
from .common import answer, message_page, visible_comment


def _tell(request, post, title, message, url, level=messages.SUCCESS):
    """The outcome of a reader's action, where they will see it.

    Signed-in readers' pages are their own: the message waits in the page
    they return to. Anonymous readers return to a page every reader shares
    (page cache, CDN), which never carries a message: they get a small
    uncached page saying it, with the way back.
    """
    if request.user.is_authenticated:
        messages.add_message(request, level, message)
        return HttpResponseRedirect(url)
    return message_page(request, title, message, post=post, extra={"back_url": url})


@require_POST
def dismiss_rejection(request, comment_id):
    """The employee read the notice that their comment was rejected: not shown again.

    Only the comment's author, signed in; a second click changes nothing and
    lands on the post all the same.
    """
    if not request.user.is_authenticated:
        raise Http404("no such notice")
    comment = StimmeComment.objects.filter(pk=comment_id, user=request.user).first()
    if comment is None:
        raise Http404("no such notice")
    rejections.mark_seen(request.user.pk, [comment.pk])
    post = resolve_post(comment.content_type_id, comment.object_pk)
    fallback = f"{post.url}#comments" if post is not None and post.url else "/"
    return HttpResponseRedirect(safe_next_url(request, request.POST.get("next"), fallback))


def _back(request, comment):
    return HttpResponseRedirect(
        safe_next_url(request, request.POST.get("next"), comment.get_absolute_url())
    )


@require_http_methods(["GET", "POST"])
def like(request, comment_id):
    """One click likes a comment, a second takes the like back: once per account or browser.

    Public readers are recognised by their browser (``readers.Reader``),
    never by name or address. The post page's script sends the POST and
    gets ``{"liked", "count"}`` back; without JavaScript the link opens a
    small page with the button (a cached post page cannot carry a form
    token in every comment).
    """
    comment, post, _policy = visible_comment(request, comment_id)
    if comment.is_removed:
        raise Http404("deleted")
    reader = None if request.user.is_authenticated else Reader.of(request)
    if request.method != "POST":
        if reader is None:
            return HttpResponseRedirect(comment.get_absolute_url())
        context = {"comment": comment, "post": post, "liked": _find_like(comment, request, reader)}
        response = answer(request, "like.html", context)
        mark_private(request)
        return response
    if not throttle.allow(request, "like"):
        raise PermissionDenied
    existing = _find_like(comment, request, reader)
    if existing is not None:
        existing.delete()
    else:
        _add_like(comment, request, reader)
    if "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse({"liked": existing is None, "count": _like_count(comment)})
    else:
        response = _back(request, comment)
    if reader is not None:
        reader.save(response, request)
    return response


def _find_like(comment, request, reader):
    if reader is None:
        return CommentLike.objects.filter(comment=comment, user=request.user).first()
    if reader.browser is None:
        return None
    mine = CommentLike.objects.filter(comment=comment, browser_hash=reader.like_hash(comment.pk))
    return mine.first()


def _add_like(comment, request, reader) -> None:
    if reader is None:
        who = {"user": request.user}
    else:
        who = {"browser_hash": reader.like_hash(comment.pk)}
    try:
        with transaction.atomic():
            CommentLike.objects.create(comment=comment, confirmed_at=timezone.now(), **who)
    except IntegrityError:
        pass  # a double click: the like is there already


def _like_count(comment) -> int:
    # As the thread counts them (comments.threads): likes by mail count once confirmed.
    return CommentLike.objects.filter(comment=comment, confirmed_at__isnull=False).count()


@never_cache
def confirm_like(request, token):
    """A like mail from before likes became one click: leads to the comment, changes nothing."""
    try:
        like_pk = tokens.read(tokens.LIKE, token)
    except signing.BadSignature:
        return message_page(
            request, _("Link not valid"), _("This link is not valid any more."), status=400
        )
    item = CommentLike.objects.select_related("comment").filter(pk=like_pk).first()
    if item is None or not item.comment.is_public:
        return HttpResponseRedirect("/")
    return HttpResponseRedirect(item.comment.get_absolute_url())


@require_http_methods(["GET", "POST"])
def report(request, comment_id):
    """Anyone may report a comment; it goes to the moderators' queue in the admin."""
    comment, post, _policy = visible_comment(request, comment_id)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not throttle.allow(request, "report"):
            raise PermissionDenied
        item = form.save(commit=False)
        item.comment = comment
        item.user = request.user if request.user.is_authenticated else None
        item.save()
        return _tell(
            request,
            post,
            _("Report a comment"),
            _("Thank you. A moderator will look at this comment."),
            comment.get_absolute_url(),
        )
    return answer(request, "report.html", {"comment": comment, "post": post, "form": form})


@require_POST
def official(request, comment_id):
    """Editors mark (or unmark) a comment as the company's official answer."""
    comment, _post, policy = visible_comment(request, comment_id)
    if not policy.can_moderate():
        raise PermissionDenied
    set_official(comment, request.user, not comment.is_official_answer)
    if comment.is_official_answer:
        messages.success(request, _("Marked as the official answer."))
    else:
        messages.success(request, _("No longer marked as the official answer."))
    return _back(request, comment)


@never_cache
@require_http_methods(["GET", "POST"])
def edit(request, comment_id):
    """Signed-in authors edit or delete their comment within the edit window."""
    comment, post, _policy = visible_comment(request, comment_id)
    if not comment.is_authored_by(request.user):
        raise PermissionDenied
    return _edit_page(request, comment, post)


@never_cache
@require_http_methods(["GET", "POST"])
def edit_by_link(request, token):
    """Readers without an account edit or delete through the link in their confirmation mail."""
    try:
        pending_pk = tokens.read(tokens.EDIT, token)
    except signing.BadSignature:
        return message_page(request, _("Link not valid"), _("This link is not valid."), status=400)
    item = PendingComment.objects.select_related("published").filter(pk=pending_pk).first()
    if item is None:
        raise Http404("gone")
    post = resolve_post(item.content_type_id, item.object_pk)
    if post is None:
        raise Http404("gone")
    if item.published_id is None:
        return message_page(
            request,
            _("Not confirmed yet"),
            _(
                "Please confirm your comment with the first link in the mail; "
                "then you can edit it here."
            ),
            post=post,
        )
    return _edit_page(request, item.published, post)


def _edit_page(request, comment, post):
    if not comment.editable_now():
        return message_page(
            request,
            _("Editing closed"),
            _("Comments can only be changed in the first %(minutes)d minutes.")
            % {"minutes": settings.COMMENTS_EDIT_MINUTES},
            post=post,
            status=403,
        )
    form = EditCommentForm(request.POST or None, initial={"comment": comment.comment})
    if request.method == "POST":
        if "delete" in request.POST:
            delete_comment(comment, post)
            return _tell(
                request,
                post,
                _("Your comment"),
                _("Your comment was deleted."),
                post.url + "#comments",
            )
        if form.is_valid():
            return _save_edit(request, comment, post, form)
    return answer(
        request,
        "edit.html",
        {"comment": comment, "post": post, "form": form},
        status=400 if form.errors else 200,
    )


def _save_edit(request, comment, post, form):
    """Store the new text as the moderation rules decide, and tell the author the outcome."""
    # Through the mail link nobody signed in wrote it: nobody vouches for an official mark.
    editor = request.user if comment.is_authored_by(request.user) else None
    try:
        decision = edit_comment(
            comment, form.cleaned_data["comment"], post=post, request=request, editor=editor
        )
    except CommentRefused as refusal:
        form.add_error("comment", str(refusal.message))
        return answer(request, "edit.html", {"comment": comment, "post": post, "form": form}, 400)
    if decision.verdict != PUBLISH:
        return _tell(
            request,
            post,
            _("Your comment"),
            _(
                "Your change was saved. The comment is hidden until a moderator "
                "has read the new text."
            ),
            post.url + "#comments",
            level=messages.INFO,
        )
    return _tell(
        request,
        post,
        _("Your comment"),
        _("Your comment was changed."),
        comment.get_absolute_url(),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def mute(request, token):
    """One click in a reply mail stops further mails for that thread (POST undoes it)."""
    try:
        data = tokens.read(tokens.MUTE, token)
        email, thread_id = str(data["e"]), int(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return message_page(request, _("Link not valid"), _("This link is not valid."), status=400)
    comments = StimmeComment.objects.filter(thread_id=thread_id, user_email__iexact=email)
    root = StimmeComment.objects.filter(pk=thread_id).first()
    post = resolve_post(root.content_type_id, root.object_pk) if root else None
    follow_again = request.method == "POST" and request.POST.get("action") == "follow"
    if request.method == "POST" and request.POST.get("action") not in ("follow", None, "mute"):
        return redirect("stimme_comments:mute", token=token)
    # Only the latest comment needs the flag: notify_published checks any comment
    # of this address in the thread.
    if follow_again:
        latest = comments.filter(is_public=True).order_by("-submit_date").first()
        if latest is not None:
            StimmeComment.objects.filter(pk=latest.pk).update(followup=True)
    else:
        comments.update(followup=False)
    # The link may have been forwarded: name the post only to those who may read it.
    if post is not None and not can_view(request.user, post):
        post = None
    return answer(request, "muted.html", {"post": post, "token": token, "following": follow_again})
