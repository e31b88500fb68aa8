"""The site's URLs plus one cacheable-looking view that sets a cookie (tests only)."""

from django.http import HttpResponse
from django.urls import path

from settings.urls import urlpatterns as site_urlpatterns


def page_that_sets_a_cookie(request):
    response = HttpResponse("<p>Willkommen zurück</p>")
    response.set_cookie("seen_banner", "1")
    return response


urlpatterns = [path("cookie-page/", page_that_sets_a_cookie), *site_urlpatterns]
