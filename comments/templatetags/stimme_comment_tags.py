"""Template tags for comment threads and counts.

Not named ``comments``: django_comments owns that tag library name.
"""

from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.template.loader import render_to_string

from wagtail.models import Page

from core.models import SiteSettings
from core.pagecache import cached_fragment

from ..forms import CommentForm
from ..policy import CommentPolicy
from ..readers import Reader, render_waiting, waiting_comments
from ..text import render_comment_text
from ..threads import build_thread_page, requested_page, with_comment_counts
from ..threads import comment_count as count_comments

register = template.Library()


@register.inclusion_tag("stimme_comments/thread.html", takes_context=True)
def comment_thread(context, post):
    """The whole comment section under a post: official answers, thread, form.

    The thread shows one page of top-level comments (``?comments_page=``,
    or the page holding ``?comment=``). Anonymous readers all see the same
    thread, so its HTML is a shared fragment (``core.pagecache``); the form
    below it carries a per-reader token and is rendered every time. Nothing
    else personal goes into an anonymous reader's page: their own waiting
    comments, likes and confirmation outcome are filled in by
    ``static/js/comments.js`` from ``reader_state``.
    Renders nothing for readers who may not see the post (belt and braces:
    page serving already refused them).
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    policy = CommentPolicy(user, post, request)
    if post is None or not policy.can_read:
        return {"visible": False}
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
                "csrf_token": context.get("csrf_token"),
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
        "csrf_token": context.get("csrf_token"),
        "csp_nonce": context.get("csp_nonce"),
    }


def rejection_notices(user, post) -> list:
    """An employee's comments on ``post`` that moderators rejected since their last visit.

    Shown once, then marked as seen. A cache hint (set by the reject
    action) keeps the query off every other page view.
    """
    from django.core.cache import cache

    from ..models import StimmeComment
    from ..queue.actions import notice_key

    if not getattr(user, "is_authenticated", False) or not cache.get(notice_key(user.pk)):
        return []
    unseen = StimmeComment.objects.filter(user=user, rejection_unseen=True)
    notices = list(
        unseen.filter(
            content_type=ContentType.objects.get_for_model(post), object_pk=str(post.pk)
        ).select_related("rejected_for__page")
    )
    if notices:
        StimmeComment.objects.filter(pk__in=[n.pk for n in notices]).update(rejection_unseen=False)
    if not unseen.exists():
        cache.delete(notice_key(user.pk))
    return notices


PRIVACY_URL_SECONDS = 600


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


@register.simple_tag
def comment_count(post) -> int:
    """Visible comments on ``post``; in listings call ``with_comment_counts`` first."""
    if post is None:
        return 0
    return count_comments(post)


@register.simple_tag
def load_comment_counts(*post_lists) -> str:
    """Give every post in the listings its ``comment_count``: one query per post type.

    Called once at the top of a listing, so teasers show counts without a
    query each. Renders nothing.
    """
    with_comment_counts([post for posts in post_lists if posts for post in posts])
    return ""


@register.filter
def comment_text(text) -> str:
    """A comment's plain text as safe HTML: paragraphs and nofollow links only."""
    return render_comment_text(text)
