"""Start and drive the real OpenID Connect provider (npm ``oidc-provider``) on loopback."""

import json
import re
import shutil
import socket
import subprocess
import time
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests

from tests.helpers.real_parts import missing_real_part

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).parent / "provider" / "provider.mjs"
ACCOUNTS = Path(__file__).parent / "provider" / "accounts.json"
CLIENT_ID = "stimme"
CLIENT_SECRET = "stimme-local-secret"


def missing(reason: str):
    """Skip, or under ``CI=true`` fail: the provider is a real part of these tests."""
    missing_real_part(f"{reason}: run `make install-dev` (npm ci installs oidc-provider)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Provider:
    """One provider process; ``restart()`` keeps the port and issuer but signs with a new key."""

    def __init__(
        self,
        accounts_file: Path,
        redirects: list[str],
        backchannel: str = "",
        post_logouts: tuple[str, ...] = ("http://testserver/",),
    ):
        node = shutil.which("node")
        if node is None:
            missing("node not found")
        if not (ROOT / "node_modules" / "oidc-provider").is_dir():
            missing("node_modules/oidc-provider not installed")
        self.node = node
        self.accounts_file = accounts_file
        self.redirects = redirects
        self.backchannel = backchannel
        self.post_logouts = post_logouts
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.kid = None
        self.start()

    def start(self):
        args = [
            self.node,
            str(SCRIPT),
            "--port",
            str(self.port),
            "--accounts",
            str(self.accounts_file),
        ]
        for uri in self.redirects:
            args += ["--redirect", uri]
        for uri in self.post_logouts:
            args += ["--post-logout", uri]
        if self.backchannel:
            args += ["--backchannel", self.backchannel]
        self.process = subprocess.Popen(  # noqa: S603 - our own script, fixed arguments
            args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if line.startswith("ready "):
                self.kid = line.split("kid=")[1].strip()
                return
            if self.process.poll() is not None:
                break
        self.stop()
        pytest.fail("the OpenID Connect provider did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def restart(self):
        self.stop()
        self.start()

    def accounts(self) -> dict:
        return json.loads(self.accounts_file.read_text())

    def set_claims(self, login: str, **claims):
        """Change what the provider says about someone (read again on every request)."""
        data = self.accounts()
        data[login].update(claims)
        self.accounts_file.write_text(json.dumps(data, ensure_ascii=False))

    def sign_in(self, authorize_url: str, login: str, stop_at: str, browser=None) -> str:
        """Sign in on the provider's own login page; return the redirect back to ``stop_at``.

        ``browser``: a ``requests.Session`` that keeps the provider's cookies across sign-ins.
        """
        session = browser or requests.Session()
        url = authorize_url
        for _hop in range(10):
            response = session.get(url, allow_redirects=False, timeout=10)
            if response.is_redirect:
                url = urljoin(url, response.headers["Location"])
                if url.startswith(stop_at):
                    return url
                continue
            action = re.search(r'<form[^>]*action="([^"]+)"', response.text)
            assert action, response.text[:500]
            response = session.post(
                urljoin(url, unescape(action.group(1))),
                data={"prompt": "login", "login": login, "password": "egal"},
                allow_redirects=False,
                timeout=10,
            )
            assert response.is_redirect, response.text[:500]
            url = urljoin(url, response.headers["Location"])
            if url.startswith(stop_at):
                return url
        raise AssertionError("the provider never sent the browser back")


def provider_settings(settings, provider: Provider) -> None:
    settings.OIDC_ISSUER = provider.issuer
    settings.OIDC_CLIENT_ID = CLIENT_ID
    settings.OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_SCOPES = ["openid", "profile", "email", "groups", "org"]
    settings.OIDC_ROLE_MAP = {
        "stimme-mitarbeitende": "Employees",
        "stimme-autoren": "Authors",
        "stimme-redaktion": "Editors",
    }
    settings.OIDC_DEFAULT_GROUPS = []
