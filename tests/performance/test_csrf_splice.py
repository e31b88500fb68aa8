"""The cached page's CSRF splice touches only the tokens the page's forms rendered.

Each reader of a cached post gets a CSRF token of their own in the comment
form. Text in the page that merely looks like a token (a reader's comment
with a link to another host, say) must stay as it was written: otherwise a
commenter who plants a token masked with their own secret, and then reads
the page first, has every later reader's token sent to their host.
"""

import re

from django.middleware.csrf import _mask_cipher_secret, _unmask_cipher_token
from django.test import Client
from django.urls import reverse

import pytest

from core.pagecache import CACHE_HEADER
from tests.helpers.comments import form_data, stored_comment

pytestmark = pytest.mark.django_db

FORM_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')
ANY_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
PLANTERS_SECRET = "GroesseUndWaermeAusHusum20261206"  # 32 letters and digits, as Django's


def reader(secret: str | None = None) -> Client:
    client = Client(enforce_csrf_checks=True)
    if secret:
        client.cookies["csrftoken"] = secret
    return client


def test_planted_token_is_not_replaced_by_later_readers_tokens(public_post):
    planted = _mask_cipher_secret(PLANTERS_SECRET)
    stored_comment(
        public_post, f"Mehr zur Wärmepumpe: https://evil.example/grüße?t={planted} – Jörg"
    )
    planter = reader(PLANTERS_SECRET)
    first = planter.get(public_post.url)
    assert planted in first.content.decode()

    states = []
    for _ in range(2):
        later = reader()
        page = later.get(public_post.url)
        states.append(page.headers.get(CACHE_HEADER))
        html = page.content.decode()
        secret = later.cookies["csrftoken"].value
        assert planted in html, "the comment reads as written"
        (form_token,) = FORM_TOKEN.findall(html)
        assert _unmask_cipher_token(form_token) == secret, "the form carries the reader's token"
        theirs = [t for t in ANY_TOKEN.findall(html) if _unmask_cipher_token(t) == secret]
        assert theirs == [form_token], "the reader's token appears in the form only"
    assert "hit" in states, "the post is still served from the cache"


def test_text_looking_like_the_old_placeholder_stays_text(public_post):
    written = "Quelltext: __stimme_pagecache_csrf_token__ – seltsam"
    stored_comment(public_post, f"Gefunden im {written}")
    assert written in reader().get(public_post.url).content.decode()
    later = reader()
    page = later.get(public_post.url)
    assert page.headers.get(CACHE_HEADER) == "hit"
    html = page.content.decode()
    assert written in html
    secret = later.cookies["csrftoken"].value
    assert [t for t in ANY_TOKEN.findall(html) if _unmask_cipher_token(t) == secret] == (
        FORM_TOKEN.findall(html)
    )


def test_the_comment_form_of_a_cached_page_still_posts(public_post):
    reader().get(public_post.url)
    later = reader()
    page = later.get(public_post.url)
    assert page.headers.get(CACHE_HEADER) == "hit"
    token = FORM_TOKEN.search(page.content.decode())[1]
    data = form_data(public_post) | {"csrfmiddlewaretoken": token}
    assert later.post(reverse("stimme_comments:post"), data).status_code == 302
