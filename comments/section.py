"""The comment section under a post, loaded for one reader: a page's ``get_context`` calls it.

``comment_section(request, post)`` does all the reading (the policy, one page
of the thread or its shared HTML, the reader's waiting comments and
rejection notices, the form); ``{% comment_thread %}`` only renders what it
returns. Nothing here writes or plans a write: a rejection notice stays until
its author dismisses it (``views.actions.dismiss_rejection``, a POST).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.template.loader import render_to_string

from wagtail.models import Page

from core.models import SiteSettings
from core.pagecache import cached_fragment, csrf_token

from . import rejections
from .forms import CommentForm
from .policy import CommentPolicy
from .readers import Reader, render_waiting, waiting_comments
from .threads import build_thread_page, requested_page

# The context name a page's get_context stores the section under.
CONTEXT_NAME = "comment_section"
PRIVACY_URL_SECONDS = 600


def comment_section(request, post) -> dict:
    """Everything the comment section under ``post`` shows ``request.user``.

    The thread shows one page of top-level comments (``?comments_page=``,
    or the page holding ``?comment=``). Anonymous readers all see the same
    thread, so its HTML is a shared fragment (``core.pagecache``); the form
    below it carries a per-reader token and is rendered every time. Nothing
    else personal goes into an anonymous reader's page: their own waiting
    comments, likes and confirmation outcome are filled in by
    ``static/js/comments.js`` from ``reader_state``.
    ``visible`` is False for readers who may not see the post (belt and
    braces: page serving already refused them).
    """
    user = getattr(request, "user", None)
    policy = CommentPolicy(user, post, request)
    if post is None or not policy.can_read:
        return {"visible": False, "post": post}
    can_post = policy.can_post
    wanted = requested_page(request.GET) if request is not None else None

    def render_thread():
        page = build_thread_page(post, user, policy.is_public_post, can_post, wanted)
        return render_to_string(
            "stimme_comments/thread_list.html",
            {
                "page": page,
                "roots": page.roots,
                "user": user,
                "is_public_post": policy.is_public_post,
                "can_moderate": policy.can_moderate(),
                # Signed-in readers only: their like and moderation forms.
                "csrf_token": csrf_token(request)["csrf_token"] if request is not None else None,
            },
        )

    waiting_html = ""
    if getattr(user, "is_authenticated", False):
        thread_html = render_thread()  # likes, edit links, moderation: this reader's own
        waiting = waiting_comments(Reader(), user, post)
        if waiting:
            waiting_html = render_waiting(waiting, policy.is_public_post)
    else:
        parts = (post.pk, wanted, can_post, policy.is_public_post)
        thread_html = cached_fragment("comment-thread", parts, render_thread)
    form = CommentForm(post, user=user) if can_post else None
    consent_url = ""
    if form is not None and form.is_anonymous and request is not None:
        consent_url = privacy_url(request)
    return {
        "visible": True,
        "rejection_notices": rejection_notices(user, post),
        "guidelines_url": policy.settings.guidelines_url,
        "request": request,
        "user": user,
        "post": post,
        "thread_html": thread_html,
        # Signed-in pages are private: their own waiting comments are rendered here.
        # Anonymous pages are shared: a script asks reader_state for them.
        "waiting_html": waiting_html,
        "form": form,
        "policy": policy,
        "is_open": policy.is_open,
        "is_public_post": policy.is_public_post,
        "can_moderate": policy.can_moderate(),
        "privacy_url": consent_url,
        "content_type": ContentType.objects.get_for_model(post),
        "max_length": settings.COMMENT_MAX_LENGTH,
    }


def rejection_notices(user, post) -> list:
    """An employee's comments on ``post`` that moderators rejected and they have not dismissed.

    Shown until the employee dismisses each one (a POST); loading the page only reads.
    """
    return rejections.unseen_on(user, post)


def privacy_url(request) -> str:
    """The privacy notice's URL for the consent checkbox, cached for a few minutes.

    The site settings are loaded for the page anyway; the page behind them
    would cost a query on every post page.
    """
    page_id = SiteSettings.for_request(request).privacy_page_id
    if not page_id:
        return ""
    key = f"stimme_comments:privacy_url:{page_id}"
    url = cache.get(key)
    if url is None:
        page = Page.objects.filter(pk=page_id).first()
        url = (page.get_url(request) or "") if page else ""
        cache.set(key, url, PRIVACY_URL_SECONDS)
    return url
