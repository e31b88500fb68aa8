"""Security headers on every response, and cookies no script or plain-HTTP link can read.

Every kind of answer the site gives (pages, 404, 403, redirects, feeds,
static and media files, documents, the admin, the JSON API, cached pages,
the 500 and the database-outage 503) carries CSP with ``frame-ancestors``,
X-Frame-Options, Referrer-Policy, X-Content-Type-Options and
Permissions-Policy. Under the production settings (read from
``settings.production`` itself) HTTPS answers add HSTS, plain HTTP is
redirected, and every cookie is ``Secure`` and ``HttpOnly``.

Neighbouring guarantees live elsewhere: ``manage.py check --deploy`` with
the production settings is clean (tests/core/test_settings_modes.py), and the
staff login and the Wagtail admin login are throttled per account and
address (tests/internal/test_login.py, internal/throttle.py).
"""

import io
import json
import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import path
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest
from PIL import Image as PillowImage

from core.models import CustomImage
from polls.models import Poll, PollOption
from settings.urls import urlpatterns as site_urlpatterns

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("relaxed_flood_rules")]

PROJECT = Path(__file__).resolve().parents[2]
HEADER_SETTINGS = (
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "X_FRAME_OPTIONS",
    "PERMISSIONS_POLICY",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_HTTPONLY",
)


# --- A URLconf with two failing views, for the error pages --------------------------------


