"""The listening figures for one period: does the company answer, and who read the must-reads.

Definitions (the dashboard and the weekly mail share them):

* **received**: comments by readers (not staff, not official answers) on
  public posts, submitted in the period; spam is not counted.
* **company answer**: a published comment by staff (``is_staff_comment``) or
  marked as official answer, later in the same thread; the same rule the
  moderation queue uses for "unanswered". A reader's comment is *answered*
  when such a comment exists (at any time up to now).
* **time to first answer**: from the reader's comment to the first company
  answer; median (the middle value, or the mean of the two middle ones) and
  90th percentile by the nearest-rank method (the value below which at
  least 90 % of the times lie).
* **thank-you**: a reader's direct reply to a company answer that answered
  that same reader (same email address), asking nothing (no "?"). It closes
  the exchange: it needs no answer, so it is *answered* (without an answer
  time) and never *unanswered*. A reply by anyone else, or one that asks
  something, is a new question and waits like any other.
* **unanswered**: published reader comments on public posts still without a
  company answer, submitted before the period ends, oldest first: a question
  does not stop waiting because the period moved on. Thank-yous are not.
* **reach**: must-reads published in the period; per department, the share
  of audience members who confirmed the current version. Departments with
  fewer than ``INSIGHTS_MIN_GROUP_SIZE`` people in the audience are not shown.
"""

import math
import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from wagtail.models import Page

from comments.models import StimmeComment
from comments.models.querysets import later_in_same_thread
from core.visibility import is_employee, visible_to
from internal.audience import audience_users
from internal.models import Acknowledgement, InternalPostPage

DEFAULT_DAYS = 30
PERIOD_CHOICES = (7, 30, 90, 365)
UNANSWERED_SHOWN = 50
POSTS_SHOWN = 15


# --- The period -----------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """From ``start`` (inclusive) to ``end`` (exclusive), aware datetimes."""

    start: datetime
    end: datetime

    @classmethod
    def last_days(cls, days: int, now=None) -> "Period":
        now = now or timezone.now()
        return cls(start=now - timedelta(days=days), end=now)

    @classmethod
    def between(cls, first: date, last: date) -> "Period":
        """Whole days from ``first`` to ``last`` (both included), in the site's time zone."""
        tz = timezone.get_current_timezone()
        return cls(
            start=datetime.combine(first, time.min, tz),
            end=datetime.combine(last + timedelta(days=1), time.min, tz),
        )

    @property
    def first_day(self) -> date:
        return timezone.localtime(self.start).date()

    @property
    def last_day(self) -> date:
        return timezone.localtime(self.end - timedelta(microseconds=1)).date()


class PeriodError(ValueError):
    """The chosen dates make no period; the message says why."""


def period_from_params(params, now=None) -> Period:
    """The period a dashboard request asks for: ``from``/``to`` dates, or ``days``.

    Raises ``PeriodError`` for dates that cannot be read or are the wrong way
    round; the view then shows the message and the default period.
    """
    raw_from, raw_to = (params.get("from") or "").strip(), (params.get("to") or "").strip()
    if raw_from or raw_to:
        try:
            first, last = parse_date(raw_from), parse_date(raw_to)
        except ValueError:  # well-formed but impossible, like 2026-02-30
            first = last = None
        if first is None or last is None:
            raise PeriodError(_("Enter both dates as YYYY-MM-DD."))
        if first > last:
            raise PeriodError(_("The first day must not be after the last day."))
        return Period.between(first, last)
    days = params.get("days")
    days = int(days) if str(days).isdigit() and int(days) in PERIOD_CHOICES else DEFAULT_DAYS
    return Period.last_days(days, now)


# --- Answers to public comments -------------------------------------------------


