"""sitemap.xml and robots.txt, read as a crawler reads them."""

import xml.etree.ElementTree as ET

from wagtail.models import PageViewRestriction

import pytest

from core import seo
from core.models import StandardPage
from core.seo import SectionSitemap, register_sitemap

from .conftest import HIDDEN_MARKER, restrict_to_employees

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _locations(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    return [loc.text for loc in root.findall("sm:url/sm:loc", NS)]


def test_sitemap_lists_public_pages_posts_and_categories(client, make_post, categories):
    post = make_post("Öffentlich", categories=[categories["tech"]])
    locations = _locations(client)
    assert "http://testserver/" in locations
    assert "http://testserver/blog/" in locations
    assert f"http://testserver{post.url}" in locations
    assert "http://testserver/blog/category/waermepumpen/" in locations
    # A category without public posts is not worth crawling.
    assert "http://testserver/blog/category/unternehmen/" not in locations


def test_sitemap_never_lists_drafts_scheduled_or_internal_pages(
    client, employee, make_post, hidden_posts
):
    make_post("Öffentlich")
    for logged_in in (False, True):
        if logged_in:
            client.force_login(employee)
        locations = _locations(client)
        for key in ("draft", "scheduled", "internal", "section", "internal_page"):
            assert not any(
                hidden_posts[key].url_path.rstrip("/").split("/")[-1] in loc for loc in locations
            ), key
        assert "/intern/" not in " ".join(locations)
        assert HIDDEN_MARKER not in client.get("/sitemap.xml").content.decode()


def test_apps_can_add_sitemap_sections(client, site_root):
    class Extra(SectionSitemap):
        def items(self):
            return ["/extra/"]

        def location(self, item):
            return item

    register_sitemap("extra", Extra)
    try:
        assert "http://testserver/extra/" in _locations(client)
    finally:
        seo._SECTIONS.pop("extra", None)  # the registry is module state


def test_robots_txt_keeps_crawlers_out_of_admin_and_internal_areas(client, hidden_posts):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /intern/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /" not in lines  # the public site stays crawlable


def test_index_canonical_and_meta_description(client, make_post, categories):
    make_post(categories=[categories["tech"]])
    html = client.get("/blog/?page=1").content.decode()
    assert '<link rel="canonical" href="http://testserver/blog/">' in html
    html = client.get("/blog/category/waermepumpen/").content.decode()
    assert '<link rel="canonical" href="http://testserver/blog/category/waermepumpen/">' in html
    assert '<meta name="description" content="' in html


def test_robots_txt_names_no_restricted_post_or_draft(client, make_post, hidden_posts, site_root):
    # A slug is content ("kuendigungen-werk-husum"): robots.txt is read by anyone, so it
    # may name only what anyone knows already, the restricted section's root.

    draft = make_post("Kündigungen im Werk Husum", state="draft")
    draft.slug = "kuendigungen-werk-husum"
    draft.save()
    PageViewRestriction.objects.create(
        page=draft, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    # A live section behind a shared password: its address is the secret.
    secret_section = site_root.add_child(
        instance=StandardPage(title="Übernahme Nordwind", slug="uebernahme-nordwind")
    )
    PageViewRestriction.objects.create(
        page=secret_section, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    # A section for employees that is not published yet.
    future = site_root.add_child(
        instance=StandardPage(title="Neues Intranet", slug="intranet-2027", live=False)
    )
    restrict_to_employees(future)
    text = client.get("/robots.txt").content.decode()
    hidden = ("kuendigungen-werk-husum", "uebernahme-nordwind", "intranet-2027")
    for slug in (*hidden, hidden_posts["internal"].slug):
        assert slug not in text
    assert HIDDEN_MARKER.lower() not in text.lower()
    assert "Disallow: /intern/" in text.splitlines()
