"""The published comment: xtd's threaded comment plus who wrote it and what it means."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from django_comments_xtd.models import XtdComment, XtdCommentManager

from ..links import comment_link
from .moderation import ModerationStatus
from .querysets import CommentQuerySet

ERASED_AUTHOR = pgettext_lazy("comment author", "deleted")


class StimmeComment(XtdComment):
    """A comment on a post, public once confirmed (readers) or at once (staff).

    Extends xtd's ``XtdComment`` (threading: ``thread_id``, ``parent_id``,
    ``level``, ``order``) with the staff identity at the time of writing
    (``person``), the editor's "official answer" mark and edit/erasure state.
    ``COMMENTS_XTD_MODEL`` points here, so django_comments and xtd use it too.
    """

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("staff profile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Set when an employee with a profile wrote the comment."),
    )
    is_staff_comment = models.BooleanField(_("written by staff"), default=False)
    is_official_answer = models.BooleanField(
        _("official answer"),
        default=False,
        db_index=True,
        help_text=_("The company's official answer in this thread, marked by an editor."),
    )
    official_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked official by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    edited_at = models.DateTimeField(_("last edited"), null=True, blank=True)
    moderation_status = models.CharField(
        _("moderation status"),
        max_length=10,
        choices=ModerationStatus.choices,
        default=ModerationStatus.APPROVED,
        db_index=True,
    )
    moderation_reason = models.CharField(
        _("moderation reason"),
        max_length=255,
        blank=True,
        help_text=_("Why the comment waits or was rejected (latest decision)."),
    )
    rejected_for = models.ForeignKey(
        "stimme_comments.CommunityGuideline",
        verbose_name=_("rejected for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rejection_unseen = models.BooleanField(
        _("rejection not yet shown"),
        default=False,
        help_text=_("An employee learns about the rejection on their next visit to the post."),
    )
    author_erased = models.BooleanField(
        _("author erased"),
        default=False,
        help_text=_("Personal data was erased on request; the thread stays."),
    )

    # xtd's manager (it joins user and content type) with our filters on top.
    objects = XtdCommentManager.from_queryset(CommentQuerySet)()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ("thread_id", "order")
        permissions = [
            ("moderate_comments", "Can moderate reader comments"),
            # The personal-data export and erasure reach every comment of an
            # address, internal and confidential ones included (core.roles).
            ("handle_personal_data", "Can export and erase a commenter's personal data"),
        ]

    def __str__(self):
        return f"{self.display_name}: {self.comment[:50]}"

    @property
    def display_name(self) -> str:
        """The name readers see: the profile name for staff, "deleted" after erasure."""
        if self.author_erased:
            return str(ERASED_AUTHOR)
        if self.person_id and self.person:
            return self.person.name
        return self.user_name

    def excerpt(self) -> str:
        """The first words, for admin listings."""
        text = " ".join((self.comment or "").split())
        if not text:
            return f"({ERASED_AUTHOR})" if self.is_removed else "–"
        return text if len(text) <= 80 else text[:79] + "…"

    excerpt.short_description = _("comment")

    def post_title(self) -> str:
        """The title of the post the comment is on (prefetch ``content_object``)."""
        return getattr(self.content_object, "title", "–")

    def report_summary(self) -> str:
        """Open and handled reports, for the moderators' inspect view."""
        reports = list(self.reports.all())
        if not reports:
            return "–"
        return "; ".join(
            f"{report.get_reason_display()}{' ✓' if report.resolved_at else ''}"
            + (f": {report.details}" if report.details else "")
            for report in reports
        )

    report_summary.short_description = _("reports")

    def get_absolute_url(self, anchor_pattern="#c%(id)s"):
        """The post page holding this comment (long threads have several), scrolled to it.

        django_comments' default needs its own URLs, which are not mounted.
        """
        target = self.content_object
        url = getattr(target, "url", None) or "/"
        return comment_link(url, self.pk, anchor_pattern % self.__dict__)

    def edit_deadline(self):
        """Until when the author may still edit or delete this comment."""
        return self.submit_date + timedelta(minutes=settings.COMMENTS_EDIT_MINUTES)

    def editable_now(self) -> bool:
        """Whether the 15-minute window for its author is still open."""
        return not self.is_removed and timezone.now() <= self.edit_deadline()

    def is_authored_by(self, user) -> bool:
        """Whether ``user`` (signed in) wrote this comment."""
        return bool(getattr(user, "is_authenticated", False) and self.user_id == user.pk)
