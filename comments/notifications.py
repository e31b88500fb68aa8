"""Every mail the comments app sends, and the one door it leaves through.

``deliver`` hands mail to core's durable outbox (``core.mail``): stored in
the same transaction as the comment, sent by a task after commit, retried
with backoff while SMTP fails. A request never waits for the mail server
and never fails because of it.
"""

import logging

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from core.site_address import absolute
from core.visibility import can_view, is_public
from operations.mail import queue_mail, send_soon

from . import tokens
from .models import StimmeComment

logger = logging.getLogger("comments.notifications")


def deliver(*, to: str, subject: str, text: str, key: str | None = None, headers=None) -> None:
    """Queue one plain-text mail durably and ask a task to send it soon."""
    queue_mail(to=to, subject=subject, text=text, key=key, headers=headers or {})
    send_soon()


def _render(template: str, context: dict) -> str:
    return render_to_string(f"stimme_comments/email/{template}", context).strip() + "\n"


def send_confirmation_request(pending, post, request=None) -> None:
    """Mail the reader a link that publishes their stored comment (and one to edit it).

    The address is not confirmed yet, so the mail carries nothing the sender
    typed (name, comment): otherwise the form would relay anyone's words to
    any address. Only our post's title, our links and our wording.
    """
    confirm_url = absolute(
        reverse("stimme_comments:confirm", args=[tokens.make(tokens.CONFIRM, pending.pk)])
    )
    edit_url = absolute(
        reverse("stimme_comments:edit_by_link", args=[tokens.make(tokens.EDIT, pending.pk)])
    )
    with translation.override(pending.language or settings.LANGUAGE_CODE):
        context = {
            "post_title": post.title,
            "post_url": absolute(post.get_url(request)),
            "confirm_url": confirm_url,
            "edit_url": edit_url,
            "expires_at": pending.link_expires_at(),
            "days": settings.COMMENTS_CONFIRMATION_DAYS,
            "edit_minutes": settings.COMMENTS_EDIT_MINUTES,
        }
        subject = gettext("Please confirm your comment on “%(title)s”") % {"title": post.title}
        text = _render("confirmation_request.txt", context)
    deliver(
        to=pending.user_email,
        subject=subject,
        text=text,
        key=f"comments:confirm:{pending.pk}:{pending.links_sent}",
    )


def mute_url(email: str, thread_id: int, request=None) -> str:
    """The one-click link that stops reply mails for one thread and address."""
    token = tokens.make(tokens.MUTE, {"e": email.lower(), "t": thread_id})
    return absolute(reverse("stimme_comments:mute", args=[token]))


def _may_receive(user, email: str, post) -> bool:
    """Mail only people who may still read the post (staff who left do not).

    A switched-off account is a leaver even on a public post: their profile
    stays as the byline, but neither its account address nor its internal
    one gets mail any more.
    """
    if not email:
        return False
    if user is not None:
        return user.is_active and can_view(user, post)
    return is_public(post)


def notify_published(comment, post, request=None) -> None:
    """Tell thread followers about a reply and the post's authors about a new comment.

    Called once, when a comment becomes visible (posted by staff, confirmed
    by a reader, or approved by a moderator). Never mails its own author.
    """
    author_email = (comment.user_email or "").lower()
    comment_url = absolute(comment.get_absolute_url())
    notified = {author_email}
    followers = (
        StimmeComment.objects.published()
        .filter(
            content_type_id=comment.content_type_id,
            object_pk=comment.object_pk,
            thread_id=comment.thread_id,
            followup=True,
            author_erased=False,
        )
        .exclude(pk=comment.pk)
        .select_related("user")
        .order_by("submit_date")
    )
    with translation.override(settings.LANGUAGE_CODE):
        for follower in followers:
            email = (follower.user_email or "").lower()
            if email in notified or not _may_receive(follower.user, email, post):
                continue
            notified.add(email)
            url = mute_url(email, comment.thread_id, request)
            text = _render(
                "reply_notification.txt",
                {
                    "name": follower.display_name,
                    "comment": comment,
                    "post_title": post.title,
                    "comment_url": comment_url,
                    "mute_url": url,
                },
            )
            deliver(
                to=email,
                subject=gettext("New reply on “%(title)s”") % {"title": post.title},
                text=text,
                key=f"comments:reply:{comment.pk}:{email}",
                headers={
                    "List-Unsubscribe": f"<{url}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            )
        for person in post.author_people():
            user = getattr(person, "user", None)
            email = (
                (user.email if user and user.is_active else "") or person.internal_email or ""
            ).lower()
            if email in notified or not _may_receive(user, email, post):
                continue
            notified.add(email)
            text = _render(
                "author_notification.txt",
                {
                    "name": person.name,
                    "comment": comment,
                    "post_title": post.title,
                    "comment_url": comment_url,
                },
            )
            deliver(
                to=email,
                subject=gettext("New comment on your post “%(title)s”") % {"title": post.title},
                text=text,
                key=f"comments:author:{comment.pk}:{email}",
            )
