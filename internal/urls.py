"""Staff accounts (login, logout, password reset) and the internal area's own routes.

The ``/intern/…`` routes sit next to the internal blog's Wagtail pages;
Django URLs win over Wagtail's page serving, so ``InternalPostPage`` refuses
these slugs (``core.reserved_slugs`` reads them from the URLconf).
"""

from django.urls import include, path, re_path

from .views import accounts, feeds, staff

TOKEN = r"(?P<token>[A-Za-z0-9_-]{20,64})"  # noqa: S105 - a URL pattern  # nosec B105

internal_patterns = [
    path("intern/einstellungen/", staff.settings_page, name="settings"),
    path("intern/bestaetigen/<id:page_id>/", staff.acknowledge, name="acknowledge"),
    # Without a token there is no feed (and no login redirect for feed readers).
    re_path(r"^intern/feed/(?:atom/)?$", feeds.no_token),
    re_path(rf"^intern/feed/{TOKEN}/$", feeds.token_feed, name="token_feed"),
    re_path(
        rf"^intern/feed/{TOKEN}/atom/$", feeds.token_feed, {"atom": True}, name="token_feed_atom"
    ),
]

urlpatterns = [
    path("login/", accounts.StaffLoginView.as_view(), name="login"),
    path("logout/", accounts.StaffLogoutView.as_view(), name="logout"),
    path("login/passwort/", accounts.StaffPasswordResetView.as_view(), name="password_reset"),
    path("login/passwort/gesendet/", accounts.password_reset_done, name="password_reset_done"),
    path(
        "login/passwort/neu/<uidb64>/<token>/",
        accounts.StaffPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "login/passwort/fertig/", accounts.password_reset_complete, name="password_reset_complete"
    ),
    path("", include((internal_patterns, "internal"))),
]
