"""Staff login and logout in the site's design, with throttling; password reset by email."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from wagtail.admin.views.account import LogoutView as WagtailLogoutView

from core.middleware import mark_private
from core.visibility import is_employee

from ..forms import PasswordResetRequestForm, ThrottledLoginForm
from ..models import InternalIndexPage


def internal_home_url() -> str | None:
    """URL of the internal home, if one is published."""
    index = InternalIndexPage.objects.live().first()
    return index.url if index else None


@method_decorator(never_cache, name="dispatch")
class StaffLoginView(auth_views.LoginView):
    """``/login/``: throttled per (account, address); employees land on the internal home."""

    form_class = ThrottledLoginForm
    template_name = "internal/login.html"
    redirect_authenticated_user = True

    def dispatch(self, request, *args, **kwargs):
        mark_private(request)
        return super().dispatch(request, *args, **kwargs)

    def get_default_redirect_url(self):
        if is_employee(self.request.user):
            return internal_home_url() or super().get_default_redirect_url()
        return super().get_default_redirect_url()


class StaffLogoutView(auth_views.LogoutView):
    """``/logout/`` (POST only): back to the public home page."""

    next_page = "/"


class AdminLogoutView(WagtailLogoutView):
    """``/admin/logout/``: Wagtail's logout, but only a POST signs out.

    Wagtail's view answers a GET with 405 and still deletes the session
    cookie in ``dispatch``, so any link or image pointing here signed an
    editor out. Other methods are refused before Wagtail's code runs.
    """

    def dispatch(self, request, *args, **kwargs):
        if request.method != "POST":
            handler = self.options if request.method == "OPTIONS" else self.http_method_not_allowed
            return handler(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)


@method_decorator(never_cache, name="dispatch")
class StaffPasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link by email; the answer is the same whether the address exists.

    Over a rate limit (per address or per client) the form comes back with
    HTTP 429, for known and unknown addresses alike.
    """

    form_class = PasswordResetRequestForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    html_email_template_name = "registration/password_reset_email.html"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.refused:
            form.add_error(
                "email",
                _("Too many requests for a new password. Please try again in an hour."),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return response


class StaffPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")


password_reset_done = never_cache(
    auth_views.PasswordResetDoneView.as_view(template_name="registration/password_reset_done.html")
)
password_reset_complete = never_cache(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="registration/password_reset_complete.html"
    )
)
