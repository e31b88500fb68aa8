from django.urls import path

from . import favicon, search, seo, views

urlpatterns = [
    path("language/<str:code>/", views.switch_language, name="switch_language"),
    path("healthz/", views.healthz, name="healthz"),
    path("search/", search.search, name="search"),
    path("sitemap.xml", seo.sitemap, name="sitemap"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
    path("favicon.ico", favicon.favicon, name="favicon"),
]
