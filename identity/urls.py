from django.urls import include, path

from . import logout, views
from .scim import urls as scim_urls

# social-core reverses "social:complete" for the redirect URI it sends the provider.
sso_patterns = [
    path("sso/login/<str:backend>/", views.begin, name="begin"),
    path("sso/complete/<str:backend>/", views.complete, name="complete"),
    path("sso/angemeldet/", views.signed_in, name="signed_in"),
    path("sso/gesperrt/", views.account_disabled, name="account_disabled"),
]

urlpatterns = [
    path("sso/backchannel-logout/", logout.backchannel_logout, name="backchannel_logout"),
    path("", include((sso_patterns, "social"))),
    *scim_urls.urlpatterns,
]
