"""Break-glass: with the company sign-in on, passwords only for the named emergency accounts.

``LOCAL_LOGIN_ONLY_FOR`` (usernames) switches local password login off for
everyone else, at every door at once: the check is an authentication backend
ahead of the password backend, so the site's form, the admin's form and any
crafted POST meet the same refusal. Empty: passwords work for everyone.
"""

from django.conf import settings
from django.contrib.auth.backends import BaseBackend, ModelBackend
from django.core.exceptions import PermissionDenied

from .backend import sso_enabled

REFUSED_ATTR = "identity_local_login_refused"


def restricted() -> bool:
    return sso_enabled() and bool(settings.LOCAL_LOGIN_ONLY_FOR)


def allowed(username: str) -> bool:
    if not restricted():
        return True
    return username.casefold() in {name.casefold() for name in settings.LOCAL_LOGIN_ONLY_FOR}


def offered(request) -> bool:
    """Show the password form: always, or on the emergency link (``?local=1``)."""
    return not restricted() or request.GET.get("local") == "1" or request.method == "POST"


class LocalLoginPolicy(BaseBackend):
    """Refuses a password for accounts outside the break-glass list; authenticates nobody."""

    # No **kwargs: Django then skips this backend for the company sign-in's own call.
    def authenticate(self, request, username=None, password=None):
        if password is None or username is None or allowed(username):
            return None
        if request is not None:
            setattr(request, REFUSED_ATTR, True)
        raise PermissionDenied("local login is for the break-glass accounts only")

    def get_user(self, user_id):
        # First in the list, so ``force_login`` without a backend names this one.
        return ModelBackend().get_user(user_id)
