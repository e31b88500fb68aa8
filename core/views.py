"""Small site-wide views: language switch, health check, not-found page.

The 500 and 503 pages live in ``core.errors``; image files in ``core.image_views``.
"""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def safe_next_url(request, candidate: str | None, fallback: str = "/") -> str:
    """``candidate`` if it stays on this site, else ``fallback`` (no open redirects)."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


@require_GET
def switch_language(request, code: str):
    """Remember the reader's language in a cookie and go back where they were."""
    if code not in dict(settings.LANGUAGES):
        raise Http404("unknown language")
    response = HttpResponseRedirect(safe_next_url(request, request.GET.get("next")))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    return response


@never_cache
def healthz(request):
    """Liveness for load balancers: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)
