"""Wagtail admin views: read confirmations of must-reads, per post, with CSV export."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.visibility import EDITORS_GROUP, admin_visible

from ..audience import audience_users
from ..models import Acknowledgement, InternalPostPage
from ..reports import build_report, report_csv


def may_see_reports(user, page=None) -> bool:
    """Editors, superusers and whoever may publish the post see who confirmed it."""
    if not user.is_active:
        return False
    if user.is_superuser or user.groups.filter(name=EDITORS_GROUP).exists():
        return True
    return page is not None and page.permissions_for_user(user).can_publish()


class AcknowledgementIndexView(WagtailAdminTemplateMixin, TemplateView):
    """Every must-read with its confirmation count for the current version."""

    page_title = _("Read confirmations")
    header_icon = "tasks"
    template_name = "internal/admin/acknowledgement_index.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = []
        # Confidential must-reads only for those inside their boundary (core.visibility).
        posts = admin_visible(
            InternalPostPage.objects.filter(must_read=True), self.request.user
        ).order_by("-date")
        for post in posts:
            confirmed = Acknowledgement.objects.filter(
                post=post, version=post.acknowledgement_version, user__in=audience_users(post)
            ).count()
            rows.append(
                {
                    "post": post,
                    "audience": audience_users(post).count(),
                    "confirmed": confirmed,
                    "url": reverse("internal_acknowledgements", args=[post.pk]),
                }
            )
        context["rows"] = rows
        return context


class AcknowledgementReportView(WagtailAdminTemplateMixin, TemplateView):
    """Who in the audience has and has not confirmed one must-read, by department."""

    header_icon = "tasks"
    template_name = "internal/admin/acknowledgement_report.html"

    def dispatch(self, request, page_id, *args, **kwargs):
        self.post = get_object_or_404(InternalPostPage, pk=page_id)
        if not may_see_reports(request.user, self.post):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Read confirmations")

    def get_page_subtitle(self):
        return self.post.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("internal_acknowledgement_index"), "label": _("Read confirmations")},
            {"url": "", "label": self.post.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            report=build_report(self.post),
            post=self.post,
            csv_url=reverse("internal_acknowledgements_csv", args=[self.post.pk]),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.post.pk]),
        )
        return context


def acknowledgement_csv(request, page_id: int):
    """The report of one must-read as a CSV download."""
    post = get_object_or_404(InternalPostPage, pk=page_id)
    if not may_see_reports(request.user, post):
        raise PermissionDenied
    return report_csv(build_report(post))
