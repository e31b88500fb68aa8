from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core.image_views import serve_image
from internal.views.accounts import AdminLogoutView

urlpatterns = [
    # Before Wagtail's admin URLs: its own logout view signs out on a GET too.
    path("admin/logout/", AdminLogoutView.as_view(), name="wagtailadmin_logout"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("core.urls")),
    path("", include("people.urls")),
    path("", include("blog.urls")),
    path("", include("internal.urls")),
    path("", include("comments.urls")),
    path("", include("polls.urls")),
    # Company sign-in (/sso/…) and SCIM provisioning (/scim/v2/…).
    path("", include("identity.urls")),
]

# Image files (originals and renditions) only after asking who may see them
# (core.image_access). Documents go through Wagtail's serve view, which
# checks collection privacy; nothing else under MEDIA_ROOT is served.
urlpatterns += [
    re_path(
        r"^media/(?P<name>(?:images|original_images)/[^\x00]+)$",
        serve_image,
        name="image_file",
    )
]

# Wagtail's page serving catches everything else, so it must stay last.
urlpatterns += [path("", include(wagtail_urls))]

handler404 = "core.views.page_not_found"
# Database outages get a 503 with Retry-After, everything else the friendly 500.
handler500 = "core.errors.server_error"
