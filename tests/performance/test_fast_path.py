"""The WSGI fast path (``settings.wsgi``): cache hits before Django, same rules.

Requests go through the real WSGI stack, as gunicorn sends them: the fast
path in front of Django's own handler.
"""

import re
from http.cookies import SimpleCookie

from django.middleware.csrf import _unmask_cipher_token
from django.test import Client

import pytest

from comments.models import StimmeComment
from core.pagecache import CACHE_HEADER, PageCacheApplication
from tests.helpers.posts import make_blog_post
from tests.helpers.wsgi import CountingDjango, call, header

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')


@pytest.fixture
def site():
    django = CountingDjango()
    return PageCacheApplication(django), django


def test_hit_is_answered_without_django_and_with_the_same_headers(site, public_post):
    app, django = site
    status, fresh, body = call(app, public_post.url)
    assert status == "200 OK" and header(fresh, CACHE_HEADER) == "miss"
    assert django.calls == 1

    status, cached, cached_body = call(app, public_post.url)
    assert status == "200 OK" and header(cached, CACHE_HEADER) == "hit"
    assert django.calls == 1, "the hit never reached Django"
    assert int(header(cached, "Content-Length")) == len(cached_body)
    for name in (
        "Content-Type",
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "X-Frame-Options",
    ):
        assert header(cached, name) == header(fresh, name), name
    assert TOKEN.sub("", cached_body.decode()) == TOKEN.sub("", body.decode())


def test_each_reader_of_a_hit_gets_a_token_matching_their_own_cookie(site, public_post):
    app, _django = site
    call(app, public_post.url)
    tokens = set()
    for _ in range(2):
        _status, headers, body = call(app, public_post.url)
        assert header(headers, CACHE_HEADER) == "hit"
        cookie = SimpleCookie(header(headers, "Set-Cookie"))["csrftoken"].value
        (token,) = TOKEN.findall(body.decode())
        assert _unmask_cipher_token(token) == cookie
        tokens.add(token)
    assert len(tokens) == 2, "no two readers share a token"

    # A returning reader keeps their cookie and gets a token for it.
    _status, headers, body = call(app, public_post.url, cookie=f"csrftoken={cookie}")
    assert header(headers, CACHE_HEADER) == "hit"
    assert _unmask_cipher_token(TOKEN.search(body.decode())[1]) == cookie


@pytest.mark.parametrize(
    "headers",
    [
        {"cookie": "sessionid=abc123"},
        {"cookie": "messages=pending"},
        {"authorization": "Basic dXNlcjpwdw=="},
    ],
    ids=["session", "unknown-cookie", "authorization"],
)
def test_personal_requests_always_reach_django(site, public_post, headers):
    app, django = site
    call(app, public_post.url)
    assert header(call(app, public_post.url)[1], CACHE_HEADER) == "hit"
    calls = django.calls

    _status, answer, _body = call(app, public_post.url, **headers)
    assert django.calls == calls + 1
    assert header(answer, CACHE_HEADER) != "hit"


def test_signed_in_reader_is_never_answered_from_the_cache(site, employee, public_post):
    app, django = site
    call(app, public_post.url)
    reader = Client()
    reader.force_login(employee)
    session = reader.cookies["sessionid"].value

    calls = django.calls
    _status, answer, body = call(app, public_post.url, cookie=f"sessionid={session}")
    assert django.calls == calls + 1
    assert header(answer, CACHE_HEADER) is None
    assert "private" in header(answer, "Cache-Control")
    assert employee.first_name in body.decode()


def test_internal_post_is_never_served_from_the_fast_path(site, employee, internal_post):
    app, _django = site
    reader = Client()
    reader.force_login(employee)
    assert reader.get(internal_post.url).status_code == 200
    for _ in range(2):
        status, answer, body = call(app, internal_post.url)
        assert status.startswith("302"), "strangers go to the login"
        assert header(answer, CACHE_HEADER) != "hit"
        assert internal_post.title not in body.decode()


def test_writes_never_take_the_fast_path(site, public_post):
    app, django = site
    call(app, public_post.url)
    calls = django.calls
    status, _answer, _body = call(app, public_post.url, method="POST")
    assert django.calls == calls + 1
    assert not status.startswith("200") or header(_answer, CACHE_HEADER) != "hit"


def test_https_redirect_and_hsts_apply_to_hits_too(settings, public_post):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    app = PageCacheApplication(CountingDjango())  # middleware reads settings once
    call(app, public_post.url, scheme="https")
    status, cached, _body = call(app, public_post.url, scheme="https")
    assert header(cached, CACHE_HEADER) == "hit"
    assert header(cached, "Strict-Transport-Security") == "max-age=3600"

    status, plain, _body = call(app, public_post.url, scheme="http")
    assert status.startswith("301")
    assert header(plain, "Location") == f"https://testserver{public_post.url}"


def test_head_gets_the_cached_headers(site, public_post):
    app, django = site
    call(app, public_post.url)
    calls = django.calls
    status, answer, _body = call(app, public_post.url, method="HEAD")
    assert status == "200 OK" and header(answer, CACHE_HEADER) == "hit"
    assert django.calls == calls


def test_a_new_comment_is_on_the_next_answer_of_the_fast_path(site, public_post):
    app, _django = site
    call(app, public_post.url)
    assert header(call(app, public_post.url)[1], CACHE_HEADER) == "hit"
    StimmeComment.objects.create(
        content_type_id=public_post.content_type_id,
        object_pk=str(public_post.pk),
        site_id=1,
        user_name="Petra",
        user_email="petra@example.org",
        comment="Frisch freigegeben",
        is_public=True,
    )
    _status, answer, body = call(app, public_post.url)
    assert header(answer, CACHE_HEADER) == "miss"
    assert "Frisch freigegeben" in body.decode()


def test_unknown_host_is_refused_by_django_as_usual(site, public_post, caplog):
    app, django = site
    call(app, public_post.url)
    status, _answer, _body = call(app, public_post.url, host="evil.example")
    assert status.startswith("400")
    assert django.calls == 2
    assert "fast path failed" not in caplog.text


def test_switched_off_cache_sends_everything_to_django(settings, site, public_post):
    app, django = site
    settings.PAGE_CACHE_ENABLED = False
    call(app, public_post.url)
    call(app, public_post.url)
    assert django.calls == 2


def test_umlaut_path_is_decoded_once_on_the_fast_path(site, blog_index, author_person):
    """A WSGI server hands PATH_INFO over as UTF-8 bytes read as Latin-1 (PEP 3333)."""
    app, django = site
    post = make_blog_post(
        blog_index, author_person, title="Ein Jahr Wärmewende in Husum", slug="wärmewende-husum"
    )
    wire = "/blog/wärmewende-husum/".encode().decode("latin-1")
    states = []
    for _ in range(2):
        status, answer, body = call(app, wire)
        assert status == "200 OK"
        assert post.title in body.decode()
        states.append(header(answer, CACHE_HEADER))
    assert states == ["miss", "hit"]
    assert django.calls == 1
