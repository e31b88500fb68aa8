"""Emails about internal posts: one per person, queued in the durable outbox.

``notify_post`` runs (in a task) after a post is published: every employee
in the post's audience who may read it gets one email, unless their
preference says to wait for the daily digest. ``send_digests`` collects
what digest readers have not heard about yet. ``PostNotification`` rows make
both idempotent, per post version.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.site_address import base_url
from core.visibility import EMPLOYEES_GROUP, visible_to
from operations.mail import queue_mail, send_soon

from .audience import audience_posts, audience_users, may_read
from .models import InternalPostPage, NotificationPreference, PostNotification

logger = logging.getLogger("internal.notifications")

Frequency = NotificationPreference.Frequency
_muted: ContextVar[bool] = ContextVar("internal_notifications_muted", default=False)


@contextmanager
def muted():
    """No notifications for posts published inside this block (demo data, imports)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def is_muted() -> bool:
    return _muted.get()


def site_url() -> str:
    """``https://host`` of the site (``BASE_URL``), for links in emails."""
    return base_url()


def preferences(users) -> dict[int, str]:
    """Each user's chosen frequency (default: every post), in one query."""
    chosen = dict(
        NotificationPreference.objects.filter(user__in=users).values_list("user_id", "frequency")
    )
    return {user.pk: chosen.get(user.pk, Frequency.EVERY_POST) for user in users}


def wants_now(post, frequency: str) -> bool:
    """Must-reads go out at once for everyone; other posts only to "every post" readers."""
    return post.must_read or frequency == Frequency.EVERY_POST


def _context(base: str, **extra) -> dict:
    return {
        "site_url": base,
        "settings_url": base + reverse("internal:settings"),
        "organisation": getattr(settings, "WAGTAIL_SITE_NAME", ""),
        **extra,
    }


def _record(post, user, channel) -> bool:
    """Remember that ``user`` heard about this version; False if they already had."""
    try:
        with transaction.atomic():
            PostNotification.objects.create(
                post=post, user=user, version=post.acknowledgement_version, channel=channel
            )
    except IntegrityError:
        return False
    return True


def post_email(post, user, base: str) -> tuple[str, str, str]:
    """Subject, text and HTML of the email about ``post`` for ``user``."""
    context = _context(
        base,
        post=post,
        user=user,
        post_url=base + post.url,
        authors=post.author_people(),
        reconfirm=post.must_read and post.acknowledgement_version > 1,
    )
    if post.must_read:
        subject = _("Please read and confirm: %(title)s") % {"title": post.title}
    else:
        subject = _("New on the intranet: %(title)s") % {"title": post.title}
    text = render_to_string("internal/emails/post.txt", context)
    html = render_to_string("internal/emails/post.html", context)
    return subject, text, html


def notify_post(post_id: int) -> int:
    """Queue one email per audience member for the live version of a post; returns the count."""
    post = (
        InternalPostPage.objects.live()
        .filter(pk=post_id)
        .prefetch_related("authors__person")
        .first()
    )
    if post is None:
        return 0
    users = [user for user in audience_users(post).exclude(email="") if may_read(user, post)]
    frequency = preferences(users)
    base = site_url()
    queued = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user in users:
            if not wants_now(post, frequency[user.pk]):
                continue
            if not _record(post, user, PostNotification.Channel.IMMEDIATE):
                continue
            subject, text, html = post_email(post, user, base)
            key = f"internal-post:{post.pk}:v{post.acknowledgement_version}:{user.pk}"
            if queue_mail(to=user.email, subject=subject, text=text, html=html, key=key):
                queued += 1
    if queued:
        send_soon()
    logger.info(
        "Post %s v%s: %s notification(s) queued", post.pk, post.acknowledgement_version, queued
    )
    return queued


def digest_posts(user, since):
    """Live posts since ``since`` in ``user``'s audience they may read and were not told about."""
    told = PostNotification.objects.filter(user=user).values("post_id")
    posts = visible_to(InternalPostPage.objects.all(), user).filter(last_published_at__gt=since)
    return (
        audience_posts(posts, user)
        .exclude(pk__in=told)
        .prefetch_related("authors__person")
        .order_by("-date", "-pk")
    )


def send_digests(now=None) -> int:
    """One digest email per digest reader with news since their last digest; returns the count."""
    now = now or timezone.now()
    base = site_url()
    readers = (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name=EMPLOYEES_GROUP,
            internal_notification_preference__frequency=Frequency.DAILY_DIGEST,
        )
        .exclude(email="")
        .select_related("internal_notification_preference")
        .distinct()
    )
    queued = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user in readers:
            preference = user.internal_notification_preference
            since = preference.last_digest_at or now - timedelta(days=1)
            posts = [post for post in digest_posts(user, since) if may_read(user, post)]
            posts = [post for post in posts if _record(post, user, PostNotification.Channel.DIGEST)]
            if posts:
                for post in posts:
                    post.absolute_url = base + post.url
                context = _context(base, user=user, posts=posts)
                subject = ngettext(
                    "Your intranet digest: %(count)d new post",
                    "Your intranet digest: %(count)d new posts",
                    len(posts),
                ) % {"count": len(posts)}
                key = f"internal-digest:{user.pk}:{now:%Y%m%d%H%M%S}"
                if queue_mail(
                    to=user.email,
                    subject=subject,
                    text=render_to_string("internal/emails/digest.txt", context),
                    html=render_to_string("internal/emails/digest.html", context),
                    key=key,
                ):
                    queued += 1
            preference.last_digest_at = now
            preference.save(update_fields=["last_digest_at"])
    if queued:
        send_soon()
    return queued
