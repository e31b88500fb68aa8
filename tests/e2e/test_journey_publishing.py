"""Journey 4: an executive drafts a post in the Wagtail admin, an editor approves it.

The admin is Wagtail's, heavy on JavaScript: the journey finds controls by
role and accessible name (Wagtail's German translation), and fields by their
Django ids, which Wagtail keeps stable.
"""

import re

import pytest

from blog.models import BlogIndexPage, BlogPostPage
from tests.helpers.browser import log_in

pytestmark = pytest.mark.e2e

TITLE = "Wärmepumpen im Altbau: Was wir aus 40 Sanierungen gelernt haben"
TEASER = "Vorlauftemperaturen, Heizkörper und Geduld: unsere Bilanz aus drei Jahren Altbau."


def test_executive_drafts_a_post_and_an_editor_approves_it(new_tab, seeded):
    blog_index = BlogIndexPage.objects.get()

    katrin = new_tab()
    log_in(katrin, seeded, "katrin.albers")
    katrin.goto(f"{seeded}/admin/pages/{blog_index.pk}/")
    add_page = re.compile("Unterseite hinzufügen|Seite hinzufügen")
    katrin.get_by_role("link", name=add_page).first.click()
    katrin.wait_for_url(re.compile(r"/admin/pages/add/blog/blogpostpage/\d+/"))
    katrin.locator("#id_title").fill(TITLE)
    katrin.locator("#id_teaser").fill(TEASER)
    # A new post starts with the signed-in executive as its author.
    assert "Dr. Katrin Albers" in katrin.locator("#id_authors-FORMS").inner_text()
    katrin.get_by_role("button", name="Mehr Aktionen").click()
    katrin.get_by_role("button", name=re.compile("Freigabe durch Redaktion einreichen")).click()
    katrin.wait_for_url(f"**/admin/pages/{blog_index.pk}/")
    assert "zur Moderation eingereicht" in katrin.locator("body").inner_text()

    # Nothing public before the editor has said yes.
    katrin.goto(seeded + "/blog/")
    assert TITLE not in katrin.locator("main").inner_text()
    assert BlogPostPage.objects.get(title=TITLE).live is False

    miriam = new_tab()
    log_in(miriam, seeded, "miriam.hoffmann")
    miriam.goto(seeded + "/admin/")
    review = miriam.get_by_role("region", name=re.compile("Überprüfung")).or_(
        miriam.locator("section", has_text="Ihre Überprüfung steht aus")
    )
    review.first.get_by_role("link", name=TITLE).click()
    miriam.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    miriam.get_by_role("button", name="Mehr Aktionen").click()
    with miriam.expect_navigation():
        miriam.get_by_role("button", name="Freigeben und Veröffentlichen", exact=True).click()
    assert "veröffentlicht" in miriam.locator("body").inner_text().lower()

    reader = new_tab()
    reader.goto(seeded + "/blog/")
    newest = reader.locator("main article").first
    assert TITLE in newest.inner_text()
    assert "Dr. Katrin Albers" in newest.inner_text()
    newest.get_by_role("link", name=TITLE).click()
    assert reader.get_by_role("heading", level=1).inner_text() == TITLE
    assert TEASER in reader.locator("main").inner_text()

    reader.goto(seeded + "/blog/feed/")
    feed = reader.content()
    assert TITLE in feed
