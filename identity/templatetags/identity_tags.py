from django import template

from ..backend import sso_enabled
from ..local_login import offered

register = template.Library()


@register.inclusion_tag("identity/sso_button.html", takes_context=True)
def sso_button(context, next_url=""):
    """The "Mit Firmenkonto anmelden" button; nothing while no provider is configured."""
    return {
        "sso_enabled": sso_enabled(),
        "local_offered": context.get("request") is None or offered(context["request"]),
        "next": next_url,
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }


@register.simple_tag(takes_context=True)
def local_login_offered(context) -> bool:
    """The password form: off with ``LOCAL_LOGIN_ONLY_FOR`` unless asked for (``?local=1``)."""
    request = context.get("request")
    return request is None or offered(request)
