"""Employee-only routes of the people app (mounted at the site root by settings.urls).

They sit under ``/intern/`` next to the internal blog's Wagtail pages; Django
URLs win over Wagtail's page serving, so no page may use these slugs there.
The public team page and profiles are Wagtail routes of ``TeamPage``.
"""

from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("intern/menschen/", views.directory, name="directory"),
    path("intern/menschen/<slug:slug>/", views.directory_profile, name="directory_profile"),
    path("intern/profil/", views.edit_profile, name="edit_profile"),
]
