"""Polls in the Wagtail admin: the snippet, its results page and CSV export."""

from django.db.models import Count
from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import PollResultsView, results_csv_view
from .closing import closing_text
from .models import Poll


class PollViewSet(SnippetViewSet):
    model = Poll
    icon = "list-ul"
    menu_label = _("Polls")
    menu_order = 260
    add_to_admin_menu = True
    list_display = [
        TitleColumn("question", label=_("question"), url_name="wagtailsnippets_polls_poll:edit"),
        BooleanColumn("internal", label=_("employees only")),
        Column(
            "closes_at",
            label=_("closes at"),
            accessor=lambda poll: closing_text(poll.closes_at),
            sort_key="closes_at",
        ),
        Column("votes", label=_("votes")),
        TitleColumn(
            "results",
            label=_("results"),
            url_name="polls_results",
            accessor=lambda poll: _("Results and CSV"),
        ),
    ]
    list_filter = ["internal", "kind"]

    def get_queryset(self, request):
        # Votes per poll in the listing query itself, not one query per row.
        return Poll.objects.annotate(votes=Count("ballots"))


register_snippet(PollViewSet)


@hooks.register("register_admin_urls")
def poll_result_urls():
    return [
        path("polls/<id:poll_id>/results/", PollResultsView.as_view(), name="polls_results"),
        path("polls/<id:poll_id>/results.csv", results_csv_view, name="polls_results_csv"),
    ]
