"""``{% poll_box poll %}``: a poll as every reader of the page sees it (nothing for outsiders)."""

from django import template

from ..access import may_see_poll
from ..box import box_context

register = template.Library()


@register.inclusion_tag("polls/includes/poll.html", takes_context=True)
def poll_box(context, poll):
    """Question, vote form, and results where the poll's rules show them to everyone.

    Renders nothing when the reader may not see the poll (an internal poll
    for anyone but employees). Never this reader's own vote: that comes from
    ``/polls/<id>/mine/`` (see ``polls.box``), so the page stays shareable.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or not may_see_poll(user, poll):
        return {"poll": None}
    return {
        **box_context(request, poll),
        "next_url": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
