"""URL routes of this app (mounted at the site root by settings.urls)."""

urlpatterns: list = []
