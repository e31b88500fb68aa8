"""Error pages that cannot fail themselves: a 503 while the database is away, else a 500.

Django turns an exception raised in any view or middleware into a response
inside ``convert_exception_to_response`` and asks ``handler500`` for it while
the exception is still being handled, so ``sys.exc_info()`` tells what went
wrong. A lost database connection (``OperationalError``, ``InterfaceError``)
is not a bug but an outage: readers get a calm "back in a moment" page with
``Retry-After``, and someone who just sent a form learns that it was *not*
saved (the transaction was rolled back) and gets their text back to copy.

Both pages render without a request context: no context processor, user,
session or site setting may touch the database that just failed.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

# Seconds a client (or a proxy's health logic) should wait before asking again.
RETRY_AFTER_SECONDS = 30
# Where a POST carried a comment, the 503 page hands the text back.
COMMENT_PATH_PREFIX = "/comments/"
COMMENT_FIELD = "comment"


def database_unavailable(error: BaseException | None) -> bool:
    """Did ``error`` (or an exception it arose from) come from an unreachable database?"""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, OperationalError | InterfaceError):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def _posted_comment(request) -> str:
    if request.method != "POST" or not request.path.startswith(COMMENT_PATH_PREFIX):
        return ""
    try:
        return request.POST.get(COMMENT_FIELD, "")
    except Exception:  # noqa: BLE001 - an unreadable body must not break the error page
        return ""


def service_unavailable(request) -> HttpResponse:
    """503 with ``Retry-After``; a POST is told that nothing was saved."""
    context = {
        "was_post": request.method == "POST",
        "comment_text": _posted_comment(request),
        "retry_after": RETRY_AFTER_SECONDS,
    }
    response = HttpResponse(loader.render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Nobody (CDN, proxy, our page cache) may keep the outage page for later readers.
    add_never_cache_headers(response)
    return response


def server_error(request) -> HttpResponse:
    """``handler500``: the outage page for database errors, the friendly 500 for the rest."""
    if database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    response = HttpResponse(loader.render_to_string("500.html"), status=500)
    add_never_cache_headers(response)
    return response
