"""Signing out of the site ends the provider session too; the provider can end ours.

RP-initiated logout: a company sign-in's ID token is kept in the session;
when that person signs out here (``/logout/``, the admin's logout), the
browser goes on to the provider's ``end_session_endpoint`` with it, and
comes back to the home page. Local-password sessions have no ID token and
sign out as before.

Back-channel logout: the provider POSTs a signed ``logout_token``; every site
session of that (issuer, subject) signed in before it ends at its next request.
"""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

import jwt
from social_django.utils import load_backend, load_strategy

from core.middleware import mark_private

from .backend import sso_enabled
from .models import CompanyAccount

logger = logging.getLogger(__name__)
BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout"
# The session key of a company sign-in's ID token: the provider wants it back
# as ``id_token_hint`` when the person signs out here.
ID_TOKEN_KEY = "identity_id_token"  # noqa: S105 - a session key name  # nosec B105
_ENDING_ATTR = "_identity_id_token_at_logout"


def _backend():
    return load_backend(load_strategy(), "company", redirect_uri=None)


@receiver(user_logged_out)
def _keep_id_token(sender, request, user, **kwargs):
    # The session is flushed right after this signal: take the token along.
    if request is not None and hasattr(request, "session"):
        setattr(request, _ENDING_ATTR, request.session.get(ID_TOKEN_KEY))


def forget_id_token(request) -> None:
    setattr(request, _ENDING_ATTR, None)


def end_session_url(id_token: str) -> str | None:
    try:
        endpoint = _backend().oidc_config().get("end_session_endpoint")
    except Exception as error:  # noqa: BLE001 - provider down: the local logout stands
        logger.warning("logout: provider unreachable: %r", error)
        return None
    if not endpoint:
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/",
            "client_id": settings.OIDC_CLIENT_ID,
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def end_provider_session(request, response):
    """After a sign-out by the person (a logout view's redirect): on to the provider."""
    id_token = getattr(request, _ENDING_ATTR, None)
    if not id_token or request.method != "POST" or not isinstance(response, HttpResponseRedirect):
        return response
    url = end_session_url(id_token)
    if not url:
        return response
    # A page of ours, not a redirect: the CSP's form-action 'self' covers a form's redirects.
    mark_private(request)
    return render(request, "identity/continue.html", {"provider_url": url})


def verified_logout_claims(token: str) -> dict:
    """The logout token's claims, or ``jwt.InvalidTokenError``."""
    backend = _backend()
    kid = jwt.get_unverified_header(token).get("kid")
    keys = [key for key in backend.get_jwks_keys() if key.get("kid") == kid]
    if not keys:
        raise jwt.InvalidTokenError("unknown signing key")
    key = jwt.PyJWK(keys[0])
    claims = jwt.decode(
        token,
        key.key,
        algorithms=[key.algorithm_name],
        audience=settings.OIDC_CLIENT_ID,
        issuer=settings.OIDC_ISSUER,
        leeway=backend.JWT_LEEWAY,
        options={"require": ["iss", "aud", "iat"]},
    )
    if BACKCHANNEL_EVENT not in (claims.get("events") or {}):
        raise jwt.InvalidTokenError("not a back-channel logout event")
    if "nonce" in claims:
        raise jwt.InvalidTokenError("a logout token carries no nonce")
    if not claims.get("sub"):
        # Sessions are not kept by the provider's sid here: a sid-only token cannot be honoured.
        raise jwt.InvalidTokenError("no subject")
    return claims


@csrf_exempt  # the provider's server calls, signed by the token, not by a browser
@login_not_required
@require_POST
def backchannel_logout(request):
    if not sso_enabled():
        return HttpResponseBadRequest()
    try:
        claims = verified_logout_claims(request.POST.get("logout_token", ""))
    except (jwt.InvalidTokenError, ValueError) as error:
        logger.warning("back-channel logout refused: %r", error)
        return HttpResponseBadRequest()
    CompanyAccount.objects.filter(issuer=claims["iss"].rstrip("/"), subject=claims["sub"]).update(
        sessions_ended_at=timezone.now()
    )
    response = HttpResponse()
    response["Cache-Control"] = "no-store"
    return response
