"""Polls: a question with 2-8 options, embedded in posts, and the ballots cast on it.

A ballot stores nothing personal beyond what stops a second vote: the
account for signed-in voters, or a keyed hash of a random per-browser id for
public readers (the id itself lives only in the reader's signed cookie).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

MIN_OPTIONS = 2
MAX_OPTIONS = 8


class PollForm(WagtailAdminModelForm):
    """The editor's form: refuses fewer than 2 or more than 8 answer options."""

    def clean(self):
        cleaned = super().clean()
        options = self.formsets.get("options") if hasattr(self, "formsets") else None
        if options is not None and options.is_valid():
            kept = [
                form
                for form in options.forms
                if form.cleaned_data
                and not form.cleaned_data.get("DELETE")
                and (form.cleaned_data.get("label") or "").strip()
            ]
            problem = options_problem(len(kept))
            if problem:
                raise ValidationError(problem)
        return cleaned


def options_problem(count: int) -> str | None:
    """Why ``count`` answer options are not allowed, or None if they are."""
    if count < MIN_OPTIONS:
        return _("A poll needs at least %(min)d answer options.") % {"min": MIN_OPTIONS}
    if count > MAX_OPTIONS:
        return _("A poll can have at most %(max)d answer options.") % {"max": MAX_OPTIONS}
    return None


class Poll(index.Indexed, ClusterableModel):
    """One question readers or colleagues answer, embeddable in any post.

    ``internal`` is stored on the poll itself, not inferred from the post it
    sits in: a poll chosen into a public post by mistake still never shows
    to, or accepts votes from, anyone who is not an employee.
    """

    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")

    class ResultsShown(models.TextChoices):
        AFTER_VOTING = "after_voting", _("After voting")
        AFTER_CLOSING = "after_closing", _("After the poll closed")
        NEVER = "never", _("Never (editors only)")

    question = models.CharField(_("question"), max_length=255)
    kind = models.CharField(_("answers"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    internal = models.BooleanField(
        _("employees only"),
        default=False,
        help_text=_("Only signed-in employees see and answer this poll, wherever it is embedded."),
    )
    closes_at = models.DateTimeField(_("closes at"))
    results_shown = models.CharField(
        _("results shown"),
        max_length=15,
        choices=ResultsShown.choices,
        default=ResultsShown.AFTER_VOTING,
    )
    decision = models.TextField(
        _("what we decided and why"),
        blank=True,
        max_length=3000,
        help_text=_("After the poll closed: shown under the results, so voters see the outcome."),
    )
    decided_at = models.DateTimeField(_("decision recorded"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    base_form_class = PollForm
    panels = [
        FieldPanel("question"),
        FieldPanel("kind"),
        InlinePanel(
            "options",
            label=_("Answer options"),
            min_num=MIN_OPTIONS,
            max_num=MAX_OPTIONS,
        ),
        MultiFieldPanel(
            [FieldPanel("internal"), FieldPanel("closes_at"), FieldPanel("results_shown")],
            _("Who and when"),
        ),
        MultiFieldPanel([FieldPanel("decision")], _("Decision")),
    ]
    search_fields = [index.SearchField("question"), index.AutocompleteField("question")]

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.question

    def clean(self):
        super().clean()
        if self.decision.strip() and not self.is_closed_at(timezone.now()):
            raise ValidationError({"decision": _("Record the decision once the poll has closed.")})

    def save(self, *args, **kwargs):
        if self.decision.strip() and self.decided_at is None:
            self.decided_at = timezone.now()
        elif not self.decision.strip():
            self.decided_at = None
        super().save(*args, **kwargs)

    def is_closed_at(self, moment) -> bool:
        return self.closes_at is not None and moment >= self.closes_at

    @property
    def is_closed(self) -> bool:
        return self.is_closed_at(timezone.now())

    @property
    def is_multiple(self) -> bool:
        return self.kind == self.Kind.MULTIPLE


class PollOption(Orderable):
    """One answer a voter may pick."""

    poll = ParentalKey(Poll, related_name="options", on_delete=models.CASCADE)
    label = models.CharField(_("answer"), max_length=200)

    panels = [FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")

    def __str__(self):
        return self.label


class Ballot(models.Model):
    """One voter's participation in one poll; its choices are ``BallotChoice`` rows.

    Exactly one of ``user`` (signed-in voters) or ``browser_hash`` (public
    readers) is set; a unique constraint on each makes a second ballot fail
    even when two requests race.
    """

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="ballots")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    browser_hash = models.CharField(
        _("browser fingerprint"),
        max_length=64,
        null=True,
        blank=True,
        help_text=_("A keyed hash of a random id in the voter's cookie; never the id itself."),
    )
    cast_at = models.DateTimeField(_("cast at"), default=timezone.now)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(fields=["poll", "user"], name="polls_one_ballot_per_account"),
            models.UniqueConstraint(
                fields=["poll", "browser_hash"], name="polls_one_ballot_per_browser"
            ),
            models.CheckConstraint(
                condition=models.Q(user__isnull=False, browser_hash__isnull=True)
                | models.Q(user__isnull=True, browser_hash__isnull=False),
                name="polls_ballot_has_one_voter",
            ),
        ]

    def __str__(self):
        return f"{self.poll_id} · {self.cast_at:%Y-%m-%d}"


class BallotChoice(models.Model):
    """One option picked on a ballot (several for multiple-choice polls)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="choices")

    class Meta:
        verbose_name = _("chosen answer")
        verbose_name_plural = _("chosen answers")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "option"], name="polls_choice_once")
        ]

    def __str__(self):
        return f"{self.ballot_id} → {self.option_id}"
