"""The listening dashboard in the Wagtail admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .access import may_open_dashboard
from .figures import (
    DEFAULT_DAYS,
    PERIOD_CHOICES,
    Period,
    PeriodError,
    answer_figures,
    period_from_params,
    reach_figures,
)
from .presentation import charts, duration


class ListeningDashboardView(WagtailAdminTemplateMixin, TemplateView):
    """For a chosen period: comments received and answered, answer times, reach of must-reads."""

    page_title = _("Listening")
    header_icon = "comment"
    template_name = "insights/admin/dashboard.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_open_dashboard(request.user):
            # A real 403; Wagtail would turn PermissionDenied into a redirect.
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            period = period_from_params(self.request.GET)
        except PeriodError as error:
            messages.error(self.request, str(error))
            period = Period.last_days(DEFAULT_DAYS)
        answers = answer_figures(period)
        reach = reach_figures(period, self.request.user)
        context.update(
            period=period,
            period_choices=PERIOD_CHOICES,
            chosen_days=self.request.GET.get("days", ""),
            answers=answers,
            median_time=duration(answers.median_time),
            p90_time=duration(answers.p90_time),
            reach=reach,
            charts=charts(answers, reach),
        )
        return context
