"""Counting a poll's ballots: per option, with percentages of everyone who voted."""

from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from .models import Ballot, PollOption


@dataclass(frozen=True)
class OptionResult:
    option: PollOption
    votes: int
    percent: int

    @property
    def label(self) -> str:
        return self.option.label


@dataclass
class PollResults:
    """Counts per option; ``voters`` is the number of ballots.

    Percentages are of voters, so in a multiple-choice poll they may add up
    to more than 100.
    """

    voters: int = 0
    options: list[OptionResult] = field(default_factory=list)


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _ballot_count():
    return Coalesce(
        Subquery(
            Ballot.objects.filter(poll=OuterRef("poll"))
            .order_by()
            .values("poll")
            .annotate(total=Count("pk"))
            .values("total")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def options_with_counts(poll_id) -> list[PollOption]:
    """The poll's options in order, each with ``votes`` and ``voters`` (one query)."""
    return list(
        PollOption.objects.filter(poll_id=poll_id)
        .annotate(votes=Count("choices"), voters=_ballot_count())
        .order_by("sort_order", "pk")
    )


def tally(poll, options=None) -> PollResults:
    """The results of ``poll``; pass ``options_with_counts`` rows to skip the query."""
    options = options if options is not None else options_with_counts(poll.pk)
    voters = options[0].voters if options else 0
    return PollResults(
        voters=voters,
        options=[
            OptionResult(option=option, votes=option.votes, percent=percent(option.votes, voters))
            for option in options
        ],
    )
