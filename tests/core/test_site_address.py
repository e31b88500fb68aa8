"""One address for the site (issue 18, item 2): every absolute URL starts with BASE_URL.

The site runs at ``http://127.0.0.1:8765`` here (``make run`` with
``PORT=8765``); requests still arrive as ``testserver``, so a URL built
from the request's host, from Wagtail's placeholder ``localhost`` site or
from ``django.contrib.sites``' ``example.com`` shows up as a failure.
"""

import io
import os
import re
import subprocess
from datetime import timedelta
from pathlib import Path

from django.contrib.sites.models import Site as DjangoSite
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Site

import pytest
from PIL import Image

from blog.models import BlogIndexPage, BlogPostAuthor, BlogPostPage
from comments.forms import CommentForm
from comments.models import CommentSettings, StimmeComment
from core.models import CustomImage
from core.site_address import absolute, base_url, sync_sites
from people.models import Person

BASE = "http://127.0.0.1:8765"
PROJECT = Path(__file__).resolve().parents[2]
# Any absolute http(s) URL in a text; what is ours must start with BASE.
_URL = re.compile(r"https?://[^\s\"'<>]+")
# Addresses that are not links to a site (XML namespaces, schema.org, share services).
_NOT_OURS = (
    "http://www.w3.org/",
    "http://purl.org/",
    "https://schema.org",
    "http://www.sitemaps.org/",
    "http://backend.userland.com/",
    "https://www.linkedin.com/",
    "https://www.xing.com/",
    "https://x.com/",
    "https://twitter.com/",
    "https://bsky.app/",
    "https://www.facebook.com/",
    "https://api.whatsapp.com/",
    "https://wa.me/",
    "https://mastodonshare.com/",
)


def foreign_urls(text: str) -> list[str]:
    """Absolute URLs in ``text`` that are not on BASE (nor a namespace or share service)."""
    return [
        url
        for url in _URL.findall(text)
        if not url.startswith(BASE + "/") and url != BASE and not url.startswith(_NOT_OURS)
    ]


@pytest.fixture
def running_site(settings, site_root):
    """The address ``make run`` gives with PORT=8765, synced as migrate would."""
    settings.WAGTAILADMIN_BASE_URL = BASE
    sync_sites()
    return site_root


def _image(title: str) -> CustomImage:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 36), (11, 79, 108)).save(buffer, format="PNG")
    image = CustomImage(title=title, credit="Foto: Jörg Schäfer")
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name="waerme.png")
    image.save()
    return image


@pytest.fixture
def post(running_site):
    """A public post with a hero image and an umlaut title, under the blog."""
    index = running_site.add_child(instance=BlogIndexPage(title="Blog", slug="blog"))
    index.save_revision().publish()
    author = Person.objects.create(
        name="Jörg Schäfer",
        slug="joerg-schaefer",
        job_title="Geschäftsführer",
        visibility=Person.Visibility.PUBLIC,
    )
    post = BlogPostPage(
        title="Ein Jahr Wärmewende in Husum",
        slug="ein-jahr-waermewende-in-husum",
        teaser="Was die Fernwärme über Straßen und Höfe lehrt.",
        date=timezone.now() - timedelta(days=1),
        body=[("paragraph", '<p>Mehr im <a href="/blog/">Überblick</a>.</p>')],
        hero_image=_image("Wärmepumpe am Deich"),
    )
    post.authors = [BlogPostAuthor(person=author, sort_order=0)]
    index.add_child(instance=post)
    post.save_revision().publish()
    post.refresh_from_db()
    return post


