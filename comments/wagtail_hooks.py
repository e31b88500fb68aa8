"""The comments area of the Wagtail admin: the moderation queue, data requests, per-post switch.

The moderation queue (``comments.queue``) is the one place comments are
moderated: waiting comments, reports (its "Flagged by readers" tab and each
comment's page), spam, with every action written to the moderation log.
Each moderator sees only comments under pages inside their admin boundary
(``core.visibility.admin_visible``). The personal-data tool is a screen of
its own for holders of the data protection right; the open/closed switch
sits on each post's edit screen.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.widgets import Button

from . import admin_views
from .policy import is_moderator
from .queue.admin import ModerationPanel, ModerationQueueViewSet


class PersonalDataMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_handle_personal_data(request.user)


class PersonalDataViewSet(ViewSet):
    """Export or erase everything stored about one commenter's email address."""

    icon = "user"
    url_prefix = "comment-tools"
    menu_label = _("Commenter data")
    menu_order = 30
    menu_item_class = PersonalDataMenuItem

    def get_urlpatterns(self):
        return [
            path("", admin_views.personal_data, name="personal_data"),
            path("switch/<id:page_id>/", admin_views.switch, name="switch"),
        ]


class CommentsAdminGroup(ViewSetGroup):
    """One "Comments" entry in the admin menu for everything moderators do."""

    menu_label = _("Comments")
    menu_icon = "comment"
    menu_order = 250
    items = (
        ModerationQueueViewSet("comment_moderation"),
        PersonalDataViewSet("stimme_comments_admin"),
    )


@hooks.register("register_admin_viewset")
def register_comments_admin():
    return CommentsAdminGroup()


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request, panels):
    if is_moderator(request.user):
        panels.append(ModerationPanel(request.user))


@hooks.register("register_page_header_buttons")
def comment_switch_button(page, user, view_name, next_url=None):
    """ "Comments: open/closed" on every post's edit screen."""
    if not admin_views.may_switch(user, page):
        return []
    return [
        Button(
            _("Comments open or closed"),
            reverse("stimme_comments_admin:switch", args=[page.pk]),
            icon_name="comment",
            priority=60,
        )
    ]
