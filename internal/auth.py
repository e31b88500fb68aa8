"""Login throttling for every login form of the site (ours, Wagtail's admin and its frontend login).

* ``ThrottledModelBackend`` refuses a locked (account, address) pair before
  any password is checked. ``settings.base`` sets
  ``AUTHENTICATION_BACKENDS = ["internal.auth.ThrottledModelBackend"]``, so
  every form that calls ``authenticate()`` honours the lock.
* Failures are counted from Django's ``user_login_failed`` signal, so every
  form that calls ``authenticate()`` counts, and successes clear the count.

The staff login page (``ThrottledLoginForm``) checks the lock itself too, to
tell the reader until when it holds.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied

from asgiref.sync import sync_to_async

from . import throttle


class ThrottledModelBackend(ModelBackend):
    """Django's model backend, refusing logins for a locked (account, address) pair."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None:
            name = username if username is not None else kwargs.get("username", "")
            if throttle.locked_until(name or "", throttle.request_ip(request)):
                raise PermissionDenied("login temporarily locked")
        return super().authenticate(request, username=username, password=password, **kwargs)

    async def aauthenticate(self, request, username=None, password=None, **kwargs):
        # ModelBackend's async path does not call authenticate(): check the lock here too.
        return await sync_to_async(self.authenticate)(
            request, username=username, password=password, **kwargs
        )


def _failed(sender, credentials, request=None, **kwargs):
    if request is None:
        return  # not a login form (e.g. a script calling authenticate())
    throttle.record_failure(credentials.get("username", ""), throttle.request_ip(request))


def _logged_in(sender, request, user, **kwargs):
    if request is not None:
        throttle.record_success(user.get_username(), throttle.request_ip(request))


def connect() -> None:
    user_login_failed.connect(_failed, dispatch_uid="internal-login-failed")
    user_logged_in.connect(_logged_in, dispatch_uid="internal-logged-in")
