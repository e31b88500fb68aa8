"""The vote (a plain POST form, works without JavaScript) and the voter's own state.

Neither is ever cached: the vote lands on ``mine``, which shows this voter
their answer, the results they may see and the outcome, with a link back to
the post. A post page's script asks ``mine`` for the same box as a fragment.
"""

from urllib.parse import urlencode

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core.middleware import mark_private

from .access import may_see_poll
from .box import box_context
from .models import Poll
from .results import options_with_counts
from .voters import flooded, new_browser_id, remember_browser
from .voting import REFUSALS, Voter, VoteRefused, cast, known_voter

COUNTED = _("Thank you, your vote has been counted.")
# The only texts the status page's address can ask for: nobody can make it say anything else.
OUTCOMES = {"counted": COUNTED, **REFUSALS}
# Sent by static/js/polls.js: the box alone, to put into the post page.
FRAGMENT_HEADER = "X-Poll-Fragment"


def local_path(target: str, request) -> str:
    """``target`` if it is a path on this site (no fragment), else the home page."""
    # Control characters (a NUL, say) have no place in a link on the status page.
    if not target.startswith("/") or not target.isprintable():
        return "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return "/"
    return target.split("#", 1)[0]


def _visible_poll(request, poll_id: int) -> Poll:
    poll = get_object_or_404(Poll, pk=poll_id)
    if not may_see_poll(request.user, poll):
        # The same answer as for a poll that does not exist: nothing to probe.
        raise Http404
    return poll


@require_POST
def vote(request, poll_id: int):
    """Count one ballot, then show the outcome on ``mine`` (CSRF-protected like every POST)."""
    mark_private(request)
    poll = _visible_poll(request, poll_id)
    voter = known_voter(request)
    if voter is None:
        voter = Voter(browser=new_browser_id(), new_browser=True)
    if voter.user_id is None and flooded(request, poll.pk):
        return render(request, "polls/too_many_votes.html", {"poll": poll}, status=429)
    try:
        cast(poll, options_with_counts(poll.pk), voter, request.POST.getlist("option"))
    except VoteRefused as refusal:
        outcome = refusal.reason
    else:
        outcome = "counted"
    post_url = local_path(request.POST.get("next", ""), request)
    query = urlencode({"outcome": outcome, "next": post_url})
    response = HttpResponseRedirect(f"{reverse('polls:mine', args=[poll.pk])}?{query}")
    if outcome == "counted" and voter.new_browser:
        remember_browser(response, request, voter.browser)
    return response


@never_cache
@require_GET
def mine(request, poll_id: int):
    """This reader's own state in one poll: a fragment for the script, or a page without it."""
    mark_private(request)
    poll = _visible_poll(request, poll_id)
    context = box_context(request, poll, known_voter(request), mine=True)
    outcome = request.GET.get("outcome", "")
    if outcome in OUTCOMES and (outcome != "counted" or context["voted"]):
        context["outcome"] = OUTCOMES[outcome]
    post_url = local_path(request.GET.get("next", ""), request)
    context["next_url"] = post_url
    if request.headers.get(FRAGMENT_HEADER):
        response = render(request, "polls/includes/poll.html", context)
    else:
        context["back_url"] = f"{post_url}#poll-{poll.pk}"
        response = render(request, "polls/mine.html", context)
    patch_vary_headers(response, [FRAGMENT_HEADER])
    return response
