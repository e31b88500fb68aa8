"""Forms of the staff area: throttled login, password reset via the outbox, settings."""

from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template import loader
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core.mail import queue_mail, send_soon
from core.seo import site_root_url

from . import throttle
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


class OutboxPasswordResetForm(PasswordResetForm):
    """Password reset whose mail goes through the durable outbox (survives SMTP outages).

    Links point at the Wagtail site's address (not ``django.contrib.sites``'
    placeholder domain).
    """

    def save(self, domain_override=None, request=None, **kwargs):
        if domain_override is None and request is not None:
            root = urlsplit(site_root_url(request))
            domain_override = root.netloc
            kwargs["use_https"] = root.scheme == "https"
        kwargs["extra_email_context"] = {
            "site_name": settings.WAGTAIL_SITE_NAME,
            **(kwargs.get("extra_email_context") or {}),
        }
        return super().save(domain_override=domain_override, request=request, **kwargs)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        text = loader.render_to_string(email_template_name, context)
        html = (
            loader.render_to_string(html_email_template_name, context)
            if html_email_template_name
            else ""
        )
        queue_mail(to=to_email, subject=subject, text=text, html=html, from_email=from_email or "")
        send_soon()


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
