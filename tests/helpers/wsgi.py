"""Requests through the real WSGI stack, as gunicorn sends them, and a Django that counts them.

For the page cache's fast path (``settings.wsgi``), which answers before Django.
"""

import io
import sys
from contextlib import contextmanager
from http.cookies import SimpleCookie

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client


class CountingDjango:
    """Django's WSGI handler, counting the requests that reach it."""

    def __init__(self):
        self.handler = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


@contextmanager
def database_kept_open():
    # As Django's test client does: the test's transaction must survive the
    # "request finished" signal that closes old connections.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def call(app, path, method="GET", scheme="http", **headers):
    """One request through the WSGI application: (status, headers, body)."""
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "443" if scheme == "https" else "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": scheme,
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        **{f"HTTP_{name.upper()}": value for name, value in headers.items()},
    }
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"], answer["headers"] = status, response_headers

    with database_kept_open():
        result = app(environ, start_response)
        body = b"".join(result)
        if hasattr(result, "close"):
            result.close()
    headers = {}
    for name, value in answer["headers"]:
        headers.setdefault(name.lower(), []).append(value)
    return answer["status"], headers, body


def header(headers, name):
    values = headers.get(name.lower())
    return values[0] if values else None


def as_browser(client: Client, url: str):
    """GET ``url`` sending only the cookies a browser would send there (cookie paths)."""
    sent = Client()
    sent.cookies = SimpleCookie()
    for name, morsel in client.cookies.items():
        if url.startswith(morsel["path"] or "/"):
            sent.cookies[name] = morsel.value
    return sent.get(url)
