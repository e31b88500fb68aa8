"""Sessions follow the provider: re-checked at most every ``OIDC_SESSION_CHECK_MINUTES``.

A company sign-in keeps the provider's refresh token in the (server-side)
session. Once the check is due, the next request redeems it at the
provider's token endpoint: refused (account disabled or deleted, provider
session ended) means the site session ends too. Between checks no request
goes to the provider. A provider that cannot be reached keeps the session
until the next check: an outage of the provider does not sign everyone out.
"""

import logging
import time
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

import requests
from social_django.utils import load_backend, load_strategy

from .logout import ID_TOKEN_KEY, end_provider_session, forget_id_token
from .models import CompanyAccount

logger = logging.getLogger(__name__)
REFRESH_TOKEN_KEY = "identity_refresh_token"  # noqa: S105 - a session key name  # nosec B105
CHECKED_AT_KEY = "identity_checked_at"
SIGNED_IN_AT_KEY = "identity_signed_in_at"


def remember(session, refresh_token: str | None, id_token: str | None = None) -> None:
    """Called at sign-in: the token to re-check with, and when it was last good."""
    session[SIGNED_IN_AT_KEY] = time.time()
    if id_token:
        session[ID_TOKEN_KEY] = id_token
    if refresh_token:
        session[REFRESH_TOKEN_KEY] = refresh_token
        session[CHECKED_AT_KEY] = time.time()


@receiver(user_logged_in)
def _stamp_sign_in(sender, request, user, **kwargs):
    """Every sign-in (company or password) notes when: sessions older than an end are over."""
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT_KEY] = time.time()


def ended_by_provider(request) -> bool:
    """The provider (back-channel logout) or a deactivation ended this person's sessions
    after this session's sign-in: a leaver let back in starts with a new sign-in."""
    signed_in_at = request.session.get(SIGNED_IN_AT_KEY)
    if signed_in_at is None:
        return False
    return CompanyAccount.objects.filter(
        user=request.user,
        sessions_ended_at__gte=datetime.fromtimestamp(signed_in_at, tz=UTC),
    ).exists()


def _token_endpoint(request) -> str:
    backend = load_backend(load_strategy(request), "company", redirect_uri=None)
    return backend.access_token_url()


def still_signed_in(request, refresh_token: str) -> tuple[bool | None, str | None]:
    """(verdict, new refresh token); verdict None: the provider did not answer."""
    try:
        response = requests.post(
            _token_endpoint(request),
            data={"grant_type": "refresh_token", "refresh_token": refresh_token},
            auth=(settings.OIDC_CLIENT_ID, settings.OIDC_CLIENT_SECRET),
            timeout=settings.OIDC_TIMEOUT,
        )
    except Exception as error:  # noqa: BLE001 - discovery or network: both mean "no answer"
        logger.warning("session check: provider unreachable: %r", error)
        return None, None
    if response.status_code == 200:
        return True, response.json().get("refresh_token") or refresh_token
    if response.status_code in (400, 401):
        return False, None
    logger.warning("session check: provider answered %s", response.status_code)
    return None, None


def _end_here(request) -> None:
    """Ended because of the provider: no trip to its logout page after this request."""
    logout(request)
    forget_id_token(request)


class ProviderSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Readers without a session cookie: the session is not even looked at (no
        # "Vary: Cookie" from us, the page cache stays shared).
        if not settings.OIDC_ISSUER or settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        if request.user.is_authenticated and ended_by_provider(request):
            _end_here(request)
        token = request.session.get(REFRESH_TOKEN_KEY)
        if token and request.user.is_authenticated:
            due = request.session.get(CHECKED_AT_KEY, 0) + settings.OIDC_SESSION_CHECK_MINUTES * 60
            if time.time() >= due:
                verdict, new_token = still_signed_in(request, token)
                if verdict is False:
                    _end_here(request)
                else:
                    # Checked (or the provider is down): ask again in N minutes, not per request.
                    request.session[CHECKED_AT_KEY] = time.time()
                    if new_token:
                        request.session[REFRESH_TOKEN_KEY] = new_token
        return end_provider_session(request, self.get_response(request))
