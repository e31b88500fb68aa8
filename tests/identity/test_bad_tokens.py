"""ID tokens from the real provider, tampered, misaddressed or checked with a skewed clock."""

import base64
import hashlib
import json
import secrets
import socket
import threading
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlencode, urlsplit

from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, RequestFactory

import jwt.api_jwt
import pytest
import requests
from social_core.exceptions import SocialAuthBaseException
from social_django.utils import load_backend, load_strategy

from identity.models import CompanyAccount

from .provider import CLIENT_ID, CLIENT_SECRET

pytestmark = pytest.mark.django_db
REDIRECT = "http://testserver/sso/complete/company/"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def provider_tokens(provider, login="juergen.schroeder") -> dict:
    """A real code flow with the provider, outside our views: its token response."""
    verifier = secrets.token_urlsafe(48)
    query = urlencode(
        {
            "client_id": CLIENT_ID,
            "response_type": "code",
            "scope": "openid profile email",
            "redirect_uri": REDIRECT,
            "state": secrets.token_urlsafe(16),
            "nonce": secrets.token_urlsafe(16),
            "code_challenge": _b64(hashlib.sha256(verifier.encode()).digest()),
            "code_challenge_method": "S256",
        }
    )
    back = provider.sign_in(f"{provider.issuer}/auth?{query}", login, stop_at=REDIRECT)
    code = parse_qs(urlsplit(back).query)["code"][0]
    response = requests.post(
        f"{provider.issuer}/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT,
            "code_verifier": verifier,
        },
        auth=(CLIENT_ID, CLIENT_SECRET),
        timeout=10,
    )
    response.raise_for_status()
    return response.json()


def backend():
    request = RequestFactory().get("/sso/complete/company/")
    request.session = SessionStore()
    return load_backend(load_strategy(request), "company", redirect_uri=REDIRECT)


@pytest.fixture
def tokens(sso):
    return provider_tokens(sso)


def test_a_genuine_token_passes(tokens):
    claims = backend().decode_and_validate_id_token(tokens["id_token"], tokens["access_token"])
    assert claims["sub"] == "juergen.schroeder"


def test_a_token_whose_nonce_this_browser_never_sent_is_refused(tokens):
    """A genuine token from someone else's sign-in (its nonce is theirs): not ours."""
    with pytest.raises(SocialAuthBaseException) as refused:
        backend().validate_and_return_id_token(tokens["id_token"], tokens["access_token"])
    assert refused.value.code == "nonce_mismatch"


def test_a_tampered_token_is_refused(tokens):
    header, payload, signature = tokens["id_token"].split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["sub"] = "baerbel.koenig"
    forged = ".".join((header, _b64(json.dumps(claims).encode()), signature))
    with pytest.raises(SocialAuthBaseException) as refused:
        backend().decode_and_validate_id_token(forged, tokens["access_token"])
    assert refused.value.code == "invalid_signature"


def test_a_token_for_another_client_is_refused(tokens, settings):
    settings.OIDC_CLIENT_ID = "another-app"
    with pytest.raises(SocialAuthBaseException) as refused:
        backend().decode_and_validate_id_token(tokens["id_token"], tokens["access_token"])
    assert refused.value.code == "invalid_claim"


def _clock(monkeypatch, shift: timedelta):
    class Shifted(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.now(tz) + shift

    monkeypatch.setattr(jwt.api_jwt, "datetime", Shifted)


def test_an_expired_token_is_refused(tokens, monkeypatch):
    _clock(monkeypatch, timedelta(hours=2))  # the provider's tokens live one hour
    with pytest.raises(SocialAuthBaseException) as refused:
        backend().decode_and_validate_id_token(tokens["id_token"], tokens["access_token"])
    assert refused.value.code == "response_expired"


def test_a_small_clock_skew_is_tolerated_a_large_one_not(tokens, monkeypatch):
    _clock(monkeypatch, timedelta(seconds=-30))  # our clock lags: the token seems from the future
    backend().decode_and_validate_id_token(tokens["id_token"], tokens["access_token"])
    _clock(monkeypatch, timedelta(minutes=-5))
    with pytest.raises(SocialAuthBaseException):
        backend().decode_and_validate_id_token(tokens["id_token"], tokens["access_token"])


@pytest.fixture
def silent_server():
    """Accepts connections and never answers: a provider that hangs."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    held = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


def test_a_slow_provider_gets_a_clear_page_in_time(sso, settings, silent_server):
    settings.OIDC_ISSUER = silent_server
    settings.OIDC_TIMEOUT = 1
    started = datetime.now()
    response = Client().post("/sso/login/company/")
    assert response.status_code == 503
    assert datetime.now() - started < timedelta(seconds=10)
    assert not CompanyAccount.objects.exists()
