"""Site-wide middleware: language from the reader's choice, CSP per area, private caching,
no admin for staff without admin rights, security headers everywhere, forged session cookies."""

import re

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.csp import CSP, build_policy


class CookieLocaleMiddleware:
    """Activate the language the reader chose with the switch, else German.

    Deliberately ignores Accept-Language: German is the company's language,
    and one URL shows one language per cookie, which keeps caching simple.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


def is_preview_render(request) -> bool:
    """Whether ``request`` is Wagtail's inner request that renders a page for the admin preview.

    Wagtail runs the whole middleware chain for it with the page's own URL;
    the admin request around it decides the headers (the preview is framed
    by the admin, so the site's ``frame-ancestors 'none'`` must not stick).
    """
    return getattr(request, "is_dummy", False)


def admin_policy(view_policy=None) -> dict:
    """``ADMIN_CSP``, plus the frame origins a rendered page added (its videos).

    A page rendered inside the admin (preview, revision view) may have asked
    for extra ``frame-src`` (``core.blocks.allow_video_frames``); everything
    else, ``frame-ancestors`` above all, is the admin's.
    """
    policy = dict(settings.ADMIN_CSP)
    extra = [o for o in (view_policy or {}).get("frame-src", []) if o not in policy["frame-src"]]
    if extra:
        policy["frame-src"] = [*policy["frame-src"], *extra]
    return policy


class SiteContentSecurityPolicyMiddleware(ContentSecurityPolicyMiddleware):
    """Strict CSP everywhere; the Wagtail admin gets the relaxed ``ADMIN_CSP``.

    The admin needs inline scripts and styles; readers' pages never do.
    """

    def process_response(self, request, response):
        if is_preview_render(request):
            return response  # the admin request around it sets the policy
        if request.path.startswith(settings.ADMIN_PATH_PREFIXES):
            response._csp_config = admin_policy(getattr(response, "_csp_config", None))
        return super().process_response(request, response)


def mark_private(request) -> None:
    """Flag this request's response as personal: no shared cache may keep it.

    Views and page hooks call this for internal content even when the
    response itself is a redirect to the login page.
    """
    request._stimme_private = True


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` for signed-in users and internal content.

    A CDN, proxy or browser cache must never keep a page that shows an
    employee's name, an internal post, or anything else personal. The rule
    is blunt on purpose: any response to a signed-in user, and any response
    marked with ``mark_private`` (internal pages, token feeds), replaces
    whatever caching a view asked for. Place it after the authentication
    middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if getattr(request, "_stimme_private", False) or (
            user is not None and user.is_authenticated
        ):
            response.headers["Cache-Control"] = "private, no-store"
            response.headers.pop("Expires", None)
            patch_vary_headers(response, ("Cookie",))
        return response


class AdminAccessMiddleware:
    """Signed-in users without admin rights get the site's 403 page inside ``/admin/``.

    Wagtail would send them to its login form, which reads as "log in again"
    to an employee who is logged in; a clear "no access" is honest. The
    admin's own login, logout and password-reset pages stay reachable.
    Place it after the authentication middleware.
    """

    OPEN_PATHS = ("login/", "logout/", "password_reset/", "jsi18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        user = getattr(request, "user", None)
        if (
            path.startswith("/admin/")
            and user is not None
            and user.is_authenticated
            and not path.removeprefix("/admin/").startswith(self.OPEN_PATHS)
            and not user.has_perm("wagtailadmin.access_admin")
        ):
            raise PermissionDenied
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Frame protection, CSP and ``Permissions-Policy`` on every response, whoever made it.

    Django's own middlewares add these only to responses that pass through
    them: WhiteNoise's static files, the HTTPS redirect and the 403s that
    earlier middlewares raise never do. Placed first in ``MIDDLEWARE``, this
    one sees every response and fills in only what is missing, so a view's
    own choice (a relaxed CSP for video embeds, say) stays as it is.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        headers = response.headers
        policy = getattr(settings, "PERMISSIONS_POLICY", None)
        if policy:
            headers.setdefault("Permissions-Policy", policy)
        if not getattr(response, "xframe_options_exempt", False):
            headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        csp = getattr(response, "_csp_config", None)
        if is_preview_render(request):
            csp = None  # the admin request around it sets the policy
        elif csp is None:
            is_admin = request.path.startswith(settings.ADMIN_PATH_PREFIXES)
            csp = settings.ADMIN_CSP if is_admin else settings.SECURE_CSP
        if csp and CSP.HEADER_ENFORCE not in headers:
            headers[CSP.HEADER_ENFORCE] = build_policy(csp)
        return response


# Django's session keys: lowercase letters and digits (see SessionBase).
_SESSION_KEY = re.compile(r"[a-z0-9]{8,64}")
# Longer than any search a person types; see UnusableInputMiddleware.
MAX_SEARCH_QUERY = 500


class UnusableInputMiddleware:
    """Neutralise input no reader sends before any view sees it.

    * A session cookie no server of ours could have set is forgotten:
      PostgreSQL refuses NUL bytes in a query, so a forged ``sessionid``
      such as ``abc\\x00…`` would otherwise be a 500 on every page. The
      visitor is simply anonymous.
    * A search query (``?q=``) is cut to ``MAX_SEARCH_QUERY`` characters on
      every page, the Wagtail admin's included: search backends build one
      condition per word, and 50,000 characters nest them deeper than
      Python can compile (a 500 instead of results).

    Place it before the session middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = settings.SESSION_COOKIE_NAME
        value = request.COOKIES.get(name)
        if value is not None and not _SESSION_KEY.fullmatch(value):
            del request.COOKIES[name]
        queries = request.GET.getlist("q")
        if any(len(query) > MAX_SEARCH_QUERY for query in queries):
            request.GET = request.GET.copy()
            request.GET.setlist("q", [query[:MAX_SEARCH_QUERY] for query in queries])
        return self.get_response(request)
