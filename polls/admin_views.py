"""Wagtail admin: a poll's results for editors, as a chart and as CSV."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .access import may_see_admin_results
from .exports import results_csv
from .models import Poll
from .results import tally


def _poll_for(request, poll_id):
    poll = get_object_or_404(Poll, pk=poll_id)
    if not may_see_admin_results(request.user, poll):
        raise PermissionDenied
    return poll


def forbidden(request):
    """A plain 403: Wagtail would turn PermissionDenied into a redirect to the admin home."""
    return permission_denied(request, PermissionDenied())


class PollResultsView(WagtailAdminTemplateMixin, TemplateView):
    """Counts and percentages per answer, whatever the poll shows readers."""

    page_title = _("Poll results")
    header_icon = "list-ul"
    template_name = "polls/admin/results.html"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.poll = _poll_for(request, kwargs["poll_id"])
        except PermissionDenied:
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.poll.question

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailsnippets_polls_poll:list"), "label": _("Polls")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            poll=self.poll,
            results=tally(self.poll),
            csv_url=reverse("polls_results_csv", args=[self.poll.pk]),
            edit_url=reverse("wagtailsnippets_polls_poll:edit", args=[self.poll.pk]),
        )
        return context


def results_csv_view(request, poll_id):
    try:
        poll = _poll_for(request, poll_id)
    except PermissionDenied:
        return forbidden(request)
    return results_csv(poll, tally(poll))
