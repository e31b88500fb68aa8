"""Only content changes drop the page cache; a stranger's POST does not.

Wagtail answers a POST to any page with the page (200), and a reader's
unconfirmed comment changes nothing other readers see: neither may empty
the cache for everyone (one request a second would keep every reader on
freshly rendered pages). Publishing a post, approving or hiding a comment
and an editor's official answer still drop it at once.
"""

from django.test import Client
from django.urls import reverse

import pytest

from comments.editing import erase_for
from comments.models import CommentLike, PendingComment
from core.pagecache import CACHE_HEADER
from tests.helpers.comments import form_data, stored_comment
from tests.helpers.posts import make_blog_post

pytestmark = pytest.mark.django_db


def cache_state(response) -> str | None:
    return response.headers.get(CACHE_HEADER)


def cached(url: str) -> None:
    """Fill the cache for ``url`` and make sure the next reader gets the copy."""
    Client().get(url)
    assert cache_state(Client().get(url)) == "hit", url


@pytest.mark.parametrize("target", ["post", "index", "home"])
def test_anonymous_post_to_a_public_page_keeps_the_cache(target, public_post, blog_index):
    url = {"post": public_post.url, "index": blog_index.url, "home": "/"}[target]
    cached(public_post.url)
    cached(url)

    stranger = Client()
    answer = stranger.post(url, {"q": "Größe"})
    assert answer.status_code == 200, "Wagtail answers a POST to a page with the page"

    assert cache_state(Client().get(public_post.url)) == "hit"
    assert cache_state(Client().get(url)) == "hit"


def test_a_readers_unconfirmed_comment_keeps_the_cache(public_post, blog_index):
    for url in (public_post.url, blog_index.url):
        cached(url)
    data = form_data(public_post, comment="Wie groß muss der Pufferspeicher sein?")
    response = Client().post(reverse("stimme_comments:post"), data)
    assert response.status_code == 302
    assert PendingComment.objects.filter(comment__startswith="Wie groß").exists()

    assert cache_state(Client().get(public_post.url)) == "hit"
    assert cache_state(Client().get(blog_index.url)) == "hit"


def test_failed_login_keeps_the_cache(public_post):
    cached(public_post.url)
    Client().post("/login/", {"username": "jörg", "password": "falsch"})
    assert cache_state(Client().get(public_post.url)) == "hit"


def test_publishing_a_post_drops_the_cache(public_post, blog_index, author_person):
    cached(blog_index.url)
    newer = make_blog_post(blog_index, author_person, title="Größere Speicher für Husum")
    page = Client().get(blog_index.url)
    assert cache_state(page) == "miss"
    assert newer.title in page.content.decode()


@pytest.mark.parametrize("action", ["approve", "restore"])
def test_a_moderator_publishing_a_comment_drops_the_cache(client, editor, public_post, action):
    waiting = stored_comment(public_post, "Läuft die Pumpe auch bei −20 °C?", approved=False)
    cached(public_post.url)
    client.force_login(editor)
    client.post(reverse("comment_moderation:index"), {"action": action, "ids": [waiting.pk]})
    page = Client().get(public_post.url)
    assert cache_state(page) == "miss"
    assert "Läuft die Pumpe auch bei −20 °C?" in page.content.decode()


@pytest.mark.parametrize("action", ["spam", "delete"])
def test_a_moderator_hiding_a_comment_drops_the_cache(client, editor, public_post, action):
    visible = stored_comment(public_post, "Günstige Uhren bei uns")
    Client().get(public_post.url)
    assert "Günstige Uhren bei uns" in Client().get(public_post.url).content.decode()
    client.force_login(editor)
    client.post(reverse("comment_moderation:index"), {"action": action, "ids": [visible.pk]})
    assert "Günstige Uhren bei uns" not in Client().get(public_post.url).content.decode()


def test_marking_the_official_answer_drops_the_cache(client, editor, public_post):
    answer = stored_comment(public_post, "Ja, bis −25 °C – Grüße aus der Entwicklung")
    cached(public_post.url)
    client.force_login(editor)
    response = client.post(reverse("stimme_comments:official", args=[answer.pk]))
    assert response.status_code == 302
    assert cache_state(Client().get(public_post.url)) == "miss"


def test_erasing_a_commenters_data_drops_the_cache(public_post):
    stored_comment(public_post, "Schöne Grüße von Petra")
    assert "Petra Leserin" in Client().get(public_post.url).content.decode()
    assert cache_state(Client().get(public_post.url)) == "hit"
    erase_for("petra@example.org")
    page = Client().get(public_post.url)
    assert "Petra Leserin" not in page.content.decode()
    assert "Schöne Grüße von Petra" not in page.content.decode()


def test_a_strangers_likes_cannot_keep_emptying_the_cache(public_post, settings):
    """A like counts for everyone at once (one click, no mail), so it drops the cache;
    one address gets only ``COMMENTS_RATE_LIMIT_PER_HOUR`` likes, then the cache stays."""
    settings.COMMENTS_RATE_LIMIT_PER_HOUR = 2
    comments = [stored_comment(public_post, f"Sehr hilfreich, danke! ({n})") for n in range(3)]
    for comment in comments[:2]:
        like = Client().post(reverse("stimme_comments:like", args=[comment.pk]))
        assert like.status_code == 302
    assert "(1)" in Client().get(public_post.url).content.decode(), "the likes show at once"
    cached(public_post.url)
    refused = Client().post(reverse("stimme_comments:like", args=[comments[2].pk]))
    assert refused.status_code == 403
    assert CommentLike.objects.count() == 2
    assert cache_state(Client().get(public_post.url)) == "hit"
