"""The executive's journey on the running site, to the end, in German.

Dr. Katrin Albers writes a post with umlauts, an en dash and ß in its title,
tags it „Fernwärme“ and uploads its image through the admin's chooser; she
submits it for moderation. Miriam Hoffmann, editor, follows the workflow
mail's link and approves it. An anonymous reader, who had the blog and the
tag page in the page cache before, then reaches the post three ways — the
blog index, the RSS feed the page announces, the sitemap robots.txt names —
and each time the post answers 200 with its title and its image showing.
Umlaut URLs through the page cache's WSGI fast path were 404s (issue 18).
"""

import re
import xml.etree.ElementTree as ET  # noqa: S405 - our own feed and sitemap
from urllib.parse import unquote, urljoin

import pytest
from playwright.sync_api import expect

from .journey_fixtures import image_shows, log_in, mail_to, path_of, photo, shoot, tab  # noqa: F401

pytestmark = pytest.mark.e2e

TITLE = "Ein Jahr Wärmewende in Husum – Größer als gedacht"
TEASER = "Mehr Anschlüsse, weniger Gas: unsere Bilanz nach zwölf Monaten Fernwärme an der Nordsee."
TAG = "Fernwärme"
IMAGE_TITLE = "Fernwärmeleitung am Husumer Binnenhafen"
IMAGE_ALT = "Neue Fernwärmeleitung, blau gedämmt, im Graben am Binnenhafen"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _write_and_submit(page, site, image_path):
    log_in(page, site, "katrin.albers", admin=True)
    page.get_by_role("link", name="Blogbeitrag").click()
    page.wait_for_url(re.compile(r"/admin/pages/add/blog/blogpostpage/\d+/"))
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_teaser").fill(TEASER)

    # The image comes through the admin's own upload, as an author adds one.
    page.locator("#id_hero_image-chooser").get_by_role("button", name="Bild auswählen").click()
    chooser = page.locator(".modal-dialog")
    chooser.get_by_role("tab", name="Hochladen").click()
    chooser.locator("#id_image-chooser-upload-file").set_input_files(image_path)
    # Wagtail fills the title from the file name (a moment later); she then writes her own.
    title = chooser.locator("#id_image-chooser-upload-title")
    expect(title).to_have_value(image_path.stem)
    title.fill(IMAGE_TITLE)
    chooser.locator("#id_image-chooser-upload-description").fill(IMAGE_ALT)
    chooser.locator("form:has(#id_image-chooser-upload-file) button[type=submit]").click()
    chooser.wait_for(state="detached")
    assert page.locator("#id_hero_image-title").inner_text() == IMAGE_TITLE

    tags = page.locator("#id_tags").locator("xpath=..").locator("ul.tagit input").first
    tags.fill(TAG)
    tags.press("Enter")
    # tag-it writes the hidden field a moment after Enter (a busy machine shows it).
    expect(page.locator("#id_tags")).to_have_value(TAG)
    shoot(page, "executive-writes")

    # Wagtail autosaves the new page in the background, and only once that
    # first save has answered does the form post to the page's edit view. A
    # submit sent while it is still on its way goes to the create view and
    # collides with the page it has just made; she waits for „Gespeichert“.
    expect(page.locator("#w-autosave-indicator")).to_have_attribute(
        "data-w-autosave-state-value", "saved", timeout=30_000
    )
    page.get_by_role("button", name="Mehr Aktionen").click()
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Freigabe durch Redaktion einreichen")).click()
    errors = page.locator(".error-message, .w-field__errors").all_inner_texts()
    assert "zur Moderation eingereicht" in page.locator(".messages").inner_text(), errors


def _editor_approves_from_the_workflow_mail(page, site, since):
    mail = site.wait_for_mail(
        mail_to("miriam.hoffmann@nordlicht.example", TITLE), since=since, what="workflow"
    )
    edit_url = mail.link("/edit/")
    path_of(edit_url, site)
    page.goto(edit_url)  # the admin asks her to sign in first, then takes her there
    page.locator("#id_username").fill("miriam.hoffmann")
    page.locator("#id_password").fill(site.password)
    with page.expect_navigation():
        page.locator("form:has(#id_password) button[type=submit]").first.click()
    assert page.url == edit_url, page.url
    assert page.locator("#id_title").input_value() == TITLE
    page.get_by_role("button", name="Mehr Aktionen").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Freigeben und Veröffentlichen", exact=True).click()
    shoot(page, "editor-approved")


def _opens_the_post(page, how, opening):
    """``opening()`` navigates to the post; it must answer 200 with title and image."""
    with page.expect_navigation() as navigation:
        opening()
    assert navigation.value.status == 200, f"from {how}: {navigation.value.status} {page.url}"
    assert page.get_by_role("heading", level=1).inner_text() == TITLE, f"from {how}"
    hero = page.locator(f"main img[alt='{IMAGE_ALT}']").first
    assert image_shows(hero), f"from {how}: the post's image does not show"


