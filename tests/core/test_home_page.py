"""The home page, the base layout and the error pages, as a reader sees them."""

import re

from django.test import Client, override_settings
from django.urls import path

from wagtail.models import Site

import pytest

from core.models import SiteSettings, StandardPage
from settings import urls as project_urls

pytestmark = pytest.mark.django_db

HOME_QUERY_BUDGET = 11


def test_home_page_renders_for_an_anonymous_reader(
    client, site_root, django_assert_max_num_queries
):
    # The first request of a process creates the site's settings row and
    # fills the content-type cache; the budget is for every request after it.
    client.get("/")
    with django_assert_max_num_queries(HOME_QUERY_BUDGET):
        response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert 'class="skip-link" href="#main"' in html
    for landmark in ("<header", '<main id="main"', "<footer", 'role="search"'):
        assert landmark in html
    assert "Nordlicht" in html


def test_layout_loads_nothing_from_other_origins(client, site_root):
    html = client.get("/").content.decode()
    absolute = re.findall(r'(?:src|href|content)="(https?://[^"]+)"', html)
    # Canonical and Open Graph URLs are absolute but point at the site itself.
    assert [url for url in absolute if not url.startswith("http://testserver/")] == []


def test_pages_send_a_strict_content_security_policy(client, site_root):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy


def test_admin_gets_its_own_relaxed_policy(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in response["Content-Security-Policy"]


def test_footer_links_imprint_and_privacy_from_site_settings(client, site_root):
    imprint = site_root.add_child(instance=StandardPage(title="Impressum", slug="impressum"))
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.imprint_page = imprint
    settings.save()
    html = client.get("/").content.decode()
    assert 'href="/impressum/"' in html


def test_not_found_page_uses_the_site_design(client, site_root):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Seite nicht gefunden" in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    assert 'href="/static/css/site.css"' in html


def test_server_error_page_is_friendly_and_in_the_site_design(site_root):
    def broken(request):
        raise RuntimeError("boom")

    urlconf = type("urls", (), {})
    urlconf.urlpatterns = [path("kaputt/", broken), *project_urls.urlpatterns]
    urlconf.handler500 = project_urls.handler500
    client = Client(raise_request_exception=False)
    with override_settings(ROOT_URLCONF=urlconf):
        response = client.get("/kaputt/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Etwas ist schiefgelaufen" in html
    assert "boom" not in html and "Traceback" not in html
    assert 'class="site-header"' in html


def test_health_check_answers_plain_ok(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_admin_never_asks_gravatar_for_editor_faces(client, superuser):
    client.force_login(superuser)
    html = client.get("/admin/").content.decode()
    assert "gravatar" not in html.lower()


def test_employees_find_the_directory_and_their_profile_in_the_header(client, site_root, employee):
    client.force_login(employee)
    html = client.get("/").content.decode()
    assert 'href="/intern/menschen/"' in html
    assert 'href="/intern/profil/"' in html


def test_public_header_has_no_staff_links(client, site_root):
    html = client.get("/").content.decode()
    assert "/intern/" not in html


def test_forbidden_page_uses_the_site_design(client, site_root, django_user_model):
    outsider = django_user_model.objects.create_user("outsider", password="pw-outsider-1")
    client.force_login(outsider)
    response = client.get("/intern/menschen/")
    assert response.status_code == 403
    html = response.content.decode()
    assert 'class="site-header"' in html
    assert "error-page" in html
