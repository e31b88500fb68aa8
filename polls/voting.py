"""Casting a ballot: once per account or browser, only while the poll is open."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Ballot, BallotChoice
from .voters import browser_hash, browser_id

ALREADY_VOTED = _("You have already voted in this poll.")
CLOSED = _("This poll is closed; votes are no longer counted.")
CHOOSE_ONE = _("Choose one answer.")
CHOOSE_SOME = _("Choose at least one answer.")
# Why a vote was not counted, by the short name the status page's address carries.
REFUSALS = {
    "already": ALREADY_VOTED,
    "closed": CLOSED,
    "choose-one": CHOOSE_ONE,
    "choose-some": CHOOSE_SOME,
}


class VoteRefused(ValueError):
    """A vote that is not counted; ``reason`` is a key of ``REFUSALS``, the message says why."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)

    def __str__(self):
        return str(REFUSALS[self.reason])


@dataclass(frozen=True)
class Voter:
    """Who is voting: an account, or a browser id (from the cookie, or new)."""

    user_id: int | None = None
    browser: str | None = None
    new_browser: bool = False


def ballot_filter(poll_id: int, voter: Voter) -> dict:
    if voter.user_id:
        return {"poll_id": poll_id, "user_id": voter.user_id}
    return {"poll_id": poll_id, "browser_hash": browser_hash(poll_id, voter.browser)}


def known_voter(request) -> Voter | None:
    """The voter behind ``request`` if we could recognise them, without creating an id."""
    user = getattr(request, "user", None)
    if getattr(user, "is_authenticated", False):
        return Voter(user_id=user.pk)
    browser = browser_id(request)
    return Voter(browser=browser) if browser else None


def chosen_option_ids(poll_id: int, voter: Voter | None) -> set[int] | None:
    """The options this voter chose in the poll, or None if they have not voted (one query)."""
    if voter is None:
        return None
    rows = list(
        Ballot.objects.filter(**ballot_filter(poll_id, voter)).values_list("choices__option_id")
    )
    if not rows:
        return None
    return {option_id for (option_id,) in rows if option_id is not None}


def chosen_options(poll, options, raw_ids: list[str]) -> list:
    """The poll's options matching the submitted ids; refuses empty or invalid choices."""
    by_id = {str(option.pk): option for option in options}
    picked = []
    for raw in raw_ids:
        option = by_id.get(str(raw).strip())
        if option is not None and option not in picked:
            picked.append(option)
    if len(picked) != len([raw for raw in raw_ids if raw]) or not picked:
        raise VoteRefused("choose-some" if poll.is_multiple else "choose-one")
    if not poll.is_multiple and len(picked) > 1:
        raise VoteRefused("choose-one")
    return picked


def cast(poll, options, voter: Voter, raw_ids: list[str], now=None) -> Ballot:
    """Record one ballot; raises ``VoteRefused`` when closed, invalid or a second vote."""
    now = now or timezone.now()
    if poll.is_closed_at(now):
        raise VoteRefused("closed")
    picked = chosen_options(poll, options, raw_ids)
    identity = ballot_filter(poll.pk, voter)
    try:
        # The unique constraints decide a race between two tabs; a savepoint
        # keeps the surrounding request transaction usable if we lose it.
        with transaction.atomic():
            ballot = Ballot.objects.create(cast_at=now, **identity)
            BallotChoice.objects.bulk_create(
                [BallotChoice(ballot=ballot, option=option) for option in picked]
            )
    except IntegrityError as error:
        raise VoteRefused("already") from error
    return ballot
