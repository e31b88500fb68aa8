"""Admin integration: read-confirmation reports, and private caching of internal pages."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from core.middleware import mark_private
from core.visibility import is_employee

from .models import InternalIndexPage, InternalPostPage
from .views import reports


@hooks.register("on_serve_page", order=-100)
def keep_internal_pages_private(callback):
    """Internal pages: private caching always; outsiders go to our login page or get a 404.

    Runs before Wagtail's own view-restriction check, which would send
    readers to Wagtail's plain login page, and would send a signed-in
    non-employee round in circles between the page and the login.
    """

    def inner(page, request, serve_args, serve_kwargs):
        if isinstance(page, InternalIndexPage | InternalPostPage):
            mark_private(request)
            if not request.user.is_authenticated:
                response = redirect_to_login(request.get_full_path())
                add_never_cache_headers(response)
                return response
            if not is_employee(request.user):
                raise Http404
        return callback(page, request, serve_args, serve_kwargs)

    return inner


@hooks.register("register_admin_urls")
def acknowledgement_urls():
    return [
        path(
            "intern/lesebestaetigungen/",
            reports.AcknowledgementIndexView.as_view(),
            name="internal_acknowledgement_index",
        ),
        path(
            "intern/lesebestaetigungen/<id:page_id>/",
            reports.AcknowledgementReportView.as_view(),
            name="internal_acknowledgements",
        ),
        path(
            "intern/lesebestaetigungen/<id:page_id>/csv/",
            reports.acknowledgement_csv,
            name="internal_acknowledgements_csv",
        ),
    ]


class EditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return reports.may_see_reports(request.user)


@hooks.register("register_admin_menu_item")
def acknowledgement_menu_item():
    return EditorsMenuItem(
        _("Read confirmations"),
        reverse("internal_acknowledgement_index"),
        name="internal-acknowledgements",
        icon_name="tasks",
        order=450,
    )


def _report_button(page, user, priority):
    if page.specific_class is not InternalPostPage:
        return
    page = page.specific_deferred
    if page.must_read and reports.may_see_reports(user, page):
        yield Button(
            _("Read confirmations"),
            reverse("internal_acknowledgements", args=[page.pk]),
            icon_name="tasks",
            priority=priority,
        )


@hooks.register("register_page_header_buttons")
def acknowledgement_header_button(page, user, view_name=None, next_url=None):
    yield from _report_button(page, user, priority=40)


@hooks.register("register_page_listing_more_buttons")
def acknowledgement_listing_button(page, user, next_url=None):
    yield from _report_button(page, user, priority=45)
