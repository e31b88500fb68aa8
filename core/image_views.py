"""Image files (originals and renditions), served only to readers who may see them.

``settings.urls`` routes ``/media/images/…`` and ``/media/original_images/…``
here; ``core.image_access`` decides. Anything refused or unknown is a 404,
never a 403: a stranger learns nothing about which files exist.

Public renditions are cacheable by browsers and a CDN for
``IMAGE_CACHE_SECONDS``; everything else is ``private, no-store``
(``core.middleware.mark_private``). With ``MEDIA_ACCEL_REDIRECT`` set, a
front server (nginx ``X-Accel-Redirect``) sends the bytes after the check,
from an ``internal`` location nobody can request directly.
"""

import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

from .image_access import find_image_file, may_download
from .middleware import mark_private
from .models import CustomImage, CustomRendition


def _storage(found):
    model = CustomImage if found.original else CustomRendition
    return model._meta.get_field("file").storage


@require_safe
def serve_image(request, name: str):
    """One image file, or the site's 404 (for strange names too, never a 500)."""
    found = find_image_file(name)
    if found is None or not may_download(request.user, found):
        mark_private(request)
        raise Http404("no such image")
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    accel_prefix = getattr(settings, "MEDIA_ACCEL_REDIRECT", "")
    if accel_prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel_prefix + quote(name)
    else:
        response = _file_response(request, found, content_type)
    if found.public:
        response["Cache-Control"] = f"public, max-age={settings.IMAGE_CACHE_SECONDS}"
    else:
        mark_private(request)
    return response


def _file_response(request, found, content_type):
    storage = _storage(found)
    try:
        modified = storage.get_modified_time(found.name).timestamp()
    except (OSError, NotImplementedError):
        modified = None
    if modified is not None and not was_modified_since(
        request.META.get("HTTP_IF_MODIFIED_SINCE"), modified
    ):
        return HttpResponseNotModified()
    try:
        handle = storage.open(found.name, "rb")
    except OSError as error:  # deleted meanwhile, or a name the file system refuses
        raise Http404("no such image") from error
    response = FileResponse(handle, content_type=content_type)
    if modified is not None:
        response["Last-Modified"] = http_date(modified)
    return response
