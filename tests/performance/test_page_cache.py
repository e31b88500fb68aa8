"""The anonymous readers' page cache: fast for strangers, never shared when personal."""

import re

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from comments.models import StimmeComment
from core import pagecache
from core.pagecache import CACHE_HEADER, GENERATION_KEY
from tests.helpers.comments import form_data, stored_comment
from tests.helpers.posts import make_blog_post

pytestmark = pytest.mark.django_db

# A cached page costs no query at all; a fresh render of the same post costs
# its usual budget (tests/comments/test_queries.py pins that one).
MAX_QUERIES_CACHED_PAGE = 0

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')


def cache_state(response) -> str | None:
    return response.headers.get(CACHE_HEADER)


def test_second_anonymous_read_of_a_post_runs_no_queries(
    client, public_post, django_assert_max_num_queries
):
    first = client.get(public_post.url)
    assert first.status_code == 200 and cache_state(first) == "miss"
    with django_assert_max_num_queries(MAX_QUERIES_CACHED_PAGE):
        second = Client().get(public_post.url)
    assert second.status_code == 200 and cache_state(second) == "hit"
    assert public_post.title in second.content.decode()
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_head_is_answered_from_the_cache(client, public_post):
    client.get(public_post.url)
    assert cache_state(Client().head(public_post.url)) == "hit"


def test_listings_search_and_feed_are_cached_too(client, public_post, blog_index):
    for url in (blog_index.url, "/", f"{reverse('search')}?q=Altbau", blog_index.url + "feed/"):
        assert client.get(url).status_code == 200, url
        assert cache_state(Client().get(url)) == "hit", url


def test_each_reader_of_a_cached_post_gets_a_csrf_token_of_their_own(public_post):
    Client().get(public_post.url)  # the first reader fills the cache
    reader = Client(enforce_csrf_checks=True)
    page = reader.get(public_post.url)
    assert cache_state(page) == "hit"
    tokens = set(TOKEN.findall(page.content.decode()))
    assert len(tokens) == 1, "the comment form carries exactly this reader's token"
    secret = reader.cookies["csrftoken"].value
    assert _unmask_cipher_token(tokens.pop()) == secret

    data = form_data(public_post) | {"csrfmiddlewaretoken": TOKEN.search(page.content.decode())[1]}
    response = reader.post(reverse("stimme_comments:post"), data)
    assert response.status_code != 403, "the cached form's token must be accepted"


def test_signed_in_reader_is_never_served_from_the_cache(client, employee, public_post):
    Client().get(public_post.url)  # an anonymous copy exists
    client.force_login(employee)
    response = client.get(public_post.url)
    assert response.status_code == 200
    assert cache_state(response) is None
    assert "private" in response["Cache-Control"]
    assert employee.first_name in response.content.decode()


def test_signed_in_readers_page_is_never_stored(client, employee, public_post):
    client.force_login(employee)
    assert client.get(public_post.url).status_code == 200
    anonymous = Client().get(public_post.url)
    assert cache_state(anonymous) == "miss"
    assert employee.first_name not in anonymous.content.decode()


def test_internal_post_is_never_cached(client, employee, internal_post):
    client.force_login(employee)
    assert client.get(internal_post.url).status_code == 200
    stranger = Client().get(internal_post.url)
    assert stranger.status_code == 302, "strangers go to the login, never to a cached copy"
    assert cache_state(Client().get(internal_post.url)) != "hit"
    assert internal_post.title not in Client().get(internal_post.url).content.decode()


def test_password_protected_page_is_never_cached(public_post):
    PageViewRestriction.objects.create(
        page=public_post, restriction_type=PageViewRestriction.PASSWORD, password="geheim-123"
    )
    for _ in range(2):
        response = Client().get(public_post.url)
        assert cache_state(response) != "hit"
        assert "Teaser" not in response.content.decode()


