"""Which comments a moderator sees in the queue, by tab and filter, in a fixed number of queries.

A moderator sees the comments under pages they may see in the admin
(``core.visibility.admin_visible``: no internal post for non-employees, no
confidential post outside its audience), applied as a subquery, so the queue
never decides visibility on its own. Which comments are public, published or
a company answer is the comment QuerySet's (``comments.models.querysets``).
"""

from datetime import date, datetime, time, timedelta

from django.db.models import CharField, Count, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from core.visibility import admin_visible, is_employee, public_pages, visible_to

from ..models import CommentReport, ModerationLogEntry, ModerationStatus, StimmeComment
from ..models.querysets import later_in_same_thread, page_ids_as_text

TABS = {
    "waiting": _("Awaiting approval"),
    "flagged": _("Flagged by readers"),
    "spam": _("Spam"),
    "recent": _("Recent"),
}
UNANSWERED_HOURS = 48


def _moderated_pages(user):
    """Pages whose comments ``user`` may moderate: inside their admin boundary.

    Non-employees (an outside agency moderating public comments) also stay
    out of sections a view restriction closes to them, as on the site.
    """
    pages = admin_visible(Page.objects.all(), user)
    if not is_employee(user):
        pages = visible_to(pages, user)
    return pages


def comments_for(user):
    """Every comment ``user`` may moderate: those under pages inside their admin boundary."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return StimmeComment.objects.all()
    return StimmeComment.objects.on_pages(_moderated_pages(user))


def refusals_for(user):
    """Submissions the rules refused before storing anything, aimed at pages ``user`` moderates.

    An entry names the sender's address; one aimed at an internal post is
    internal. Entries from before refusals named their post are for
    superusers only.
    """
    refusals = ModerationLogEntry.objects.filter(comment__isnull=True).order_by("-created_at")
    if getattr(user, "is_superuser", False) and user.is_active:
        return refusals
    return refusals.filter(post__in=_moderated_pages(user).values("pk"))


def _open_reports():
    return CommentReport.objects.filter(comment=OuterRef("pk"), resolved_at__isnull=True)


def in_tab(comments, tab):
    """Narrow ``comments`` to one tab of the queue."""
    if tab == "waiting":
        return comments.filter(moderation_status=ModerationStatus.WAITING)
    if tab == "flagged":
        return comments.filter(Exists(_open_reports()))
    if tab == "spam":
        return comments.filter(moderation_status=ModerationStatus.SPAM)
    return comments


def _day(value):
    """A filter date, or None for anything that is no real day (``2024-13-45``)."""
    try:
        day = parse_date(value or "")
    except ValueError:
        return None
    # The day after 9999-12-31 cannot be computed; no comment is that old anyway.
    return day if day is not None and day < date.max else None


def _text(value) -> str:
    # PostgreSQL refuses NUL in a query; no stored text contains one.
    return (value or "").replace("\x00", "").strip()


def filtered(comments, params):
    """Apply the filter form's values (post, audience, email, dates, text search).

    Values that mean nothing (an impossible date, a NUL byte) are ignored,
    never an error: the parameters come straight from the address bar.
    """
    post = params.get("post")
    if post and str(post).isdigit():
        comments = comments.filter(object_pk=str(post))
    audience = params.get("audience")
    if audience == "public":
        comments = comments.visible_to(None)
    elif audience == "internal":
        comments = comments.hidden_from(None)
    email = _text(params.get("email"))
    if email:
        comments = comments.filter(user_email__icontains=email)
    tz = timezone.get_current_timezone()
    start = _day(params.get("date_from"))
    if start:
        comments = comments.filter(submit_date__gte=datetime.combine(start, time.min, tz))
    end = _day(params.get("date_to"))
    if end:
        comments = comments.filter(
            submit_date__lt=datetime.combine(end + timedelta(days=1), time.min, tz)
        )
    query = _text(params.get("q"))
    if query:
        comments = comments.filter(
            Q(comment__icontains=query)
            | Q(user_name__icontains=query)
            | Q(user_email__icontains=query)
        )
    return comments


def for_listing(comments):
    """What each row shows, without a query per row."""
    return (
        comments.select_related("person", "rejected_for")
        .prefetch_related("content_object")
        .annotate(
            open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True)),
            on_public_post=Exists(
                page_ids_as_text(public_pages()).filter(pk_text=OuterRef("object_pk"))
            ),
        )
        .order_by("-submit_date", "-pk")
    )


def tab_counts(user) -> dict:
    """How many comments wait, are flagged, are spam (one query)."""
    return comments_for(user).aggregate(
        waiting=Count("pk", filter=Q(moderation_status=ModerationStatus.WAITING)),
        flagged=Count("pk", filter=Q(Exists(_open_reports()))),
        spam=Count("pk", filter=Q(moderation_status=ModerationStatus.SPAM)),
    )


def waiting_count(user) -> int:
    """The number on the menu item."""
    return comments_for(user).filter(moderation_status=ModerationStatus.WAITING).count()


def unanswered(user, hours=UNANSWERED_HOURS):
    """Readers' visible comments on public posts with no company answer after ``hours``."""
    company_answer = StimmeComment.objects.company_answers().filter(**later_in_same_thread())
    return (
        comments_for(user)
        .visible_to(None)
        .published()
        .filter(is_staff_comment=False, submit_date__lte=timezone.now() - timedelta(hours=hours))
        .filter(~Exists(company_answer))
    )


def commented_posts(user):
    """The posts with comments this moderator sees, for the filter (one query)."""
    ids = comments_for(user).values("object_pk").distinct()
    pages = Page.objects.annotate(pk_text=Cast("pk", CharField())).filter(pk_text__in=ids)
    return pages.order_by("title").values_list("pk", "title")
