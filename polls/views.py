"""The vote: a plain POST form (works without JavaScript), redirecting back to the post."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.middleware import mark_private

from .access import may_see_poll
from .models import Poll
from .results import options_with_counts
from .voters import flooded, new_browser_id, remember_browser
from .voting import Voter, VoteRefused, cast, known_voter


def back_to_post(request, poll) -> str:
    """The post the vote came from (a local path only), scrolled to the poll."""
    target = request.POST.get("next", "")
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    return f"{target.split('#', 1)[0]}#poll-{poll.pk}"


@require_POST
def vote(request, poll_id: int):
    """Count one ballot; CSRF-protected by Django's middleware like every POST."""
    mark_private(request)
    poll = get_object_or_404(Poll, pk=poll_id)
    if not may_see_poll(request.user, poll):
        # The same answer as for a poll that does not exist: nothing to probe.
        raise Http404
    voter = known_voter(request)
    if voter is None:
        voter = Voter(browser=new_browser_id(), new_browser=True)
    if voter.user_id is None and flooded(request, poll.pk):
        return render(request, "polls/too_many_votes.html", {"poll": poll}, status=429)
    response = HttpResponseRedirect(back_to_post(request, poll))
    try:
        cast(poll, options_with_counts(poll.pk), voter, request.POST.getlist("option"))
    except VoteRefused as refusal:
        messages.error(request, str(refusal))
        return response
    messages.success(request, _("Thank you, your vote has been counted."))
    if voter.new_browser:
        remember_browser(response, request, voter.browser)
    return response