def _find_tag_page(page, site) -> str:
    """The „Fernwärme“ tag page, as a reader finds it: from a demo post that carries the tag."""
    page.goto(site.url + "/blog/")
    page.get_by_role("link", name="Die erste Großwärmepumpe für unser eigenes Stadtwerk").click()
    with page.expect_navigation() as navigation:
        page.locator("main a[href*='/tag/']", has_text=TAG).first.click()
    assert navigation.value.status == 200, page.url
    return page.url


def _titles_on(page, url) -> str:
    page.goto(url)
    return page.locator("main").inner_text()


def test_executive_publishes_with_an_uploaded_image_and_readers_find_it(
    tab,  # noqa: F811 - the fixture imported above
    live_site,
    tmp_path,
):
    site = live_site
    reader = tab()
    # The reader's blog and tag page are in the page cache before the post exists.
    tag_url = _find_tag_page(reader, site)
    assert TITLE not in _titles_on(reader, tag_url)
    assert TITLE not in _titles_on(reader, site.url + "/blog/")

    katrin = tab()
    since = site.mail_mark()
    _write_and_submit(katrin, site, photo(tmp_path, "waermeleitung-husum.png"))
    assert TITLE not in _titles_on(reader, site.url + "/blog/"), "public before the approval"

    miriam = tab()
    _editor_approves_from_the_workflow_mail(miriam, site, since)

    # 1. From the blog index: the newest card, clicked.
    reader.goto(site.url + "/blog/")
    card = reader.locator("main article").first
    assert TITLE in card.inner_text() and "Dr. Katrin Albers" in card.inner_text()
    assert image_shows(card.locator("img").first), "the card's image does not show"
    shoot(reader, "reader-blog-index")
    _opens_the_post(reader, "the blog index", card.get_by_role("link", name=TITLE).click)
    post_url = reader.url
    shoot(reader, "reader-post")

    # Its tag leads to the same tag page, which lists it now.
    with reader.expect_navigation() as navigation:
        reader.locator("main a[href*='/tag/']", has_text=TAG).first.click()
    assert navigation.value.status == 200 and unquote(reader.url) == unquote(tag_url)
    assert TITLE in reader.locator("main").inner_text(), f"tag page {reader.url}"
    shoot(reader, "reader-tag-page")

    # 2. From the feed the blog announces: the item's link, opened in the browser.
    reader.goto(site.url + "/blog/")
    feed_href = reader.locator("link[rel=alternate][type='application/rss+xml']").first
    feed_url = urljoin(site.url, feed_href.get_attribute("href"))
    feed = reader.request.get(feed_url)
    assert feed.status == 200, feed_url
    items = ET.fromstring(feed.body()).iter("item")  # noqa: S314 - our own feed
    item_link = next(i.findtext("link") for i in items if i.findtext("title") == TITLE)
    path_of(item_link, site)
    _opens_the_post(reader, "the feed", lambda: reader.goto(item_link))

    # 3. From the sitemap that robots.txt names.
    robots = reader.request.get(site.url + "/robots.txt")
    assert robots.status == 200
    sitemap_url = re.search(r"(?m)^Sitemap:\s*(\S+)", robots.text()).group(1)
    path_of(sitemap_url, site)
    sitemap_answer = reader.request.get(sitemap_url)
    assert sitemap_answer.status == 200, sitemap_url
    sitemap = ET.fromstring(sitemap_answer.body())  # noqa: S314 - our own sitemap
    locations = [loc.text for loc in sitemap.iterfind(".//s:loc", SITEMAP_NS)]
    in_sitemap = [url for url in locations if unquote(url) == unquote(post_url)]
    assert in_sitemap, f"{post_url} not in the sitemap"
    path_of(in_sitemap[0], site)
    _opens_the_post(reader, "the sitemap", lambda: reader.goto(in_sitemap[0]))


PREVIEW_TITLE = "Straßenfest am Deich: Grüße aus Büsum"


def test_the_live_preview_shows_the_post_as_it_is_written(tab, live_site):  # noqa: F811
    """The preview panel frames the post page in the admin (it was blank: frame-ancestors)."""
    page = tab()
    log_in(page, live_site, "katrin.albers", admin=True)
    page.get_by_role("link", name="Blogbeitrag").click()
    page.wait_for_url(re.compile(r"/admin/pages/add/blog/blogpostpage/\d+/"))
    page.locator("#id_title").fill(PREVIEW_TITLE)
    page.locator("#id_teaser").fill("Musik, Fischbrötchen und die neue Wärmepumpe zum Anfassen.")
    page.locator('[data-side-panel-toggle="preview"]').click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("main h1")).to_contain_text(PREVIEW_TITLE, timeout=30_000)
    shoot(page, "executive-live-preview")
