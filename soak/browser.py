"""A small stdlib browser for the soak: cookies, forms, one client address, timed requests.

Each simulated person gets a ``Browser``: its own cookie jar (session and
CSRF cookies, which the production settings mark ``Secure``: the soak talks
plain HTTP on loopback, so the jar sends them anyway), its own address in
``X-Forwarded-For`` (the soak runs gunicorn with ``TRUSTED_PROXY_COUNT=1``,
as behind one proxy) and no automatic redirects, so every answer is
recorded as the site gave it.
"""

import http.cookiejar
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser

TIMEOUT = 30


class _SendSecureCookies(http.cookiejar.DefaultCookiePolicy):
    def return_ok_secure(self, cookie, request):
        return True


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Response:
    status: int
    url: str
    headers: dict
    body: str
    seconds: float

    @property
    def location(self) -> str:
        return urllib.parse.urlsplit(self.headers.get("location", "")).path or ""


@dataclass
class Form:
    action: str
    method: str
    fields: dict = field(default_factory=dict)
    selects: dict = field(default_factory=dict)


class _FormParser(HTMLParser):
    """Every form on a page with its fields' initial values, as a browser would submit them."""

    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = Form(action=attrs.get("action") or "", method=attrs.get("method", "get"))
            self.forms.append(self._form)
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "image", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self._form.fields[name] = attrs.get("value", "on" if kind == "checkbox" else "")
        elif tag == "textarea" and name:
            self._textarea = name
            self._form.fields[name] = ""
        elif tag == "select" and name:
            self._select = name
            self._form.selects[name] = []
        elif tag == "option" and self._select:
            self._form.selects[self._select].append(attrs.get("value", ""))

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def forms_in(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def form_posting_to(html: str, action_fragment: str) -> Form | None:
    """The first form whose action contains ``action_fragment``."""
    return next((form for form in forms_in(html) if action_fragment in form.action), None)


class Stats:
    """Every request's kind, status and duration, from all threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.rows: list[tuple[str, int, float, bool]] = []
        self.failures: list[str] = []
        self.refusals: list[str] = []

    def add(
        self, kind: str, status: int, seconds: float, url: str, detail: str = "", hit=False
    ) -> None:
        with self.lock:
            self.rows.append((kind, status, seconds, hit))
            if status >= 500 or status == 0:
                self.failures.append(f"{kind} {url}: {status or detail}")
            elif status >= 400:
                self.refusals.append(f"{kind} {url}: {status}")


class Browser:
    """One person's browser against the site at ``base``."""

    def __init__(self, base: str, stats: Stats, ip: str, timeout: float = TIMEOUT):
        self.base = base
        self.timeout = timeout
        self.stats = stats
        self.ip = ip
        self.jar = http.cookiejar.CookieJar(policy=_SendSecureCookies())
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def _request(self, kind: str, path: str, data: dict | None = None, referer: str = ""):
        url = path if path.startswith("http") else self.base + path
        headers = {
            "X-Forwarded-For": self.ip,
            "Accept-Language": "de-DE,de;q=0.9",
            "User-Agent": "stimme-soak",
        }
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            # What a browser sends with a form post; Django's CSRF check reads it.
            headers["Origin"] = self.base
            headers["Referer"] = self.base + (referer or path)
        request = urllib.request.Request(url, data=body, headers=headers)  # noqa: S310 - loopback URL we built
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=self.timeout) as answer:
                status, answer_headers = answer.status, answer.headers
                text = answer.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx, 5xx
            status, answer_headers = error.code, error.headers
            text = error.read().decode("utf-8", "replace")
        except OSError as error:  # timeouts, refused or reset connections
            seconds = time.monotonic() - started
            self.stats.add(kind, 0, seconds, path, f"{type(error).__name__}: {error}")
            return Response(0, url, {}, "", seconds)
        seconds = time.monotonic() - started
        hit = answer_headers.get("X-Page-Cache") == "hit"
        self.stats.add(kind, status, seconds, path, hit=hit)
        return Response(
            status, url, {k.lower(): v for k, v in answer_headers.items()}, text, seconds
        )

    def get(self, kind: str, path: str) -> Response:
        return self._request(kind, path)

    def post(self, kind: str, path: str, data: dict, referer: str = "") -> Response:
        return self._request(kind, path, data, referer)

    def login(self, username: str, password: str, next_path: str = "") -> bool:
        """Log in through ``/login/`` like a person: load the form, send it."""
        path = "/login/" + (f"?next={urllib.parse.quote(next_path)}" if next_path else "")
        page = self.get("login", path)
        form = next((f for f in forms_in(page.body) if "password" in f.fields), None)
        if page.status != 200 or form is None:
            return False
        data = {**form.fields, "username": username, "password": password}
        answer = self.post("login", form.action or path, data, referer=path)
        return answer.status == 302


COMMENT_HEADING = re.compile(r'id="comments-heading">\s*(\d+)')
LISTED_COUNT = re.compile(r'class="comment-count" href="([^"#]+)#comments">\s*(\d+)')
REPLY_LINK = re.compile(r'href="/comments/reply/(\d+)/"')
