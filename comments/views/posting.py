"""Writing a comment: the form POST, the no-JavaScript reply page, confirmation and re-sending."""

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import flood, submission, throttle, tokens
from ..forms import CommentForm
from ..models import ModerationStatus, PendingComment
from ..policy import CommentPolicy, resolve_post
from ..readers import Reader, render_waiting
from ..section import privacy_url
from .common import answer, message_page, post_not_found, readable_posted_post, visible_comment


def refused(request, message, post=None, status=403):
    """The clear "no" for a comment that may not be written here."""
    return message_page(request, _("Comment not accepted"), message, post=post, status=status)


def bad_request(request, post=None):
    return message_page(
        request,
        _("Comment not accepted"),
        _("The form was incomplete or too old. Please reload the post and try again."),
        post=post,
        status=400,
    )


@require_POST
def post_comment(request):
    """Accept a new comment or reply from the server-rendered form.

    The policy is asked before anything else: a POST aimed at a post the
    reader may not see (internal, unpublished) gets the same 404 as one
    aimed at no post at all, whatever else it contains.
    """
    post, policy = readable_posted_post(request)
    if post is None:
        return post_not_found(request)
    reason = policy.refusal()
    if reason is not None:
        return refused(request, reason, post)
    form = CommentForm(post, data=request.POST, user=request.user)
    if not form.is_valid():
        if form.security_errors():
            return bad_request(request, post)
        if "website_confirm" in form.errors:
            flood.log_refusal(
                flood.Refusal("", _("Honeypot field filled in.")),
                request.POST.get("email", ""),
                post,
            )
        return _form_page(request, post, form, status=400)
    email = request.user.email if request.user.is_authenticated else form.cleaned_data["email"]
    refusal = flood.check(request, form, email)
    if refusal is not None:
        flood.log_refusal(refusal, email, post)
        return _refused_submission(request, post, form, refusal)
    try:
        outcome = submission.submit(request, post, form, policy)
    except ValueError as error:
        form.add_error(None, str(error))
        return _form_page(request, post, form, status=400)
    except submission.CommentRefused as refusal:
        return refused(request, refusal.message, post)
    return _after_submit(request, post, outcome)


def _refused_submission(request, post, form, refusal):
    """Too fast or a duplicate: the form again with the text kept; a flood: a friendly 429."""
    if refusal.status == 429:
        response = message_page(
            request,
            _("One moment, please"),
            refusal.message,
            post=post,
            status=429,
            extra={"comment_text": form.cleaned_data.get("comment", "")},
        )
        response["Retry-After"] = str(refusal.retry_after or 15)
        return response
    form.add_error(None, refusal.message)
    return _form_page(request, post, form, status=refusal.status)


def _form_page(request, post, form, status=200, parent=None):
    return answer(
        request,
        "form_page.html",
        {
            "post": post,
            "form": form,
            "parent": parent,
            "privacy_url": privacy_url(request),
            "guidelines_url": CommentPolicy(request.user, post, request).settings.guidelines_url,
        },
        status=status,
    )


def _after_submit(request, post, outcome):
    if outcome.status == "pending":
        token = tokens.make(tokens.STATUS, outcome.pending.pk)
        response = redirect("stimme_comments:pending", token=token)
        reader = Reader.of(request)
        reader.remember_submission(outcome.pending.pk)
        reader.save(response, request)
        return response
    if outcome.status == "rejected":
        return refused(request, submission.REFUSED_BY_RULES, post)
    if outcome.status == "held":
        # Signed in (readers without an account confirm first): the thread shows
        # this reader their waiting comment, with the outcome, right there.
        return HttpResponseRedirect(f"{post.url}#c{outcome.comment.pk}")
    messages.success(request, _("Your comment is published."))
    return HttpResponseRedirect(outcome.comment.get_absolute_url())


@require_GET
def reply(request, comment_id):
    """The reply form on its own page, for readers without JavaScript."""
    parent, post, policy = visible_comment(request, comment_id)
    reason = policy.refusal()
    if reason is not None:
        return refused(request, reason, post)
    try:
        submission.reply_parent(post, parent.pk)
    except ValueError as error:
        return message_page(request, _("Reply"), str(error), post=post)
    form = CommentForm(post, user=request.user, reply_to=parent)
    return _form_page(request, post, form, parent=parent)


