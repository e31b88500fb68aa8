"""The private feed: works with the secret token, 404 without it or after revoking it."""

from django.urls import reverse

import feedparser
import pytest

from internal.models import NotificationPreference

pytestmark = pytest.mark.django_db


@pytest.fixture
def jonas(colleague):
    return colleague("jonas.berger", "dev", "Husum")


def _new_token(client, user) -> str:
    client.force_login(user)
    client.post("/intern/einstellungen/", {"action": "feed-new"})
    return NotificationPreference.objects.get(user=user).feed_token


def test_feed_works_with_the_token_and_no_session(client, make_post, jonas, departments):
    make_post("Neue Prüfstände", departments=[departments["dev"]], teaser="Ab März.", days_ago=1)
    make_post("Sommerfest", body="Volltext, der im Feed nicht steht.", days_ago=2)
    token = _new_token(client, jonas)
    client.logout()
    for name, kind in (("internal:token_feed", "rss"), ("internal:token_feed_atom", "atom")):
        response = client.get(reverse(name, args=[token]))
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        feed = feedparser.parse(response.content)
        assert kind in feed.version
        titles = [entry.title for entry in feed.entries]
        assert titles == ["Neue Prüfstände", "Sommerfest"]
        assert feed.entries[0].link.startswith("http://testserver/intern/neue-pr")
        assert feed.entries[0].summary == "Ab März."
        assert b"Volltext, der im Feed nicht steht" not in response.content


def test_feed_leaves_out_confidential_posts(client, make_post, colleague, departments):
    aylin = colleague("aylin.demir", "hr")
    make_post("Gehaltsrunde", departments=[departments["hr"]], confidential=True)
    make_post("Sommerfest")
    token = _new_token(client, aylin)
    client.logout()
    feed = feedparser.parse(client.get(reverse("internal:token_feed", args=[token])).content)
    assert [entry.title for entry in feed.entries] == ["Sommerfest"]


def test_no_token_no_feed(client, internal_index, jonas):
    assert client.get("/intern/feed/").status_code == 404
    assert client.get("/intern/feed/atom/").status_code == 404
    assert client.get("/intern/feed/" + "x" * 43 + "/").status_code == 404


def test_revoked_token_is_a_404(client, make_post, jonas):
    make_post("Sommerfest")
    token = _new_token(client, jonas)
    url = reverse("internal:token_feed", args=[token])
    assert client.get(url).status_code == 200
    client.post("/intern/einstellungen/", {"action": "feed-revoke"})
    client.logout()
    assert client.get(url).status_code == 404


def test_new_token_replaces_the_old_one(client, make_post, jonas):
    make_post("Sommerfest")
    old = _new_token(client, jonas)
    new = _new_token(client, jonas)
    assert old != new
    assert client.get(reverse("internal:token_feed", args=[old])).status_code == 404
    assert client.get(reverse("internal:token_feed", args=[new])).status_code == 200


def test_feed_stops_when_the_person_leaves(client, make_post, jonas):
    make_post("Sommerfest")
    token = _new_token(client, jonas)
    jonas.is_active = False
    jonas.save()
    client.logout()
    assert client.get(reverse("internal:token_feed", args=[token])).status_code == 404


def test_settings_page_shows_the_feed_address(client, jonas):
    token = _new_token(client, jonas)
    html = client.get("/intern/einstellungen/").content.decode()
    assert f"http://testserver/intern/feed/{token}/" in html
    assert f"http://testserver/intern/feed/{token}/atom/" in html