def test_base_url_and_absolute_build_on_the_setting(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE + "/"
    assert base_url() == BASE
    assert absolute("/blog/wärme/") == BASE + "/blog/wärme/"
    assert absolute("https://media.example.org/a.jpg") == "https://media.example.org/a.jpg"


def test_sync_makes_wagtail_and_django_sites_follow_base_url(settings, site_root):
    settings.WAGTAILADMIN_BASE_URL = BASE
    sync_sites()
    assert Site.objects.get(is_default_site=True).root_url == BASE
    assert DjangoSite.objects.get_current().domain == "127.0.0.1:8765"
    settings.WAGTAILADMIN_BASE_URL = "https://stimme.nordlicht.example"
    sync_sites()
    assert Site.objects.get(is_default_site=True).root_url == "https://stimme.nordlicht.example"
    assert DjangoSite.objects.get_current().domain == "stimme.nordlicht.example"


def test_migrate_syncs_the_sites(settings, site_root):
    settings.WAGTAILADMIN_BASE_URL = BASE
    call_command("migrate", verbosity=0)
    assert Site.objects.get(is_default_site=True).root_url == BASE
    assert DjangoSite.objects.get_current().domain == "127.0.0.1:8765"


@pytest.mark.parametrize(
    "value", ["stimme.example.org", "https://stimme.example.org/blog", "https://host:8443"]
)
def test_a_base_url_the_sites_cannot_express_is_a_clear_error(settings, site_root, value):
    settings.WAGTAILADMIN_BASE_URL = value
    with pytest.raises(ImproperlyConfigured, match="BASE_URL"):
        sync_sites()


def test_blog_feeds_link_to_the_running_site(client, post):
    for url in ("/blog/feed/", "/blog/feed/atom/"):
        response = client.get(url)
        assert response.status_code == 200
        xml = response.content.decode()
        assert f"{BASE}{post.url}" in xml
        assert foreign_urls(xml) == []


def test_comment_feeds_link_to_the_running_site(client, post):
    StimmeComment.objects.create(
        content_type_id=post.content_type_id,
        object_pk=str(post.pk),
        site_id=1,
        user_name="Käthe Müßig",
        user_email="kaethe@example.org",
        comment="Wie läuft die Wärmepumpe im Winter?",
        is_public=True,
        moderation_status="approved",
        parent_id=0,
    )
    for url in (
        reverse("stimme_comments:feed"),
        reverse("stimme_comments:post_feed", args=[post.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        xml = response.content.decode()
        assert "Käthe Müßig" in xml
        assert f"{BASE}{post.url}" in xml
        assert foreign_urls(xml) == []


def test_sitemap_and_robots_point_at_the_running_site(client, post):
    sitemap = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert f"{BASE}{post.url}" in locations
    assert [url for url in locations if not url.startswith(BASE + "/")] == []
    robots = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {BASE}/sitemap.xml" in robots


def test_post_page_canonical_open_graph_and_share_links_use_the_running_site(client, post):
    html = client.get(post.url).content.decode()
    assert f'<link rel="canonical" href="{BASE}{post.url}">' in html
    assert f'<meta property="og:url" content="{BASE}{post.url}">' in html
    assert re.search(rf'<meta property="og:image" content="{re.escape(BASE)}/[^"]+">', html)
    assert "url=http%3A%2F%2F127.0.0.1%3A8765%2Fblog%2F" in html
    assert "localhost" not in html
    assert "example.com" not in html
    assert foreign_urls(html) == []


def test_home_page_canonical_uses_the_running_site(client, running_site):
    html = client.get("/").content.decode()
    assert f'<link rel="canonical" href="{BASE}/">' in html


def test_confirmation_mail_links_to_the_running_site(
    client, settings, post, django_capture_on_commit_callbacks
):
    # The form is posted at once; the anti-bot delay is not what this test is about.
    settings.COMMENTS_MIN_SUBMIT_SECONDS = 0
    comment_settings = CommentSettings.for_site(post.get_site())
    comment_settings.moderation_policy = "post"
    comment_settings.save()
    data = CommentForm(post).generate_security_data()
    data.update(
        {
            "name": "Käthe Müßig",
            "email": "kaethe@example.org",
            "url": "",
            "comment": "Wie groß ist der Pufferspeicher?",
            "consent": "on",
            "reply_to": "0",
            "website_confirm": "",
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("stimme_comments:post"), data)
    assert response.status_code == 302
    [message] = [m for m in mail.outbox if m.to == ["kaethe@example.org"]]
    links = _URL.findall(message.body)
    assert f"{BASE}/comments/confirm/" in message.body
    assert links and foreign_urls(message.body) == []
    confirm = next(link for link in links if "/comments/confirm/" in link)
    assert client.get(confirm.removeprefix(BASE)).status_code == 302


def test_password_reset_mail_links_to_the_running_site(
    client, running_site, employee, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/login/passwort/", {"email": employee.email})
    assert response.status_code == 302
    [message] = mail.outbox
    assert f"{BASE}/login/passwort/neu/" in message.body
    assert foreign_urls(message.body) == []


def test_wagtail_workflow_mail_links_to_the_running_site(
    post, author_user, editor, django_capture_on_commit_callbacks
):
    post.title = "Wärmepumpen für Höfe an der Förde"
    with django_capture_on_commit_callbacks(execute=True):
        post.save_revision(user=author_user)
        workflow = post.get_workflow()
        assert workflow is not None
        workflow.start(post, author_user)
    bodies = [message.body for message in mail.outbox]
    assert bodies, "Wagtail sent no workflow mail"
    assert any(f"{BASE}/admin/" in body for body in bodies)
    assert [url for body in bodies for url in foreign_urls(body)] == []


def test_make_run_links_at_the_host_and_port_it_serves(tmp_path):
    """``make run PORT=8765`` serves on 127.0.0.1:8765 and gives the processes that BASE_URL.

    ``make -n`` prints the recipe without running it; the one extra prerequisite
    (``+`` runs even under ``-n``) prints the BASE_URL ``run`` exports to its commands.
    """
    env = {key: value for key, value in os.environ.items() if key != "BASE_URL"}
    done = subprocess.run(
        [  # noqa: S607 - make from PATH, as a person runs it
            "make",
            "-n",
            "--eval",
            "run: _show_base_url",
            "--eval",
            '_show_base_url: ; +@echo "BASE_URL=$$BASE_URL"',
            "run",
            "PORT=8765",
        ],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    linked = re.search(r"^BASE_URL=(\S+)$", done.stdout, re.M)
    served = re.search(r"manage\.py runserver (\S+)$", done.stdout, re.M)
    assert linked and served, done.stdout
    assert linked.group(1) == f"http://{served.group(1)}" == BASE
