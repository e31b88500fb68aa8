"""Umlauts in URLs, through the real servers: post, tag page and tag feed answer 200, twice.

Django's test client never takes ``settings.wsgi``'s page-cache fast path,
so these requests go to a real server process (gunicorn as in production,
``manage.py runserver`` as under ``make run``) serving
``settings.wsgi.application`` with the page cache on, on a free loopback
port, against the test database. The first request renders (a miss), the
second is answered from the cache: both must reach the same page.

The slugs keep their umlauts, as content created before any transliteration
of new slugs has them: those URLs must keep working.
"""

import importlib.util
from urllib.parse import quote, unquote

from django.conf import settings

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

import pytest
from taggit.models import Tag

from comments.models import CommentSettings
from core.models import HomePage, SiteSettings
from core.pagecache import CACHE_HEADER
from tests.factories.blog import BlogIndexPageFactory
from tests.factories.people import DepartmentFactory, PersonFactory
from tests.helpers.posts import make_blog_post
from tests.helpers.real_parts import missing_real_part
from tests.reliability.processes import Browser, database_url, manage, process_env, stop, wait_for
from tests.reliability.processes import Site as Gunicorn
from tests.reliability.tcp_proxy import free_port

# Committed rows: the server is another process with its own connection.
pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Ein Jahr Wärmewende in Husum"
POST_SLUG = "ein-jahr-wärmewende-in-husum"
TAG = "Fernwärme"
TAG_SLUG = "fernwärme"


def _require_gunicorn() -> None:
    if importlib.util.find_spec("gunicorn") is None:
        missing_real_part("gunicorn is not installed here: CI must run the real server")


class Runserver:
    """``manage.py runserver`` (no reloader), the server ``make run`` starts."""

    def __init__(self, env: dict, log, port: int):
        self.url = f"http://127.0.0.1:{port}"
        self.log = log
        self.process = manage(
            "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}", env=env, log=log
        )
        wait_for(self._healthy, 60, f"runserver on {self.url} (log: {log})", pause=0.2)

    def _healthy(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"runserver exited:\n{self.log.read_text()[-3000:]}")
        try:
            return Browser(self.url).get("/healthz/", timeout=2).status == 200
        except OSError:
            return False

    def stop(self) -> None:
        stop(self.process)


SERVERS = {"gunicorn": Gunicorn, "runserver": Runserver}


@pytest.fixture(params=SERVERS)
def server(request, tmp_path):
    """A real server process serving ``settings.wsgi.application``, page cache on."""
    if request.param == "gunicorn":
        _require_gunicorn()
    # tests.reliability.site_settings: the test settings with the page cache on.
    env = process_env(database_url())
    running = SERVERS[request.param](env, tmp_path / f"{request.param}.log", free_port())
    yield running
    running.stop()


@pytest.fixture
def umlaut_post():
    """A public post „Ein Jahr Wärmewende in Husum“ tagged „Fernwärme“, committed.

    Built from the ground up: a transactional test may start from a flushed
    database, without the rows migrations create (root page, site, locale).
    """
    locale, _created = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )
    home = root.add_child(
        instance=HomePage(title="Nordlicht", slug="nordlicht-start", intro="Moin")
    )
    Site.objects.filter(is_default_site=True).delete()
    site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    # The first page view would create these (a content change, dropping the cache once).
    SiteSettings.for_site(site)
    CommentSettings.for_site(site)
    blog = BlogIndexPageFactory(parent=home)
    author = PersonFactory(
        name="Jörg Größmann",
        slug="joerg-groessmann",
        job_title="Geschäftsführer",
        department=DepartmentFactory(name="Energiewende", slug="energiewende"),
    )
    Tag.objects.create(name=TAG, slug=TAG_SLUG)
    post = make_blog_post(blog, author, title=TITLE, slug=POST_SLUG)
    post.tags.add(TAG)
    post.save_revision().publish()
    post.refresh_from_db()
    return post


def test_post_tag_page_and_tag_feed_with_umlauts_answer_twice(server, umlaut_post):
    # Wagtail links the post percent-encoded, as browsers send it.
    assert unquote(umlaut_post.url) == f"/blog/{POST_SLUG}/"
    reader = Browser(server.url)
    for path, expected in (
        (umlaut_post.url, TITLE),
        (quote(f"/blog/tag/{TAG_SLUG}/"), TITLE),
        (quote(f"/blog/tag/{TAG_SLUG}/feed/"), TITLE),
    ):
        states = []
        for _ in range(2):
            answer = reader.get(path)
            assert answer.status == 200, f"{path}: {answer.status}"
            assert expected in answer.text, path
            states.append(answer.headers.get(CACHE_HEADER))
        assert states == ["miss", "hit"], f"{path}: {states}"
