from django import template

from ..backend import sso_enabled

register = template.Library()


@register.inclusion_tag("identity/sso_button.html", takes_context=True)
def sso_button(context, next_url=""):
    """The "Mit Firmenkonto anmelden" button; nothing while no provider is configured."""
    return {
        "sso_enabled": sso_enabled(),
        "next": next_url,
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }
