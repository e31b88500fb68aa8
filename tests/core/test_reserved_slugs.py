"""A page slug that a Django URL answers first is reserved, read from the URLconf itself."""

from django.http import HttpResponse
from django.test import override_settings
from django.urls import include, path, re_path

from core.reserved_slugs import slugs_taken_by_django


def _view(request, **kwargs):
    return HttpResponse()


class extra_routes:  # a URLconf module stand-in
    urlpatterns = [
        path("", include([path("intern/kantine/<int:day>/", _view)])),
        re_path(r"^intern/archiv/(?P<year>\d{4})/$", _view),
        path("intern/<slug:anything>/", _view),
        path("", include("settings.urls")),
    ]


def test_routes_of_internal_and_people_below_the_internal_section_are_reserved():
    assert {"einstellungen", "feed", "bestaetigen", "menschen", "profil"} <= (
        slugs_taken_by_django("/intern/")
    )


def test_a_new_route_reserves_its_slug_without_anyone_listing_it():
    with override_settings(ROOT_URLCONF=extra_routes):
        taken = slugs_taken_by_django("/intern/")
    assert {"kantine", "archiv", "menschen"} <= taken
    assert "" not in taken


def test_the_site_root_reserves_the_apps_top_level_routes():
    taken = slugs_taken_by_django("/")
    assert {"admin", "intern", "search", "login"} <= taken
    assert "blog" not in taken  # a Wagtail page, not a Django route
