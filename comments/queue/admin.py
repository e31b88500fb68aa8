"""The queue in the Wagtail admin: its viewset, the menu item's live count, the home panel."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.base import ViewSet

from ..policy import is_moderator
from . import queries, views


class ModerationMenuItem(MenuItem):
    """ "Moderation queue (12)": the number of comments waiting, live on every admin page."""

    def is_shown(self, request):
        return is_moderator(request.user)

    def render_component(self, request):
        component = super().render_component(request)
        count = queries.waiting_count(request.user)
        if count:
            component.label = f"{self.label} ({count})"
        return component


class ModerationQueueViewSet(ViewSet):
    icon = "comment"
    url_prefix = "comment-moderation"
    menu_label = _("Moderation queue")
    menu_order = 5
    menu_item_class = ModerationMenuItem

    def get_urlpatterns(self):
        return [
            path("", views.index, name="index"),
            path("<id:comment_id>/", views.detail, name="detail"),
            path("<id:comment_id>/reply/", views.reply, name="reply"),
        ]


class ModerationPanel(Component):
    """On the admin home: waiting, flagged, and readers still without an answer after 48 h."""

    name = "comment_moderation"
    order = 110
    template_name = "stimme_comments/admin/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        unanswered = queries.unanswered(self.user)
        return {
            "counts": queries.tab_counts(self.user),
            "unanswered_count": unanswered.count(),
            "unanswered": list(queries.for_listing(unanswered).order_by("submit_date")[:5]),
            "hours": queries.UNANSWERED_HOURS,
            "queue_url": reverse("comment_moderation:index"),
        }