def thanks_for_an_answer():
    """An ``Exists`` for a reader comment: it thanks the company for answering this reader.

    True when the comment replies directly to a company answer whose own
    parent was written by the same reader (same email), and asks nothing.
    Kept this simple on purpose: a question mark, or someone else replying,
    makes it a comment that waits for an answer.
    """
    own_question = StimmeComment.objects.filter(
        pk=OuterRef("parent_id"), user_email__iexact=OuterRef(OuterRef("user_email"))
    )
    answer_to_this_reader = StimmeComment.objects.company_answers().filter(
        Exists(own_question),
        pk=OuterRef("parent_id"),
        content_type=OuterRef("content_type"),
        object_pk=OuterRef("object_pk"),
    )
    return Exists(answer_to_this_reader)


def reader_comments_on_public_posts():
    """Readers' comments (never staff or official answers) on posts anyone may read.

    Annotated with ``first_answer_at`` (the first company answer after it in
    its thread) and ``is_thanks`` (see ``thanks_for_an_answer``).
    """
    return (
        StimmeComment.objects.visible_to(None)
        .filter(is_staff_comment=False, is_official_answer=False)
        .not_spam()
        .annotate(
            first_answer_at=Subquery(
                StimmeComment.objects.company_answers()
                .filter(**later_in_same_thread())
                .order_by("submit_date")
                .values("submit_date")[:1]
            ),
            is_thanks=thanks_for_an_answer() & ~Q(comment__contains="?"),
        )
    )


def median(values: list[timedelta]) -> timedelta | None:
    if not values:
        return None
    return timedelta(seconds=statistics.median(v.total_seconds() for v in values))


