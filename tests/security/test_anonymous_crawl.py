"""The boundary test: crawl the whole demo site as an anonymous reader and find nothing internal.

Start at the home page, follow every same-site link (HTML, sitemap, feeds,
robots.txt, redirects), add site search for words that only internal posts
contain and every comment endpoint for every internal page, and fail on any
internal post's title, text or URL, any comment on it, or any private document.
The same crawl as an employee must find the internal posts it may read.
"""

import io
import re
from urllib.parse import parse_qs, quote, urlsplit

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils.html import strip_tags

from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction

import pytest

from comments.models import StimmeComment
from internal.audience import may_read
from internal.demo_posts import INTERNAL_ONLY_WORDS
from internal.models import InternalIndexPage, InternalPostPage

from .crawler import crawl

pytestmark = pytest.mark.django_db(transaction=False)

MIN_TEXT = 25  # shorter snippets could occur on public pages by chance


@pytest.fixture
def demo_site(db):
    call_command("seed_demo", stdout=io.StringIO())
    assert InternalPostPage.objects.live().count() >= 8


def _sentences(text: str) -> list[str]:
    text = " ".join(strip_tags(text).split())
    return [
        part.strip() for part in re.split(r"(?<=[.!?])\s+", text) if len(part.strip()) >= MIN_TEXT
    ]


def _body_text(post) -> list[str]:
    texts = []
    for block in post.body:
        value = block.value
        if block.block_type == "paragraph":
            texts += _sentences(value.source)
        elif block.block_type == "key_points":
            texts += [point for point in value["points"] if len(point) >= MIN_TEXT]
        elif block.block_type == "quote":
            texts += _sentences(value["quote"])
    return texts


def internal_markers() -> dict[str, str]:
    """marker text -> what it is, for everything that must never reach the public."""
    markers: dict[str, str] = {}
    for index in InternalIndexPage.objects.all():
        for sentence in _sentences(index.intro):
            markers[sentence] = f"intro of {index.url}"
    for post in InternalPostPage.objects.all():
        label = f"post {post.slug}"
        markers[post.title] = f"title of {label}"
        for text in (post.subtitle, post.teaser):
            if len(text) >= MIN_TEXT:
                markers[text] = f"summary of {label}"
        for sentence in _body_text(post):
            markers[sentence] = f"body of {label}"
        markers[post.url] = f"URL of {label}"
        markers[quote(post.url)] = f"URL of {label}"
        if post.hero_image:
            # Rendition file names start with the original's name.
            stem = post.hero_image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            markers[f"images/{stem}."] = f"hero image of {label}"
    private = CollectionViewRestriction.objects.values("collection")
    for document in get_document_model().objects.filter(collection__in=private):
        markers[document.title] = "private document title"
        markers[document.url] = "private document URL"
    for text in _comments_on_internal_posts():
        markers[text] = "comment on an internal post"
    return markers


def _comments_on_internal_posts() -> list[str]:
    """Text of comments on internal posts."""
    content_type = ContentType.objects.get_for_model(InternalPostPage)
    texts = StimmeComment.objects.filter(content_type=content_type).values_list(
        "comment", flat=True
    )
    return [snippet for text in texts for snippet in _sentences(text)]


def _reverse_or(name: str, kwargs: dict, fallback: str) -> str:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return fallback


def comment_endpoints(post) -> list[str]:
    """The comment API, feeds and xtd/django_comments URLs for one internal post."""
    content_type = ContentType.objects.get_for_model(InternalPostPage)
    natural = f"{content_type.app_label}-{content_type.model}"
    args = {"content_type": natural, "object_pk": str(post.pk)}
    urls = [
        _reverse_or("comments-xtd-api-list", args, f"/comments/api/{natural}/{post.pk}/"),
        _reverse_or("comments-xtd-api-count", args, f"/comments/api/{natural}/{post.pk}/count/"),
        _reverse_or("stimme_comments:api_list", args, f"/comments/api/{natural}/{post.pk}/"),
        _reverse_or("stimme_comments:api_count", args, f"/comments/api/{natural}/{post.pk}/count/"),
        _reverse_or(
            "stimme_comments:post_feed", {"page_id": post.pk}, f"/comments/feed/{post.pk}/"
        ),
        # Standard django-comments-xtd / django_comments paths, mounted or not.
        f"/comments/api/{natural}/{post.pk}/",
        f"/comments/api/{natural}/{post.pk}/count/",
        f"/comments/cr/{content_type.pk}/{post.pk}/",
        f"/comments/feed/{post.pk}/",
        "/comments/feed/",
        "/comments/feeds/latest/",
        "/comments/api/feeds/",
    ]
    return list(dict.fromkeys(urls))