def test_employees_only_restriction_drops_the_cached_public_copy(public_post):
    assert cache_state(Client().get(public_post.url)) == "miss"
    restriction = PageViewRestriction.objects.create(
        page=public_post, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Employees"))
    assert Client().get(public_post.url).status_code == 302


def test_request_with_authorization_header_is_never_served_or_stored(public_post):
    auth = {"HTTP_AUTHORIZATION": "Basic dXNlcjpwdw=="}
    assert cache_state(Client().get(public_post.url, **auth)) is None
    assert cache_state(Client().get(public_post.url)) == "miss", "the first was not stored"
    assert cache_state(Client().get(public_post.url, **auth)) is None, "nor served from cache"


def test_reader_with_unknown_cookie_bypasses_the_cache(public_post):
    Client().get(public_post.url)
    reader = Client()
    reader.cookies["messages"] = "a-pending-message"
    assert cache_state(reader.get(public_post.url)) is None


def test_publishing_a_post_refreshes_it_and_the_listings(public_post, blog_index, author_person):
    for url in (public_post.url, blog_index.url, "/"):
        Client().get(url)
        assert cache_state(Client().get(url)) == "hit"

    public_post.title = "Wärmepumpen im Altbau: die Antworten"
    public_post.save_revision().publish()
    assert "die Antworten" in Client().get(public_post.url).content.decode()
    assert "die Antworten" in Client().get(blog_index.url).content.decode()

    newer = make_new_post(blog_index, author_person)
    assert newer.title in Client().get(blog_index.url).content.decode()


class FrozenClock:
    """Stands in for ``time.monotonic`` in ``core.pagecache``: moves only when told."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def generation_window(settings, monkeypatch):
    """Production's rule: a process reuses the generation it read for a while."""
    settings.PAGE_CACHE_GENERATION_SECONDS = 1
    clock = FrozenClock()
    monkeypatch.setattr(pagecache, "_clock", clock)
    pagecache.forget_known_generation()
    yield clock
    pagecache.forget_known_generation()


def test_with_a_generation_window_this_process_sees_its_own_changes_at_once(
    client, editor, public_post, generation_window
):
    waiting = stored_comment(public_post, "Gilt das auch für Reihenhäuser?", approved=False)
    Client().get(public_post.url)
    assert cache_state(Client().get(public_post.url)) == "hit"

    client.force_login(editor)
    client.post(reverse("comment_moderation:index"), {"action": "approve", "ids": [waiting.pk]})
    page = Client().get(public_post.url)  # the clock has not moved
    assert cache_state(page) == "miss"
    assert "Gilt das auch für Reihenhäuser?" in page.content.decode()


def test_another_processs_change_reaches_anonymous_readers_within_the_window(
    public_post, generation_window
):
    Client().get(public_post.url)
    assert cache_state(Client().get(public_post.url)) == "hit"

    cache.incr(GENERATION_KEY)  # what another app process's change does to Redis
    generation_window.now += 0.5
    assert cache_state(Client().get(public_post.url)) == "hit", "still within the second"
    generation_window.now += 0.6
    assert cache_state(Client().get(public_post.url)) == "miss", "the window has passed"


def make_new_post(blog_index, author_person):
    return make_blog_post(blog_index, author_person, title="Neu: Sole oder Luft", slug="neu")


def test_unpublishing_removes_the_post_from_cache_and_listing(public_post, blog_index):
    Client().get(public_post.url)
    Client().get(blog_index.url)
    public_post.unpublish()
    assert Client().get(public_post.url).status_code == 404
    assert public_post.title not in Client().get(blog_index.url).content.decode()


def test_approving_a_comment_refreshes_the_post_and_the_index(
    client, editor, public_post, blog_index
):
    waiting = stored_comment(public_post, "Wie laut ist die Außeneinheit?", approved=False)
    for url in (public_post.url, blog_index.url):
        Client().get(url)
        assert cache_state(Client().get(url)) == "hit"

    client.force_login(editor)
    client.post(reverse("comment_moderation:index"), {"action": "approve", "ids": [waiting.pk]})
    assert StimmeComment.objects.get(pk=waiting.pk).is_public
    page = Client().get(public_post.url)
    assert cache_state(page) == "miss"
    assert "Wie laut ist die Außeneinheit?" in page.content.decode()
    assert cache_state(Client().get(blog_index.url)) == "miss", "its comment count changed"


def test_removing_a_comment_hides_it_on_the_cached_post(client, editor, public_post):
    visible = stored_comment(public_post, "Billige Uhren hier")
    assert "Billige Uhren hier" in Client().get(public_post.url).content.decode()
    assert cache_state(Client().get(public_post.url)) == "hit"

    client.force_login(editor)
    client.post(reverse("comment_moderation:index"), {"action": "spam", "ids": [visible.pk]})
    assert "Billige Uhren hier" not in Client().get(public_post.url).content.decode()


def test_a_comment_saved_outside_a_request_drops_the_cache(public_post):
    Client().get(public_post.url)
    stored_comment(public_post, "Aus dem Import")
    assert "Aus dem Import" in Client().get(public_post.url).content.decode()


def test_language_cookie_picks_the_cached_language(public_post):
    german = Client().get(public_post.url)
    assert '<html lang="de">' in german.content.decode()

    reader = Client()
    reader.get("/language/en/")
    english = reader.get(public_post.url)
    assert cache_state(english) == "miss", "English is cached apart from German"
    assert '<html lang="en">' in english.content.decode()
    again = reader.get(public_post.url)
    assert cache_state(again) == "hit"
    assert '<html lang="en">' in again.content.decode()

    german_again = Client().get(public_post.url)
    assert cache_state(german_again) == "hit"
    assert '<html lang="de">' in german_again.content.decode()


def test_admin_is_never_cached(client, editor, site_root):
    client.force_login(editor)
    assert cache_state(client.get("/admin/")) is None
    assert cache_state(Client().get("/admin/login/")) is None


def test_cache_can_be_switched_off(settings, public_post):
    settings.PAGE_CACHE_ENABLED = False
    Client().get(public_post.url)
    assert cache_state(Client().get(public_post.url)) is None
