"""Real processes for fault tests: the site under gunicorn, workers, management commands.

They use the test database pytest-django created (tests using them must be
transactional, so the processes see committed rows) and
``tests.reliability.site_settings``.
"""

import http.cookiejar
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from django.db import connection

PROJECT = Path(__file__).resolve().parents[2]


def database_url(port: int | None = None, sqlite_path: str | None = None) -> str:
    """A DATABASE_URL for the test database; on PostgreSQL through ``port`` if given."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{sqlite_path or db['NAME']}"
    user = urllib.parse.quote(db["USER"] or "", safe="")
    password = urllib.parse.quote(db["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@"
    host = "127.0.0.1" if port else db["HOST"] or "127.0.0.1"
    return f"postgresql://{credentials}{host}:{port or db['PORT'] or 5432}/{db['NAME']}"


def process_env(database: str, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.reliability.site_settings",
        # The run's own module (pytest-django puts it here; overridden settings forget it).
        STIMME_PARENT_SETTINGS=os.environ["DJANGO_SETTINGS_MODULE"],
        DATABASE_URL=database,
        PYTHONUNBUFFERED="1",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def start(argv: list[str], env: dict, log: Path) -> subprocess.Popen:
    """Start ``python argv…`` in the project folder, output into ``log``."""
    with log.open("ab") as out:
        return subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
            [sys.executable, *argv], cwd=PROJECT, env=env, stdout=out, stderr=subprocess.STDOUT
        )


def manage(*args: str, env: dict, log: Path) -> subprocess.Popen:
    return start(["manage.py", *args], env, log)


def kill(process: subprocess.Popen) -> None:
    """SIGKILL: no clean-up, no signal handler, exactly what the OOM killer does."""
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            kill(process)


def wait_for(condition, timeout: float, what: str, pause: float = 0.1):
    """Poll ``condition()`` until it is truthy; fail with ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(pause)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class Answer:
    def __init__(self, status, headers, body, seconds):
        self.status, self.headers, self.text, self.seconds = status, headers, body, seconds


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A cookie-keeping HTTP client that does not follow redirects and times every answer."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirects
        )

    def request(self, path: str, data: dict | None = None, timeout: float = 30) -> Answer:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body)  # noqa: S310 - loopback
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=timeout) as response:
                status, headers, content = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, headers, content = error.code, error.headers, error.read()
        return Answer(
            status, headers, content.decode("utf-8", "replace"), time.monotonic() - started
        )

    def get(self, path: str, **kwargs) -> Answer:
        return self.request(path, **kwargs)

    def post(self, path: str, data: dict, **kwargs) -> Answer:
        return self.request(path, data=data, **kwargs)


class Site:
    """The site under gunicorn (one worker, four threads) on a free loopback port."""

    def __init__(self, env: dict, log: Path, port: int):
        self.url = f"http://127.0.0.1:{port}"
        self.log = log
        self.process = start(
            [
                "-m",
                "gunicorn",
                "settings.wsgi:application",
                f"--bind=127.0.0.1:{port}",
                "--workers=1",
                "--threads=4",
                "--timeout=60",
                "--graceful-timeout=2",
            ],
            env,
            log,
        )
        wait_for(self._healthy, 60, f"gunicorn on {self.url} (log: {log})", pause=0.2)

    def _healthy(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"gunicorn exited:\n{self.log.read_text()[-3000:]}")
        try:
            return Browser(self.url).get("/healthz/", timeout=2).status == 200
        except OSError:
            return False

    def browser(self) -> Browser:
        return Browser(self.url)

    def stop(self) -> None:
        stop(self.process)