@never_cache
@require_http_methods(["GET", "POST"])
def pending(request, token):
    """After posting: "check your mail", with a button to send the link again."""
    try:
        pending_pk = tokens.read(tokens.STATUS, token)
    except signing.BadSignature:
        return bad_request(request)
    item = PendingComment.objects.filter(pk=pending_pk).first()
    if item is None:
        return message_page(
            request, _("Comment not found"), _("This comment no longer exists."), status=404
        )
    post = resolve_post(item.content_type_id, item.object_pk)
    comment = item.published if item.published_id else None
    if comment is not None and comment.is_public:
        return HttpResponseRedirect(comment.get_absolute_url())
    sent_again = None
    if request.method == "POST":
        sent_again = throttle.allow(request, "resend", limit=10) and submission.request_link(
            item, post, request
        )
        if sent_again:
            messages.success(request, _("We sent the link again."))
        else:
            messages.error(request, _("Please wait a minute before asking for another link."))
        return redirect("stimme_comments:pending", token=token)
    context = {"pending": item, "post": post, "token": token}
    if comment is not None:
        context.update(_confirmed_status(request, comment, post))
    return answer(request, "pending.html", context)


def _confirmed_status(request, comment, post) -> dict:
    """What the status page says about a confirmed comment that is not public."""
    if comment.moderation_status != ModerationStatus.WAITING or comment.is_removed:
        return {"status": _("Your comment was not published."), "status_kind": "refused"}
    if request.GET.get("outcome") == "already":
        status = _("You already confirmed this comment. It waits for a moderator.")
    else:
        status = _("Thank you. Your comment appears once a moderator has read it.")
    public_post = post is not None and CommentPolicy(AnonymousUser(), post).can_read
    return {
        "status": status,
        "status_kind": "waiting",
        "waiting_html": render_waiting([comment], public_post),
        # The post page's script shows the waiting comment there, under this id.
        "back_anchor": f"c{comment.pk}",
    }


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The link in the confirmation mail: publish once, afterwards just show the comment."""
    try:
        pending_pk = tokens.read(tokens.CONFIRM, token, max_age=tokens.confirmation_max_age())
    except tokens.TokenExpired as expired:
        return _expired(request, expired.value)
    except signing.BadSignature:
        return message_page(
            request,
            _("Link not valid"),
            _("This confirmation link is not valid. Please copy the whole link from the mail."),
            status=400,
        )

    def post_of(item):
        post = resolve_post(item.content_type_id, item.object_pk)
        return post if post is not None and CommentPolicy(AnonymousUser(), post).can_read else None

    try:
        outcome = submission.confirm(pending_pk, post_of, request)
    except submission.CommentRefused:
        return message_page(
            request,
            _("Comment not published"),
            _(
                "The post is closed for comments or no longer public. "
                "Your comment was not published."
            ),
            status=410,
        )
    if outcome is None:
        return message_page(
            request, _("Comment not found"), _("This comment no longer exists."), status=404
        )
    comment = outcome.comment
    if comment is None:
        return message_page(request, _("Comment removed"), _("This comment was removed."))
    reader = Reader.of(request)
    reader.remember_submission(outcome.pending.pk)
    if comment.is_public:
        # The post page is shared by every reader: its script asks for this outcome.
        reader.announce("already" if outcome.status == "already" else "published", comment.pk)
        response = HttpResponseRedirect(comment.get_absolute_url())
    else:
        response = HttpResponseRedirect(_status_url(outcome.pending, outcome.status))
    reader.save(response, request)
    return response


def _status_url(pending, outcome: str) -> str:
    """The reader's own status page for ``pending``, saying what just happened."""
    url = reverse("stimme_comments:pending", args=[tokens.make(tokens.STATUS, pending.pk)])
    return f"{url}?outcome={outcome}"


def _expired(request, pending_pk):
    """An old link: the comment is still stored, offer a fresh link instead of losing it."""
    item = PendingComment.objects.filter(pk=pending_pk).first()
    if item is None:
        return message_page(request, _("Link expired"), _("This link has expired."), status=410)
    if item.confirmed_at and item.published_id:
        if not item.published.is_public:
            return HttpResponseRedirect(_status_url(item, "already"))
        reader = Reader.of(request)
        reader.announce("already", item.published_id)
        response = HttpResponseRedirect(item.published.get_absolute_url())
        reader.save(response, request)
        return response
    return answer(
        request,
        "expired.html",
        {"pending": item, "token": tokens.make(tokens.STATUS, item.pk)},
        status=410,
    )
