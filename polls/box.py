"""What a poll box shows: the same for every reader in a page, the voter's own on request.

The box in a post page is what everyone shares (question, vote form, results
only where the poll's rules show them to everybody), so the page cache and
any shared HTTP cache may serve it. What one voter did (their answer, the
results they may now see, the outcome of their vote) is rendered by
``views.mine``, an uncached answer a script puts into the box, or, without
JavaScript, the page a vote lands on.
"""

from django.utils import timezone

from .access import results_visible
from .results import options_with_counts, tally
from .voting import chosen_option_ids


def box_context(request, poll, voter=None, *, mine: bool = False) -> dict:
    """The template context of ``polls/includes/poll.html``.

    ``mine`` renders ``voter``'s own state (``voter`` may be None: a reader
    we do not recognise, who has not voted); otherwise the box every reader
    shares. Two queries: options with counts, and the voter's own answers.
    """
    options = options_with_counts(poll.pk)
    chosen = chosen_option_ids(poll.pk, voter) if mine else None
    voted = chosen is not None
    now = timezone.now()
    closed = poll.is_closed_at(now)
    results = tally(poll, options) if results_visible(poll, has_voted=voted, now=now) else None
    return {
        "poll": poll,
        "mine": mine,
        "options": options,
        "voted": voted,
        "your_answers": [option.label for option in options if voted and option.pk in chosen],
        "chosen": chosen or set(),
        "outcome": "",
        "closed": closed,
        "may_vote": not closed and not voted,
        "results": results,
        "decision": poll.decision if closed and poll.decision.strip() else "",
        "request": request,
    }