def percentile(values: list[timedelta], share: float) -> timedelta | None:
    """Nearest-rank percentile: the smallest value with at least ``share`` of values <= it."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


@dataclass
class UnansweredComment:
    comment: StimmeComment
    post_title: str
    waiting: timedelta
    answer_url: str


@dataclass
class PostCount:
    page_id: int
    title: str
    comments: int
    url: str = ""


@dataclass
class AnswerFigures:
    """How the company answered readers in one period."""

    received: int = 0
    answered: int = 0
    answer_times: list[timedelta] = field(default_factory=list)
    unanswered_total: int = 0
    unanswered: list[UnansweredComment] = field(default_factory=list)
    per_post: list[PostCount] = field(default_factory=list)

    @property
    def answered_percent(self) -> int:
        return round(100 * self.answered / self.received) if self.received else 0

    @property
    def median_time(self) -> timedelta | None:
        return median(self.answer_times)

    @property
    def p90_time(self) -> timedelta | None:
        return percentile(self.answer_times, 0.9)


def answer_figures(period: Period, now=None) -> AnswerFigures:
    """Received, answered, answer times, what still waits, comments per post (four queries)."""
    now = now or timezone.now()
    received = list(
        reader_comments_on_public_posts()
        .filter(submit_date__gte=period.start, submit_date__lt=period.end)
        .values_list("submit_date", "first_answer_at", "is_thanks")
    )
    times = [answered_at - written for written, answered_at, _thanks in received if answered_at]
    thanks = sum(1 for _at, answered_at, is_thanks in received if is_thanks and not answered_at)
    waiting = (
        reader_comments_on_public_posts()
        .published()
        .filter(submit_date__lt=period.end)
        .filter(first_answer_at__isnull=True, is_thanks=False)
        .order_by("submit_date", "pk")
    )
    waiting_rows = list(waiting[:UNANSWERED_SHOWN])
    # Count only when the list is cut off: one query less in the usual case.
    total_waiting = waiting.count() if len(waiting_rows) == UNANSWERED_SHOWN else len(waiting_rows)
    return AnswerFigures(
        received=len(received),
        answered=len(times) + thanks,
        answer_times=times,
        unanswered_total=total_waiting,
        unanswered=_unanswered_rows(waiting_rows, now),
        per_post=comments_per_post(period),
    )


def _titles(page_ids) -> dict[int, tuple[str, str]]:
    pages = Page.objects.filter(pk__in=page_ids).only("title", "url_path")
    return {page.pk: (page.title, page.url) for page in pages}


def _unanswered_rows(comments, now) -> list[UnansweredComment]:
    titles = _titles({int(c.object_pk) for c in comments}) if comments else {}
    return [
        UnansweredComment(
            comment=comment,
            post_title=titles.get(int(comment.object_pk), ("–", ""))[0],
            waiting=now - comment.submit_date,
            # The comment's page with the answer form (its target takes POST only).
            answer_url=reverse("comment_moderation:detail", args=[comment.pk]) + "#company-reply",
        )
        for comment in comments
    ]


def comments_per_post(period: Period) -> list[PostCount]:
    """Published comments (readers' and staff's) per public post in the period, most first."""
    rows = list(
        StimmeComment.objects.visible_to(None)
        .published()
        .filter(submit_date__gte=period.start, submit_date__lt=period.end)
        .values("object_pk")
        .annotate(total=Count("pk"))
        .order_by("-total", "object_pk")[:POSTS_SHOWN]
    )
    titles = _titles([int(row["object_pk"]) for row in rows]) if rows else {}
    return [
        PostCount(
            page_id=int(row["object_pk"]),
            title=titles.get(int(row["object_pk"]), ("–", ""))[0],
            comments=row["total"],
            url=titles.get(int(row["object_pk"]), ("", ""))[1] or "",
        )
        for row in rows
    ]


# --- Reach of internal must-reads -----------------------------------------------


@dataclass
class DepartmentReach:
    name: str
    people: int
    expected: int
    confirmed: int

    @property
    def percent(self) -> int:
        return round(100 * self.confirmed / self.expected) if self.expected else 0


@dataclass
class PostReach:
    title: str
    audience: int
    confirmed: int
    shown: bool

    @property
    def percent(self) -> int:
        return round(100 * self.confirmed / self.audience) if self.audience else 0


@dataclass
class ReachFigures:
    posts: list[PostReach] = field(default_factory=list)
    departments: list[DepartmentReach] = field(default_factory=list)
    hidden_departments: int = 0
    min_group: int = 5


def reach_figures(period: Period, user) -> ReachFigures | None:
    """Confirmation rates of must-reads published in the period, per department.

    None for anyone who is not an employee: internal figures never leave the
    staff. Only must-reads ``user`` may read are counted (confidential ones
    stay with their audience). Departments, and posts, with fewer than
    ``INSIGHTS_MIN_GROUP_SIZE`` people are left out, so no figure points at
    one colleague.
    """
    if not is_employee(user):
        return None
    minimum = settings.INSIGHTS_MIN_GROUP_SIZE
    posts = (
        visible_to(InternalPostPage.objects.filter(must_read=True), user)
        .filter(date__gte=period.start, date__lt=period.end)
        .prefetch_related("audience_departments", "audience_locations")
        .order_by("date", "pk")
    )
    no_department = _("No department")
    people: dict[str, set] = {}
    expected: dict[str, int] = {}
    confirmed_by_department: dict[str, int] = {}
    post_rows = []
    for post in posts:
        confirmed = set(
            Acknowledgement.objects.filter(
                post=post, version=post.acknowledgement_version
            ).values_list("user_id", flat=True)
        )
        audience = list(audience_users(post))
        done = 0
        for member in audience:
            person = getattr(member, "person", None)
            name = person.department.name if person and person.department else no_department
            people.setdefault(name, set()).add(member.pk)
            expected[name] = expected.get(name, 0) + 1
            if member.pk in confirmed:
                confirmed_by_department[name] = confirmed_by_department.get(name, 0) + 1
                done += 1
        post_rows.append(
            PostReach(
                title=post.title,
                audience=len(audience),
                confirmed=done,
                shown=len(audience) >= minimum,
            )
        )
    departments = [
        DepartmentReach(
            name=name,
            people=len(members),
            expected=expected[name],
            confirmed=confirmed_by_department.get(name, 0),
        )
        for name, members in sorted(people.items())
    ]
    shown = [row for row in departments if row.people >= minimum]
    return ReachFigures(
        posts=post_rows,
        departments=shown,
        hidden_departments=len(departments) - len(shown),
        min_group=minimum,
    )
