"""Password reset that answers alike for every address, and cannot be used to mail-bomb anyone.

A reset request (``/login/passwort/`` and Wagtail's ``/admin/password_reset/``,
both through ``internal.forms.PasswordResetRequestForm``) only validates the
address, counts the rate limits and enqueues ``send_reset_link``. That is the
same work whether or not an account has the address, so neither the answer
nor its timing tells registered addresses apart. The task, run by a worker,
looks the address up and queues the mail in the durable outbox.

Limits: ``RATE_LIMITS["password_reset"]`` per email address and
``RATE_LIMITS["password_reset_address"]`` per client address.
"""

from functools import partial

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.tasks import task
from django.template import loader
from django.utils import translation

from core import ratelimit
from operations.mail import queue_mail, send_soon
from operations.net import client_ip


def allow(request, email: str) -> bool:
    """Count one reset request for this address and this client; False once either is over."""
    return ratelimit.allow(
        ("password_reset", "email:" + email.strip().lower(), ratelimit.limit_for("password_reset")),
        (
            "password_reset_address",
            "ip:" + client_ip(request),
            ratelimit.limit_for("password_reset_address"),
        ),
    )


def request_link(**arguments) -> None:
    """Enqueue ``send_reset_link`` once the request's transaction has committed."""
    transaction.on_commit(partial(send_reset_link.enqueue, **arguments), robust=True)


class _OutboxMailingForm(PasswordResetForm):
    """Django's reset mailing (users, tokens, templates), sending through the outbox."""

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


@task
def send_reset_link(
    *,
    email: str,
    domain: str,
    use_https: bool,
    language: str,
    subject_template_name: str,
    email_template_name: str,
    html_email_template_name: str | None = None,
    from_email: str | None = None,
) -> None:
    """Task: mail a reset link to each active account with this address (none: nothing).

    Returns nothing, so the task's stored result does not tell whether the
    address belongs to anyone.
    """
    form = _OutboxMailingForm(data={"email": email})
    if not form.is_valid():
        return
    with translation.override(language):
        form.save(
            domain_override=domain,
            use_https=use_https,
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            html_email_template_name=html_email_template_name,
            from_email=from_email,
            extra_email_context={"site_name": settings.WAGTAIL_SITE_NAME},
        )