def extra_urls() -> list[str]:
    """What a crawler would not find by links but an attacker would try."""
    urls = ["/sitemap.xml", "/robots.txt", "/intern/feed/", "/intern/feed/" + "A" * 43 + "/"]
    words = [*INTERNAL_ONLY_WORDS]
    for post in InternalPostPage.objects.all():
        words.append(post.title)
        urls += comment_endpoints(post)
    urls += [f"/search/?q={quote(word)}" for word in words]
    return urls


def _leaks(result, markers) -> list[str]:
    problems = []
    for page in result.pages.values():
        text = page.searchable()
        if page.url.startswith("/search/"):
            # The query is echoed back in the form; only results could leak.
            for query in parse_qs(urlsplit(page.url).query).get("q", []):
                text = text.replace(query, "")
        for marker, what in markers.items():
            if marker and marker in text:
                problems.append(f"{page.url} ({page.status}) shows the {what}: {marker[:60]!r}")
    return problems


def test_anonymous_crawl_finds_nothing_internal(demo_site):
    markers = internal_markers()
    assert len(markers) > 30
    client = Client(SERVER_NAME="localhost")
    result = crawl(client, ["/"], extra_urls())
    print(f"anonymous crawl: {len(result.pages)} URLs")

    fetched = [page for page in result.ok() if page.content_type.startswith("text/html")]
    assert len(fetched) > 20, "the crawl should reach the public site"
    assert any(page.url.startswith("/blog/") for page in fetched)
    assert "/sitemap.xml" in result.pages and result.pages["/sitemap.xml"].status == 200
    assert any("rss" in page.content_type or "atom" in page.content_type for page in result.ok())

    problems = _leaks(result, markers)
    problems += [
        f"image {url} of an internal post is linked"
        for url in result.unfetched
        for marker, what in markers.items()
        if what.startswith("hero image") and marker in url
    ]
    assert not problems, "\n".join(problems[:30])

    # Every picture the public site shows is served to its readers; no file of
    # an internal post's hero is (core.image_access, tests/security/test_private_images.py).
    images = sorted({url for url in result.unfetched if url.startswith("/media/")})
    assert len(images) > 10, "the public demo shows pictures"
    broken = {url: client.get(url).status_code for url in images}
    assert not {url: status for url, status in broken.items() if status != 200}
    for post in InternalPostPage.objects.exclude(hero_image=None):
        hero = post.hero_image
        hero.get_rendition("fill-80x80|format-webp")
        for url in [hero.file.url, *(rendition.url for rendition in hero.renditions.all())]:
            assert client.get(url).status_code == 404, (post.title, url)

    # No internal page, comment endpoint or private document answers with content.
    for page in result.pages.values():
        if page.url.startswith(("/intern/", "/documents/")):
            assert page.status in (302, 404), (page.url, page.status)
    for post in InternalPostPage.objects.all():
        for url in comment_endpoints(post):
            assert result.pages[url].status != 200 or post.url not in result.pages[url].text

    # Private documents: Wagtail's serve view sends anonymous readers to the login,
    # and the raw file is not served from MEDIA_ROOT.
    private = CollectionViewRestriction.objects.values("collection")
    documents = list(get_document_model().objects.filter(collection__in=private))
    assert documents, "the demo attaches a document to the must-read policy"
    for document in documents:
        response = client.get(document.url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]
        assert client.get(f"/media/{document.file.name}").status_code == 404


def test_employee_crawl_finds_the_internal_posts(demo_site):
    jonas = get_user_model().objects.get(username="jonas.berger")
    client = Client(SERVER_NAME="localhost")
    client.force_login(jonas)
    result = crawl(client, ["/"])
    print(f"employee crawl: {len(result.pages)} URLs")
    seen_text = "\n".join(page.searchable() for page in result.ok())

    readable = [post for post in InternalPostPage.objects.live() if may_read(jonas, post)]
    hidden = [post for post in InternalPostPage.objects.live() if not may_read(jonas, post)]
    assert len(readable) >= 8
    assert hidden, "the demo has a confidential post Jonas is not in the audience of"
    for post in readable:
        assert post.url in result.pages, f"{post.url} not reached from the home page"
        assert result.pages[post.url].status == 200
        assert post.title in seen_text
    for post in hidden:
        assert post.title not in seen_text
        assert post.url not in result.pages or result.pages[post.url].status == 404

    # Search finds internal posts for employees.
    for word in INTERNAL_ONLY_WORDS[:2]:
        html = client.get(f"/search/?q={quote(word)}").content.decode()
        assert "/intern/" in html, word
