"""``{% poll_box poll %}``: a poll as the reader may see it (nothing for outsiders)."""

from django import template
from django.utils import timezone

from core.middleware import mark_private

from ..access import may_see_poll, results_visible
from ..results import options_with_counts, tally
from ..voting import has_voted, known_voter

register = template.Library()


@register.inclusion_tag("polls/includes/poll.html", takes_context=True)
def poll_box(context, poll):
    """Question, form or thanks, results and decision, following the poll's rules.

    Renders nothing when the reader may not see the poll (an internal poll
    for anyone but employees). Three queries: options with counts, and
    whether this reader voted (only if we can recognise them).
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or not may_see_poll(user, poll):
        return {"poll": None}
    voter = known_voter(request)
    if voter is not None:
        # What this reader sees depends on their own vote: no shared cache may keep it.
        mark_private(request)
    options = options_with_counts(poll.pk)
    voted = has_voted(poll.pk, voter)
    now = timezone.now()
    closed = poll.is_closed_at(now)
    show_results = results_visible(poll, has_voted=voted, now=now)
    return {
        "poll": poll,
        "options": options,
        "voted": voted,
        "closed": closed,
        "may_vote": not closed and not voted,
        "results": tally(poll, options) if show_results else None,
        "decision": poll.decision if closed and poll.decision.strip() else "",
        "next_url": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }
