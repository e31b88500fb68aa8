"""Browsers ask for /favicon.ico whatever the page links; it must not be a 404."""

from django.contrib.staticfiles import finders

import pytest

pytestmark = pytest.mark.django_db


def test_favicon_ico_leads_to_the_sites_own_icon(client):
    response = client.get("/favicon.ico")
    # The test client serves no static files; whitenoise/runserver serve the target.
    assert response.status_code == 302
    target = response["Location"]
    assert target.startswith("/static/") and target.endswith(".svg")
    icon = finders.find(target.removeprefix("/static/"))
    assert icon, f"{target} is not a static file"
    with open(icon, "rb") as handle:
        assert b"<svg" in handle.read()
