"""Site-wide middleware: language from the reader's choice, CSP per area."""

from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


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


class SiteContentSecurityPolicyMiddleware(ContentSecurityPolicyMiddleware):
    """Strict CSP everywhere; the Wagtail admin gets the relaxed ``ADMIN_CSP``.

    The admin needs inline scripts and styles; readers' pages never do.
    """

    def process_response(self, request, response):
        if request.path.startswith(settings.ADMIN_PATH_PREFIXES) and not hasattr(
            response, "_csp_config"
        ):
            response._csp_config = settings.ADMIN_CSP
        return super().process_response(request, response)