def database_gone(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


def broken_view(request):
    raise RuntimeError("a bug")


urlpatterns = [
    path("test-database-gone/", database_gone),
    path("test-broken/", broken_view),
    *site_urlpatterns,
]
handler404 = "core.views.page_not_found"
handler500 = "core.errors.server_error"


# --- Production settings, as settings.production defines them --------------------------------


@pytest.fixture(scope="module")
def production_settings() -> dict:
    """The header and cookie settings of ``settings.production`` (loaded in a subprocess)."""
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n, None) for n in {HEADER_SETTINGS!r}}}))"
    )
    env = {
        **{key: value for key, value in os.environ.items() if key != "DEBUG"},
        "DJANGO_SETTINGS_MODULE": "settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": "postgres://user:pw@db.example.com:5432/stimme",
    }
    run = subprocess.run(  # noqa: S603 - our own interpreter, fixed argv
        [sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    values = json.loads(run.stdout)
    if values["SECURE_PROXY_SSL_HEADER"]:
        values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 60 * 60
    return values


@pytest.fixture
def production(production_settings):
    with override_settings(**production_settings):
        yield production_settings


def assert_security_headers(response, *, https: bool = False):
    """The headers every answer carries; with ``https``, HSTS as well."""
    csp = response.get("Content-Security-Policy", "")
    if "default-src 'none'" not in csp:
        # Wagtail's documents send the stricter "default-src 'none'" on their own.
        assert "default-src 'self'" in csp, csp
        assert "frame-ancestors 'none'" in csp or "frame-ancestors 'self'" in csp, csp
        assert "object-src 'none'" in csp, csp
    assert response.get("X-Frame-Options") in ("DENY", "SAMEORIGIN")
    assert response.get("Referrer-Policy") == "same-origin"
    assert response.get("X-Content-Type-Options") == "nosniff"
    policy = response.get("Permissions-Policy", "")
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy, policy
    if https:
        assert response.get("Strict-Transport-Security") == (
            "max-age=31536000; includeSubDomains; preload"
        )


# --- Every kind of response -----------------------------------------------------------


@pytest.fixture
def media_image(public_post):
    """A rendition of a public post's hero: an image file anonymous readers are served."""
    buffer = io.BytesIO()
    PillowImage.new("RGB", (40, 20), (11, 79, 108)).save(buffer, format="PNG")
    hero = CustomImage(title="Kopfbild Wärmepumpe")
    hero.file = ImageFile(buffer, name="kopfbild.png")
    hero.save()
    public_post.hero_image = hero
    public_post.save_revision().publish()
    return hero.get_rendition("width-40").url


KINDS = (
    "home-page",
    "blog-post",
    "blog-feed",
    "blog-atom-feed",
    "comment-api",
    "internal-page-for-employees",
    "not-found",
    "forbidden-admin-for-employees",
    "forbidden-csrf",
    "redirect-to-login",
    "redirect-language-switch",
    "search",
    "sitemap",
    "robots",
    "health-check",
    "comment-feed",
    "static-file",
    "media-image",
    "document-download",
    "page-from-the-cache",
    "admin-login",
    "admin-dashboard",
    "server-error",
    "database-outage",
)


@pytest.fixture
def answer(request, settings, employee, editor, public_post, blog_index, internal_index):
    """``answer(kind, **client_options)``: one response of that kind and its expected status."""
    settings.ROOT_URLCONF = __name__

    def respond(kind, **options):
        def client(user=None, **extra):
            made = Client(**options, **extra)
            if user is not None:
                made.force_login(user)
            return made

        if kind == "static-file":
            # WhiteNoise answers before any other middleware sees the request.
            settings.WHITENOISE_USE_FINDERS = True
            settings.WHITENOISE_AUTOREFRESH = True
            return client().get("/static/css/site.css"), 200
        if kind == "media-image":
            return client().get(request.getfixturevalue("media_image")), 200
        if kind == "document-download":
            # Wagtail streams documents from a file system path; InMemoryStorage has none.
            media = request.getfixturevalue("tmp_path")
            settings.MEDIA_ROOT = str(media)
            settings.STORAGES = {
                **settings.STORAGES,
                "default": {
                    "BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(media)},
                },
            }
            document = get_document_model().objects.create(
                title="Preisliste", file=ContentFile(b"Preise 2026", name="preisliste.txt")
            )
            return client().get(document.url), 200
        if kind == "page-from-the-cache":
            settings.PAGE_CACHE_ENABLED = True
            reader = client()
            # The first visits create the site's settings rows, which drops the cache once.
            for _attempt in range(3):
                response = reader.get(public_post.url)
                if response.get("X-Page-Cache") == "hit":
                    return response, 200
            raise AssertionError("the page never came from the cache")
        table = {
            "home-page": (client(), "get", "/", 200),
            "blog-post": (client(), "get", public_post.url, 200),
            "blog-feed": (client(), "get", blog_index.url + "feed/", 200),
            "blog-atom-feed": (client(), "get", blog_index.url + "feed/atom/", 200),
            "comment-api": (
                client(),
                "get",
                f"/comments/api/blog-blogpostpage/{public_post.pk}/",
                200,
            ),
            "internal-page-for-employees": (client(employee), "get", internal_index.url, 200),
            "not-found": (client(), "get", "/gibt-es-nicht/", 404),
            "forbidden-admin-for-employees": (client(employee), "get", "/admin/", 403),
            "forbidden-csrf": (client(enforce_csrf_checks=True), "post", "/login/", 403),
            "redirect-to-login": (client(), "get", internal_index.url, 302),
            "redirect-language-switch": (client(), "get", "/language/en/?next=/", 302),
            "search": (client(), "get", "/search/?q=Wärmepumpe", 200),
            "sitemap": (client(), "get", "/sitemap.xml", 200),
            "robots": (client(), "get", "/robots.txt", 200),
            "health-check": (client(), "get", "/healthz/", 200),
            "comment-feed": (client(), "get", "/comments/feed/", 200),
            "admin-login": (client(), "get", "/admin/login/", 200),
            "admin-dashboard": (client(editor), "get", "/admin/", 200),
            "server-error": (client(raise_request_exception=False), "get", "/test-broken/", 500),
            "database-outage": (
                client(raise_request_exception=False),
                "get",
                "/test-database-gone/",
                503,
            ),
        }
        made, method, url, status = table[kind]
        return getattr(made, method)(url), status

    return respond


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_response_carries_the_security_headers(kind, answer):
    response, status = answer(kind)
    assert response.status_code == status
    assert_security_headers(response)


@pytest.mark.parametrize("kind", KINDS)
def test_production_https_responses_add_hsts(kind, production, answer):
    """Behind the TLS proxy, which says so in X-Forwarded-Proto, as in production."""
    response, status = answer(kind, HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == status
    assert_security_headers(response, https=True)


@pytest.mark.parametrize("url", ["/", "/intern/", "/blog/", "/static/css/site.css"])
def test_production_sends_plain_http_to_https_with_the_headers(url, production, site_root):
    response = Client().get(url)
    assert response.status_code == 301
    assert response["Location"] == f"https://testserver{url}"
    assert_security_headers(response)
    # HSTS only means something over HTTPS; browsers ignore it on plain HTTP.
    assert "Strict-Transport-Security" not in response


def test_production_health_check_answers_over_plain_http(production, db):
    """Load balancers probe over HTTP; the check is exempt from the HTTPS redirect."""
    response = Client().get("/healthz/")
    assert response.status_code == 200
    assert_security_headers(response)


# --- Cookies ------------------------------------------------------------------------


def _cookies_set(responses) -> dict:
    found = {}
    for response in responses:
        for name, morsel in response.cookies.items():
            if morsel.value:
                found[name] = morsel
    return found


def test_production_cookies_are_secure_and_hidden_from_scripts(
    production,
    employee,
    public_post,
    django_capture_on_commit_callbacks,
):
    employee.set_password("Deichblick-2026-test")
    employee.save()
    poll = Poll(
        question="Welche Farbe?", internal=False, closes_at=timezone.now() + timedelta(days=7)
    )
    poll.options = [PollOption(label="Blau"), PollOption(label="Grün")]
    poll.save()
    client = Client()
    https = {"secure": True}
    responses = [
        client.get("/login/", **https),
        client.get("/language/en/?next=/", **https),
        client.post(
            f"/polls/{poll.pk}/vote/",
            {"option": str(poll.options.first().pk), "next": public_post.url},
            **https,
        ),
        client.post(
            "/login/",
            {"username": employee.username, "password": "Deichblick-2026-test"},
            **https,
        ),
    ]
    cookies = _cookies_set(responses)
    # No request here sets the messages cookie since votes report on their own page
    # (/polls/<id>/mine/); Django gives it the session cookie's flags, checked here.
    expected = {"csrftoken", "sessionid", "django_language", "stimme_poll_voter"}
    assert expected <= set(cookies), sorted(cookies)
    for name, morsel in cookies.items():
        assert morsel["secure"], f"{name} is sent over plain HTTP too"
        assert morsel["httponly"], f"{name} is readable by scripts"
        assert morsel["samesite"] == "Lax", name


def test_no_script_of_ours_reads_cookies():
    """Why the CSRF and language cookies may be HttpOnly: nothing in static/js reads them."""
    scripts = sorted((PROJECT / "static" / "js").glob("*.js"))
    assert scripts
    for script in scripts:
        assert not re.search(r"document\s*\.\s*cookie", script.read_text()), script.name


# --- The admin's live preview -----------------------------------------------------------


def _directives(response) -> dict:
    csp = response.get("Content-Security-Policy", "")
    return {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}


@pytest.mark.parametrize("with_video", [True, False], ids=["post-with-video", "plain-post"])
def test_live_preview_can_be_framed_by_the_admin(
    client,
    editor,
    public_post,
    author_person,
    with_video,
):
    """The preview panel is an iframe of the admin: the preview must allow exactly that.

    A body with a video used to carry the site's ``frame-ancestors 'none'`` and
    left the panel blank (issue 18, item 4).
    """
    body = []
    if with_video:
        body = [
            (
                "video",
                {
                    "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                    "title": "Wärmepumpe im Betrieb",
                    "poster": "",
                    "caption": "",
                },
            )
        ]
    data = nested_form_data(
        {
            "title": "Wärmepumpen im Altbau – Vorschau",
            "slug": public_post.slug,
            "teaser": "Größer, leiser, günstiger",
            "date": "2026-01-01 10:00",
            "language": "de",
            "authors": inline_formset([{"person": author_person.pk}]),
            "body": streamfield(body),
            "tags": "",
        }
    )
    client.force_login(editor)
    preview_url = f"/admin/pages/{public_post.pk}/edit/preview/"
    posted = client.post(preview_url, data)
    assert posted.status_code == 200 and posted.json()["is_valid"], posted.content
    response = client.get(preview_url)
    assert response.status_code == 200
    assert "Vorschau" in response.content.decode()
    directives = _directives(response)
    assert directives["frame-ancestors"] == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    if with_video:
        assert "Wärmepumpe im Betrieb" in response.content.decode()
    # The published page itself stays unframeable.
    client.logout()
    published = client.get(public_post.url)
    assert _directives(published)["frame-ancestors"] == ["'none'"]
    assert published["X-Frame-Options"] == "DENY"
