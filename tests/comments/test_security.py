"""Hostile input renders inert and gives form errors, never a 500 or an open redirect."""

from django.urls import reverse

import pytest

from comments import tokens
from comments.models import PendingComment, StimmeComment
from comments.text import render_comment_text

from .conftest import make_blog_post

pytestmark = pytest.mark.django_db

XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "[klick](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
]


def _publish_reader(client, submit, post, **fields):
    submit(post, **fields)

    pending = PendingComment.objects.latest("pk")
    client.get(reverse("stimme_comments:confirm", args=[tokens.make(tokens.CONFIRM, pending.pk)]))
    return StimmeComment.objects.latest("pk")


@pytest.mark.parametrize("payload", XSS)
def test_xss_in_body_and_name_renders_inert(client, public_post, submit, payload):
    _publish_reader(client, submit, public_post, name=payload[:50], comment=f"Hallo {payload}")
    html = client.get(public_post.url).content.decode()
    thread = html[html.index('id="comments"') :]
    assert "<script>alert" not in thread
    assert "<img src=x" not in thread
    assert 'href="javascript' not in thread.lower()
    assert '<a href="javascript' not in thread


def test_javascript_website_is_refused(client, public_post, submit):
    response = submit(public_post, url="javascript:alert(1)")
    assert response.status_code == 400
    assert not PendingComment.objects.exists()


def test_email_with_markup_is_refused(client, public_post, submit):
    response = submit(public_post, email='"><script>@example.org')
    assert response.status_code == 400
    assert "<script>" not in response.content.decode()


def test_website_link_is_nofollow_and_escaped(post_moderation, client, public_post, submit):
    _publish_reader(client, submit, public_post, url='https://example.org/"onmouseover="x')
    html = client.get(public_post.url).content.decode()
    assert 'rel="nofollow ugc noopener"' in html
    assert '"onmouseover="x' not in html


def test_links_in_text_become_safe_links():
    html = str(
        render_comment_text("Siehe https://example.org/a?b=1&c=2. Und www.nordlicht.example")
    )
    assert (
        '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">'
        "https://example.org/a?b=1&amp;c=2</a>." in html
    )
    assert 'href="https://www.nordlicht.example"' in html
    assert (
        render_comment_text("Absatz eins\n\nZwei\nZeile")
        == "<p>Absatz eins</p><p>Zwei<br>Zeile</p>"
    )
    assert "<b>" not in render_comment_text("<b>fett</b>")


@pytest.mark.parametrize(
    "fields",
    [
        {"name": "Petra\x00"},
        {"comment": "Hallo\x00Welt"},
        {"name": "P" * 10_000},
        {"comment": "x" * 3001},
        {"email": "petra\x00@example.org"},
        {"consent": ""},
        {"comment": "   "},
        {"reply_to": "abc"},
        {"reply_to": "999999"},
    ],
)
def test_bad_input_gives_a_form_error_not_a_500(client, public_post, submit, fields):
    response = submit(public_post, **fields)
    assert response.status_code == 400
    assert not PendingComment.objects.exists()


def test_exactly_3000_characters_are_fine(client, public_post, submit):
    assert submit(public_post, comment="x" * 3000).status_code == 302


def test_honeypot_catches_bots(client, public_post, submit):
    assert submit(public_post, website_confirm="http://spam.example").status_code == 400
    assert not PendingComment.objects.exists()


def test_reply_to_a_comment_of_another_post_is_refused(
    client, public_post, blog_index, author_person, submit
):
    other = make_blog_post(blog_index, author_person, title="Anderer Beitrag", slug="anderer")
    foreign = StimmeComment.objects.create(
        content_type_id=other.content_type_id,
        object_pk=str(other.pk),
        site_id=1,
        user_name="X",
        user_email="x@example.org",
        comment="Woanders",
    )
    assert submit(public_post, reply_to=str(foreign.pk)).status_code == 400


def test_next_parameter_never_leads_off_site(client, editor, public_post, submit):
    client.force_login(editor)
    submit(public_post, comment="Offizielle Antwort")
    comment = StimmeComment.objects.get()
    for target in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = client.post(
            reverse("stimme_comments:official", args=[comment.pk]), {"next": target}
        )
        assert response.status_code == 302
        assert response["Location"].startswith("/")
        assert not response["Location"].startswith("//")


def test_get_on_post_endpoint_is_not_allowed(client):
    assert client.get(reverse("stimme_comments:post")).status_code == 405


def test_anonymous_flood_is_throttled(client, public_post, submit, settings):
    settings.COMMENTS_FLOOD_PER_HOUR = 10
    statuses = [submit(public_post, comment=f"Nr. {n}").status_code for n in range(12)]
    assert statuses.count(302) == 10
    assert statuses[-1] == 429
