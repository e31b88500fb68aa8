"""Signing out ends the provider session (RP-initiated); the provider ends ours (back-channel)."""

import re
import shutil
import threading
import time
from html import unescape
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urljoin

from django.test import Client

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa

from identity.backend import CompanyOpenIdConnect
from identity.models import CompanyAccount

from .conftest import provider_url, sign_in
from .provider import ACCOUNTS, CLIENT_ID, Provider

pytestmark = pytest.mark.django_db


class _Receiver(BaseHTTPRequestHandler):
    tokens: list[str] = []

    def do_POST(self):  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        self.tokens.append(parse_qs(body)["logout_token"][0])
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def backchannel():
    """Stands in for the site's URL the provider POSTs to; the test hands the token on."""
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


@pytest.fixture(scope="module")
def provider(tmp_path_factory, backchannel):
    accounts = tmp_path_factory.mktemp("oidc") / "accounts.json"
    shutil.copy(ACCOUNTS, accounts)
    port = backchannel.server_address[1]
    started = Provider(
        accounts,
        ["http://testserver/sso/complete/company/"],
        backchannel=f"http://127.0.0.1:{port}/sso/backchannel-logout/",
    )
    yield started
    started.stop()


def confirm_provider_logout(browser: requests.Session, url: str) -> str:
    """The provider's "sign out?" page, answered yes; returns where it sends the browser."""
    page = browser.get(url, allow_redirects=False, timeout=10)
    assert page.status_code == 200, page.text[:300]
    action = re.search(r'<form[^>]*action="([^"]+)"', page.text).group(1)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text))
    done = browser.post(
        urljoin(url, unescape(action)),
        data={**fields, "logout": "yes"},
        allow_redirects=False,
        timeout=10,
    )
    assert done.is_redirect, done.text[:300]
    return done.headers["Location"]


def provider_asks_for_login(sso, browser: requests.Session) -> bool:
    start = Client().post("/sso/login/company/")
    answer = browser.get(provider_url(start), allow_redirects=False, timeout=10)
    while answer.is_redirect:
        location = urljoin(answer.url, answer.headers["Location"])
        if location.startswith("http://testserver/"):
            return False  # signed in silently: the provider session lives
        answer = browser.get(location, allow_redirects=False, timeout=10)
    return 'name="login"' in answer.text


@pytest.mark.parametrize("logout_path", ["/logout/", "/admin/logout/"])
def test_signing_out_here_ends_the_provider_session(sso, logout_path):
    browser = requests.Session()
    client, _response = sign_in(sso, "baerbel.koenig", browser=browser)
    assert not provider_asks_for_login(sso, browser)  # the provider session is alive

    page = client.post(logout_path)

    assert "_auth_user_id" not in client.session
    url = page.context["provider_url"]
    assert url.startswith(f"{sso.issuer}/session/end")
    assert "id_token_hint=" in url
    assert confirm_provider_logout(browser, url) == "http://testserver/"
    assert provider_asks_for_login(sso, browser)


def test_a_local_password_logout_stays_on_the_site(sso, employee):
    client = Client()
    client.force_login(employee)
    response = client.post("/logout/")
    assert response.status_code == 302 and response["Location"] == "/"


def test_the_providers_logout_ends_the_site_session(sso, backchannel):
    _Receiver.tokens.clear()
    browser = requests.Session()
    client, _response = sign_in(sso, "baerbel.koenig", browser=browser)
    other_device, _response = sign_in(sso, "baerbel.koenig")
    assert client.get("/admin/").status_code == 200

    # Signed out at the provider (another app's logout, the provider's own page).
    start = browser.get(f"{sso.issuer}/session/end", allow_redirects=False, timeout=10)
    confirm_provider_logout(browser, start.url)
    assert len(_Receiver.tokens) == 1

    answer = Client().post("/sso/backchannel-logout/", {"logout_token": _Receiver.tokens[0]})

    assert answer.status_code == 200
    for device in (client, other_device):
        assert device.get("/admin/").status_code == 302
        assert "_auth_user_id" not in device.session
    # A new sign-in afterwards is a new session, not ended by the old logout.
    fresh, _response = sign_in(sso, "baerbel.koenig")
    assert fresh.get("/admin/").status_code == 200


