"""Nothing personal or internal may be stored by a shared cache."""

import pytest

pytestmark = pytest.mark.django_db

PRIVATE = "private, no-store"


def test_internal_pages_are_private_even_for_the_login_redirect(client, make_post):
    post = make_post("Für alle")
    for url in ("/intern/", post.url, "/intern/gibt-es-nicht/", "/intern/einstellungen/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Cache-Control"] == PRIVATE, url


def test_internal_pages_for_employees_are_private(client, make_post, employee):
    post = make_post("Für alle", must_read=True)
    client.force_login(employee)
    for url in ("/intern/", post.url, "/intern/einstellungen/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == PRIVATE, url
        assert "Cookie" in response["Vary"]
    response = client.post(f"/intern/bestaetigen/{post.pk}/")
    assert response["Cache-Control"] == PRIVATE


def test_every_response_to_a_signed_in_user_is_private(client, site_root, employee):
    client.force_login(employee)
    for url in ("/", "/search/?q=Wärme", "/robots.txt", "/sitemap.xml", "/gibt-es-nicht/"):
        response = client.get(url)
        assert response["Cache-Control"] == PRIVATE, url


def test_public_pages_for_anonymous_readers_stay_cacheable(client, site_root):
    response = client.get("/sitemap.xml")
    assert "public" in response["Cache-Control"]
    assert "no-store" not in client.get("/").get("Cache-Control", "")


def test_login_and_password_pages_are_private(client):
    for url in ("/login/", "/login/passwort/"):
        response = client.get(url)
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url
