"""``/favicon.ico``: browsers and feed readers ask for it whatever the pages link."""

from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.views.decorators.http import require_GET


@require_GET
def favicon(request):
    """Send the request to the site's own SVG icon (the one ``base.html`` links).

    A temporary redirect: the static file's name carries a content hash in
    production, and a cached permanent redirect would outlive it.
    """
    return HttpResponseRedirect(static("img/favicon.svg"))