def _signed_like_the_provider(sso, claims: dict) -> str:
    """A token from a key the provider never had: the signature check must catch it."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": sso.kid})


def _valid_claims(sso, **changes) -> dict:
    claims = {
        "iss": sso.issuer,
        "aud": CLIENT_ID,
        "iat": int(time.time()),
        "jti": "x",
        "sub": "baerbel.koenig",
        "events": {"http://schemas.openid.net/event/backchannel-logout": {}},
    }
    return {**claims, **changes}


def _real_token(sso) -> str:
    _Receiver.tokens.clear()
    browser = requests.Session()
    sign_in(sso, "baerbel.koenig", browser=browser)
    start = browser.get(f"{sso.issuer}/session/end", allow_redirects=False, timeout=10)
    confirm_provider_logout(browser, start.url)
    return _Receiver.tokens[0]


def _tampered(token: str) -> str:
    header, payload, signature = token.split(".")
    claims = jwt.decode(token, options={"verify_signature": False})
    claims["sub"] = "juergen.schroeder"
    forged = jwt.utils.base64url_encode(jwt.api_jws.json.dumps(claims).encode()).decode()
    return f"{header}.{forged}.{signature}"


@pytest.mark.parametrize(
    "make_token",
    [
        pytest.param(lambda sso: _tampered(_real_token(sso)), id="tampered"),
        pytest.param(
            lambda sso: _signed_like_the_provider(sso, _valid_claims(sso)), id="foreign-key"
        ),
        pytest.param(lambda sso: "not-a-jwt", id="garbage"),
    ],
)
def test_a_bad_logout_token_is_refused_and_ends_nothing(sso, make_token):
    client, _response = sign_in(sso, "juergen.schroeder")
    token = make_token(sso)

    answer = Client().post("/sso/backchannel-logout/", {"logout_token": token})

    assert answer.status_code == 400
    assert client.get("/admin/").status_code in (200, 403)  # still signed in
    assert "_auth_user_id" in client.session
    assert not CompanyAccount.objects.filter(sessions_ended_at__isnull=False).exists()


@pytest.fixture
def own_key(sso, monkeypatch):
    """The provider's keys replaced by one of ours, to sign tokens it would never issue."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)
    public.update(kid="test-key", alg="RS256", use="sig")

    def sign(**changes) -> str:
        # From here on (after the test's sign-in) the site trusts only our key.
        monkeypatch.setattr(CompanyOpenIdConnect, "get_jwks_keys", lambda self: [public])
        claims = {k: v for k, v in _valid_claims(sso, **changes).items() if v is not None}
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "test-key"})

    return sign


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"aud": "another-app"}, id="wrong-aud"),
        pytest.param({"iss": "http://127.0.0.1:1"}, id="wrong-iss"),
        pytest.param({"nonce": "abc"}, id="nonce"),
        pytest.param({"events": {"http://schemas.openid.net/event/other": {}}}, id="no-event"),
        pytest.param({"sub": None}, id="no-sub"),
        pytest.param({"iat": None}, id="no-iat"),
    ],
)
def test_a_logout_token_with_wrong_claims_is_refused(sso, own_key, changes):
    client, _response = sign_in(sso, "baerbel.koenig")

    answer = Client().post("/sso/backchannel-logout/", {"logout_token": own_key(**changes)})

    assert answer.status_code == 400
    assert client.get("/admin/").status_code == 200
    assert not CompanyAccount.objects.filter(sessions_ended_at__isnull=False).exists()


def test_the_same_checks_pass_a_correct_token(sso, own_key):
    client, _response = sign_in(sso, "baerbel.koenig")

    answer = Client().post("/sso/backchannel-logout/", {"logout_token": own_key()})

    assert answer.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_a_session_ended_by_the_provider_does_not_send_the_next_form_there(sso, own_key, employee):
    client, _response = sign_in(sso, "baerbel.koenig")
    Client().post("/sso/backchannel-logout/", {"logout_token": own_key()})

    # The ended session's next request is a colleague's local login on the same browser.
    response = client.post("/login/", {"username": employee.username, "password": "pw-for-tests-1"})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(employee.pk)
