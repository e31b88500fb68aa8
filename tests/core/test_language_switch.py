"""German by default; the switch remembers English and sends the reader back."""

import pytest

pytestmark = pytest.mark.django_db


def test_german_is_the_default_even_for_an_english_browser(client, site_root):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "de"
    assert '<html lang="de">' in response.content.decode()
    assert "Zum Inhalt springen" in response.content.decode()


def test_switching_to_english_sets_a_cookie_and_returns_to_the_page(client, site_root):
    response = client.get("/language/en/", {"next": "/gibt-es-nicht/?x=1"})
    assert response.status_code == 302
    assert response["Location"] == "/gibt-es-nicht/?x=1"
    assert response.cookies["django_language"].value == "en"

    page = client.get("/")
    html = page.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert page["Content-Language"] == "en"


def test_switching_back_to_german(client, site_root):
    client.get("/language/en/")
    client.get("/language/de/")
    assert "Zum Inhalt springen" in client.get("/").content.decode()


def test_language_links_are_in_the_header(client, site_root):
    html = client.get("/").content.decode()
    assert 'href="/language/en/?next=%2F"' in html
    assert 'aria-current="true">Deutsch<' in html


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"]
)
def test_language_switch_never_redirects_off_site(client, target):
    response = client.get("/language/en/", {"next": target})
    assert response["Location"] == "/"


def test_unknown_language_is_not_found(client, site_root):
    assert client.get("/language/fr/").status_code == 404
