"""Sign-in with the company account: social-core's views behind clear error pages.

Whatever goes wrong with the provider (down, slow, a tampered or replayed
answer) ends on a page that says so, with a link to the local login for
break-glass accounts, never on a 500.
"""

import logging
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

import requests
from social_core.exceptions import SocialAuthBaseException
from social_django import views as social_views

from core.middleware import mark_private
from core.visibility import is_employee
from internal.views.accounts import internal_home_url

from .backend import CompanyOpenIdConnect, sso_enabled

logger = logging.getLogger(__name__)


def _problem(request, message: str, status: int):
    mark_private(request)
    return render(request, "identity/problem.html", {"message": message}, status=status)


# social-core's codes for a provider that is down, slow or failing.
_UNREACHABLE = {"connection_failed", "timeout", "tls_error", "rate_limited", "unavailable"}


def _unreachable(request):
    message = _(
        "The company sign-in service cannot be reached right now. Please try again in a few "
        "minutes."
    )
    return _problem(request, message, 503)


def _refused(request):
    message = _("The sign-in with your company account could not be completed. Please start again.")
    return _problem(request, message, 400)


def _guarded(view):
    @wraps(view)
    def guarded(request, backend):
        if not sso_enabled() or backend != CompanyOpenIdConnect.name:
            raise Http404
        try:
            return view(request, backend)
        except requests.RequestException as error:
            logger.warning("identity provider unreachable: %s", error)
            return _unreachable(request)
        except SocialAuthBaseException as error:
            if getattr(error, "code", "") in _UNREACHABLE:
                logger.warning("identity provider unreachable: %r", error)
                return _unreachable(request)
            logger.warning("company sign-in refused: %r", error)
            return _refused(request)
        except ValueError as error:  # e.g. a redirect social-core found unsafe
            logger.warning("company sign-in refused: %r", error)
            return _refused(request)

    return guarded


def _via_page(view):
    """Send the browser on to the provider with a page, not a redirect of the form's POST.

    The site's CSP allows forms to submit only to the site itself
    (``form-action 'self'``), and browsers apply that to the redirects after
    a submission too; a refresh from a page of our own is a plain navigation.
    """

    @wraps(view)
    def via_page(request, backend):
        response = view(request, backend)
        if isinstance(response, HttpResponseRedirect) and "://" in response["Location"]:
            mark_private(request)
            return render(request, "identity/continue.html", {"provider_url": response["Location"]})
        return response

    return via_page


begin = _guarded(_via_page(social_views.auth))
complete = _guarded(social_views.complete)


@never_cache
@login_not_required
def signed_in(request):
    """Where a company sign-in lands without a ``next``: employees on the internal home."""
    if is_employee(request.user):
        return HttpResponseRedirect(internal_home_url() or "/")
    return HttpResponseRedirect("/")


@never_cache
@login_not_required
def account_disabled(request):
    return _problem(
        request,
        _(
            "Your company account is no longer active here. If you think this is wrong, ask "
            "your IT department."
        ),
        403,
    )
