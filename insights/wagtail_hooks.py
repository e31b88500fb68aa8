"""The listening dashboard's place in the admin: a URL and a menu item for moderators."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .access import may_open_dashboard
from .views import ListeningDashboardView


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return may_open_dashboard(request.user)


@hooks.register("register_admin_urls")
def dashboard_urls():
    return [path("listening/", ListeningDashboardView.as_view(), name="insights_dashboard")]


@hooks.register("register_admin_menu_item")
def dashboard_menu_item():
    return DashboardMenuItem(
        _("Listening"),
        reverse("insights_dashboard"),
        name="insights-dashboard",
        icon_name="comment",
        order=460,
    )
