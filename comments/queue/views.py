"""The moderation queue's admin views: the list with tabs, filters and bulk actions; one comment.

Every view answers 403 (a real one, not Wagtail's redirect) to anyone who
may not moderate, and every comment is looked up through
``queries.comments_for`` so internal comments stay with employees.
"""

import re
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..models import CommunityGuideline
from ..policy import is_moderator
from ..text import normalise
from . import actions, queries

PER_PAGE = 50
# Ids fit a 64-bit column: longer digit strings would overflow SQLite's integers.
_ID = re.compile(r"[0-9]{1,18}")
FILTERS = ("post", "audience", "email", "date_from", "date_to", "q")
# Where a moderator was in the list: carried to the detail page and back again.
LIST_STATE = (*FILTERS, "tab", "p")
# One click on a row: the actions a row offers as buttons ("approve:123").
ROW_ACTIONS = ("approve", "reject", "spam")


def forbidden(request):
    return TemplateResponse(request, "stimme_comments/admin/forbidden.html", {}, status=403)


def moderators_only(view):
    def wrapped(request, *args, **kwargs):
        if not is_moderator(request.user):
            return forbidden(request)
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _guidelines():
    return list(CommunityGuideline.objects.select_related("page").order_by("page_id", "sort_order"))


def _list_state(data) -> dict:
    """The tab, filters and page a moderator came from (from a GET or POST QueryDict)."""
    return {key: data.get(key) for key in LIST_STATE if data.get(key)}


def _back_to_list(request):
    query = _list_state(request.POST)
    url = reverse("comment_moderation:index")
    return redirect(f"{url}?{urlencode(query)}" if query else url)


@moderators_only
@require_http_methods(["GET", "POST"])
def index(request):
    """Tabs (waiting, flagged, spam, recent, refused), filters, search, 50 per page."""
    if request.method == "POST":
        if "row_action" in request.POST:
            _row_action(request)
        else:
            _bulk(request)
        return _back_to_list(request)
    tab = request.GET.get("tab") or "waiting"
    if tab not in (*queries.TABS, "refused"):
        tab = "waiting"
    params = {key: request.GET.get(key, "") for key in FILTERS}
    if tab == "refused":
        rows = queries.refusals_for(request.user)
    else:
        rows = queries.for_listing(
            queries.filtered(queries.in_tab(queries.comments_for(request.user), tab), params)
        )
    guidelines = _guidelines()
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("p"))
    filter_query = urlencode({key: value for key, value in params.items() if value})
    state = {"tab": tab, **{key: value for key, value in params.items() if value}}
    if page.number > 1:
        state["p"] = page.number
    return TemplateResponse(
        request,
        "stimme_comments/admin/queue.html",
        {
            "tab": tab,
            "tabs": list(queries.TABS.items()),
            "counts": queries.tab_counts(request.user),
            "page_obj": page,
            "params": params,
            "filter_query": filter_query,
            "filters_active": bool(filter_query),
            "list_query": urlencode(state),
            "row_labels": {name: actions.ACTIONS[name] for name in ROW_ACTIONS},
            "default_guideline": guidelines[0].pk if guidelines else None,
            "posts": list(queries.commented_posts(request.user)),
            "guidelines": guidelines,
            "actions": list(actions.ACTIONS.items()),
        },
    )


def _id(value) -> int | None:
    """A database id from a form value; None for anything else (``²``, 30 digits, NUL)."""
    value = str(value or "")
    return int(value) if _ID.fullmatch(value) else None


def _selected(request, ids):
    ids = [pk for pk in map(_id, ids) if pk is not None]
    return list(queries.comments_for(request.user).filter(pk__in=ids))


def _run(request, name, comments, guideline_id=None):
    guideline = None
    if name == "reject" and guideline_id is not None:
        guideline = CommunityGuideline.objects.filter(pk=guideline_id).first()
    try:
        count = actions.run(
            name,
            comments,
            request.user,
            reason=normalise(request.POST.get("reason", "")),
            guideline=guideline,
            request=request,
        )
    except actions.ActionError as error:
        messages.error(request, str(error))
        return 0
    messages.success(
        request,
        _("%(action)s: %(count)d comments.") % {"action": actions.ACTIONS[name], "count": count},
    )
    return count


def _bulk(request):
    name = request.POST.get("action", "")
    if name not in actions.ACTIONS:
        messages.error(request, _("Choose an action."))
        return
    guideline_id = _id(request.POST.get("guideline"))
    _run(request, name, _selected(request, request.POST.getlist("ids")), guideline_id)


def _row_action(request):
    """One button of one row (``approve:12``, ``reject:12:3``): that comment only.

    Whatever else is ticked stays as it is. The comment is looked up through
    the moderator's boundary like any selection: a hidden one is simply not
    found, and nothing happens.
    """
    name, _sep, rest = request.POST.get("row_action", "").partition(":")
    value, _sep, guideline = rest.partition(":")
    pk = _id(value)
    if name not in ROW_ACTIONS or pk is None:
        messages.error(request, _("Choose an action."))
        return
    _run(request, name, _selected(request, [pk]), _id(guideline))


def _comment_or_404(request, comment_id):
    comment = queries.for_listing(queries.comments_for(request.user).filter(pk=comment_id)).first()
    if comment is None:
        raise Http404
    return comment


@moderators_only
@require_http_methods(["GET", "POST"])
def detail(request, comment_id):
    """One comment: its text, the automatic and manual decisions (audit log), actions, reply."""
    comment = _comment_or_404(request, comment_id)
    if request.method == "POST":
        name = request.POST.get("action", "")
        if name in actions.ACTIONS:
            _run(request, name, [comment], _id(request.POST.get("guideline")))
        else:
            messages.error(request, _("Choose an action."))
        url = reverse("comment_moderation:detail", args=[comment.pk])
        query = urlencode(_list_state(request.POST))
        return redirect(f"{url}?{query}" if query else url)
    return _detail_page(request, comment)


def _detail_page(request, comment, reply_text: str = "", status: int = 200):
    """One comment with its reports, actions, company-reply form and moderation log."""
    state = _list_state(request.POST if request.method == "POST" else request.GET)
    return TemplateResponse(
        request,
        "stimme_comments/admin/queue_detail.html",
        {
            "comment": comment,
            "log": comment.moderation_log.select_related("actor", "guideline"),
            "reports": comment.reports.all(),
            "guidelines": _guidelines(),
            "actions": list(actions.ACTIONS.items()),
            "reply_text": reply_text,
            "list_state": state,
            "list_query": urlencode(state),
        },
        status=status,
    )


@moderators_only
@require_POST
def reply(request, comment_id):
    """Answer as the company, then back to the queue where the moderator left it.

    The reply is the official answer in its thread; the moderator carries on
    with the next comment rather than looking at their own answer.
    """
    comment = _comment_or_404(request, comment_id)
    try:
        actions.reply_as_company(
            comment, request.user, normalise(request.POST.get("text", "")), request
        )
    except actions.ActionError as error:
        messages.error(request, str(error))
        # Keep the text: show the page again with it filled in.
        return _detail_page(request, comment, request.POST.get("text", ""), status=400)
    messages.success(
        request,
        _("Your answer to %(name)s is published as the official answer.")
        % {"name": comment.display_name},
    )
    return _back_to_list(request)
