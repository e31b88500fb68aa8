"""Forms of the staff area: throttled login, rate-limited password reset, settings."""

from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from core.site_address import base_url

from . import password_reset, throttle
from .models import NotificationPreference


class ThrottledLoginForm(AuthenticationForm):
    """Django's login form, refusing a locked (account, address) pair before checking passwords.

    Failures are counted by ``internal.auth`` (from Django's login-failed
    signal). The lockout message is the same whether or not the account
    exists, so it tells an attacker nothing about account names.
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _(
            "Too many failed attempts. For your security, logging in with this account "
            "from here is paused until %(time)s. You can reset your password meanwhile."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        ip = throttle.request_ip(self.request) if self.request else None
        if until := throttle.locked_until(username, ip):
            raise self._locked_error(until)
        try:
            return super().clean()
        except forms.ValidationError:
            if until := throttle.locked_until(username, ip):
                raise self._locked_error(until) from None
            raise

    def _locked_error(self, until) -> forms.ValidationError:
        return forms.ValidationError(
            self.error_messages["locked"],
            code="locked",
            params={"time": formats.time_format(timezone.localtime(until), "H:i")},
        )


class PasswordResetRequestForm(WagtailPasswordResetForm):
    """The reset form of ``/login/passwort/`` and of Wagtail's ``/admin/password_reset/``.

    ``save()`` never looks the address up: it counts the rate limits and
    hands the address to a task (``internal.password_reset``), the same work
    for every address. It returns False, and sets ``refused``, when a limit
    turned the request away; Wagtail's view ignores that and answers as
    always, ours says so. Links point at the Wagtail site's address (not
    ``django.contrib.sites``' placeholder domain).
    """

    refused = False

    def save(
        self,
        domain_override=None,
        subject_template_name="registration/password_reset_subject.txt",
        email_template_name="registration/password_reset_email.html",
        use_https=False,
        token_generator=None,
        from_email=None,
        request=None,
        html_email_template_name=None,
        extra_email_context=None,
    ) -> bool:
        email = self.cleaned_data["email"]
        if request is not None and not password_reset.allow(request, email):
            self.refused = True
            return False
        if domain_override is None and request is not None:
            root = urlsplit(base_url())
            domain_override = root.netloc
            use_https = root.scheme == "https"
        password_reset.request_link(
            email=email,
            domain=domain_override or "",
            use_https=bool(use_https),
            language=translation.get_language() or settings.LANGUAGE_CODE,
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            html_email_template_name=html_email_template_name,
            from_email=from_email,
        )
        return True


class NotificationSettingsForm(forms.ModelForm):
    """How often an employee hears about new internal posts."""

    class Meta:
        model = NotificationPreference
        fields = ["frequency"]
        widgets = {"frequency": forms.RadioSelect}
        labels = {"frequency": _("Email me about new internal posts")}
        help_texts = {
            "frequency": _("Must-reads always arrive right away, because they ask you to confirm.")
        }
