"""The bad-input catalogue (issue 11): hostile or broken requests never break the site.

One test function per row of the catalogue, parametrized over the places
the row applies to, so every endpoint is its own test id. Every answer must
be a 4xx or a normal page, never a 500 (the test client re-raises a view's
exception, so a crash fails with its traceback), and nothing a visitor typed
may come back as live markup.

The demo site is seeded once for the module inside a transaction that is
rolled back at the end; each test runs in a savepoint of its own. Run it on
SQLite and on PostgreSQL: PostgreSQL refuses NUL bytes SQLite would store.
"""

import io
import time
from dataclasses import dataclass
from email import message_from_string
from urllib.parse import urlencode, urljoin, urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Revision

import pytest
from PIL import Image

from blog.models import BlogPostPage
from comments import tokens
from comments.forms import CommentForm
from comments.models import (
    CommentLike,
    CommentReport,
    CommentSettings,
    ModerationLogEntry,
    PendingComment,
    PostCommentOptions,
    StimmeComment,
)
from internal.models import Acknowledgement, InternalPostPage, NotificationPreference
from operations.models import OutboxMessage
from people.models import Person
from polls.models import Ballot, Poll
from tests.helpers.comments import form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("relaxed_flood_rules")]

PASSWORD = "Deichblick-2026-test"
MB = 1_000_000
TRILLION = 10**12
XSS = "<script>alert('xss')</script><img src=x onerror=alert('xss')>"
SHORT_XSS = "<script>alert('xss')</script>"  # fits the 50-character name field
ESCAPED = "&lt;script&gt;alert("
LIVE_MARKUP = ("<script>alert(", "<img src=x onerror", "</script><script>")
EVIL_TARGETS = (
    "https://evil.example/",
    "//evil.example/",
    "///evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "https:evil.example",
    " //evil.example",
    "\t//evil.example",
    "/\t/evil.example",
    "http://testserver@evil.example/",
    "https://testserver.evil.example/",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
)


# --- The seeded site -------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """``seed_demo`` once for all rows; rolled back when the module is done."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("seed_demo", stdout=io.StringIO())
            _render_images_once()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def _render_images_once():
    """Visit the pages the rows use, so image renditions exist before the first test.

    Renditions made inside a test vanish with its savepoint, and making them
    again for every test would cost seconds each.
    """
    post = BlogPostPage.objects.live().get(slug="grosswaermepumpe-stadtwerke-husum")
    anon, staff = Client(), Client()
    staff.force_login(get_user_model().objects.get(username="jonas.berger"))
    for url in ("/", "/blog/", post.url, "/menschen/", "/menschen/katrin-albers/"):
        anon.get(url)
    for url in ("/", "/intern/", "/intern/menschen/", "/intern/menschen/katrin-albers/"):
        staff.get(url)


@dataclass
class Demo:
    """What the rows aim at: posts, a comment, a poll, and a client per role."""

    public_post: BlogPostPage
    other_post: BlogPostPage
    internal_post: InternalPostPage
    unpublished_post: BlogPostPage
    comment: StimmeComment
    internal_comment: StimmeComment
    own_comment: StimmeComment
    pending: PendingComment
    poll: Poll
    employee: object
    editor: object
    anon: Client
    staff: Client
    moderator: Client

    def client(self, who: str, **kwargs) -> Client:
        """A fresh client for ``who`` (anon, staff, moderator) with extra options."""
        client = Client(**kwargs)
        user = {"staff": self.employee, "moderator": self.editor}.get(who)
        if user is not None:
            client.force_login(user)
        return client


def _user(username):
    user = get_user_model().objects.get(username=username)
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user


@pytest.fixture
def site(demo_data, db) -> Demo:
    public_post = BlogPostPage.objects.live().get(slug="grosswaermepumpe-stadtwerke-husum")
    internal_post = InternalPostPage.objects.live().get(slug="reisekostenrichtlinie-2026")
    employee, editor = _user("jonas.berger"), _user("miriam.hoffmann")
    own = StimmeComment(
        content_type_id=public_post.content_type_id,
        object_pk=str(public_post.pk),
        site_id=settings.SITE_ID,
        user=employee,
        user_name="Jonas Berger",
        user_email=employee.email,
        comment="Gerade geschrieben, noch änderbar.",
        submit_date=timezone.now(),
        is_staff_comment=True,
    )
    own.save()
    pending = PendingComment.objects.create(
        content_type_id=public_post.content_type_id,
        object_pk=str(public_post.pk),
        user_name="Petra",
        user_email="petra@example.org",
        comment="Wartet noch.",
        consent_at=timezone.now(),
    )
    staff, moderator = Client(), Client()
    staff.force_login(employee)
    # The personal-data tool is for the data protection right, which editors lack by default.
    editor.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="stimme_comments", codename="handle_personal_data"
        )
    )
    moderator.force_login(editor)
    public = StimmeComment.objects.filter(is_public=True, is_removed=False, user__isnull=True)
    return Demo(
        public_post=public_post,
        other_post=BlogPostPage.objects.live().get(slug="warum-wir-in-husum-bleiben"),
        internal_post=internal_post,
        unpublished_post=BlogPostPage.objects.filter(live=False).first(),
        comment=public.filter(object_pk=str(public_post.pk)).first(),
        internal_comment=StimmeComment.objects.filter(object_pk=str(internal_post.pk)).first(),
        own_comment=own,
        pending=pending,
        poll=Poll.objects.filter(internal=False).first(),
        employee=employee,
        editor=editor,
        anon=Client(),
        staff=staff,
        moderator=moderator,
    )


# The comment form under a post as a browser sends it, correctly signed.
comment_form = form_data


def stored() -> dict:
    """Row counts of everything a visitor's request could create."""
    models = (
        StimmeComment,
        PendingComment,
        CommentLike,
        CommentReport,
        ModerationLogEntry,
        OutboxMessage,
        Ballot,
        Acknowledgement,
        Revision,
    )
    return {model.__name__: model.objects.count() for model in models}


def handled(response, *allowed):
    """A 4xx or a normal page (2xx/3xx); with ``allowed``, exactly one of those."""
    assert response.status_code < 500, response.status_code
    if allowed:
        assert response.status_code in allowed, response.status_code
    return response


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def assert_inert(html: str):
    for marker in LIVE_MARKUP:
        assert marker not in html, f"live markup {marker!r} in the page"


def urls(site: Demo) -> dict:
    """Every endpoint the rows aim at, by a short name."""
    comment, own, pending = site.comment, site.own_comment, site.pending
    mute = tokens.make(tokens.MUTE, {"e": "petra@example.org", "t": comment.thread_id})
    return {
        "comment": reverse("stimme_comments:post"),
        "comment-api": reverse("stimme_comments:api_create"),
        "pending": reverse(
            "stimme_comments:pending", args=[tokens.make(tokens.STATUS, pending.pk)]
        ),
        "like": reverse("stimme_comments:like", args=[comment.pk]),
        "report": reverse("stimme_comments:report", args=[comment.pk]),
        "official": reverse("stimme_comments:official", args=[comment.pk]),
        "edit": reverse("stimme_comments:edit", args=[own.pk]),
        "edit-by-link": reverse(
            "stimme_comments:edit_by_link", args=[tokens.make(tokens.EDIT, pending.pk)]
        ),
        "mute": reverse("stimme_comments:mute", args=[mute]),
        "login": "/login/",
        "logout": "/logout/",
        "password-reset": "/login/passwort/",
        "search": "/search/",
        "settings": "/intern/einstellungen/",
        "acknowledge": reverse("internal:acknowledge", args=[site.internal_post.pk]),
        "profile": "/intern/profil/",
        "directory": "/intern/menschen/",
        "vote": reverse("polls:vote", args=[site.poll.pk]),
        "queue": reverse("comment_moderation:index"),
        "queue-detail": reverse("comment_moderation:detail", args=[comment.pk]),
        "queue-reply": reverse("comment_moderation:reply", args=[comment.pk]),
        "personal-data": reverse("stimme_comments_admin:personal_data"),
        "comment-switch": reverse("stimme_comments_admin:switch", args=[site.public_post.pk]),
        "admin-login": "/admin/login/",
    }


# --- Row: oversize bodies ---------------------------------------------------------------

HUGE = "x" * MB

OVERSIZE = {
    # id: (who, endpoint, fields, allowed answers)
    "comment-text": ("anon", "comment", {"comment": HUGE}, (400,)),
    "comment-name": ("anon", "comment", {"name": HUGE}, (400,)),
    "comment-by-employee": ("staff", "comment", {"comment": HUGE}, (400,)),
    "comment-api": ("anon", "comment-api", {"comment": HUGE}, (400,)),
    "report": ("anon", "report", {"reason": "spam", "details": HUGE}, (200,)),
    "edit-comment": ("staff", "edit", {"comment": HUGE}, (400,)),
    "login": ("anon", "login", {"username": HUGE, "password": HUGE}, (200,)),
    "admin-login": ("anon", "admin-login", {"username": HUGE, "password": HUGE}, (200,)),
    "password-reset": ("anon", "password-reset", {"email": HUGE}, (200,)),
    "search": ("anon", "search", {"q": HUGE}, (405,)),
    "profile": ("staff", "profile", {"short_bio": HUGE, "bio_text": HUGE}, (200,)),
    "moderation-reply": ("moderator", "queue-reply", {"text": HUGE}, (400,)),
    # Past DATA_UPLOAD_MAX_MEMORY_SIZE Django refuses to read the body at all.
    "over-upload-limit": ("anon", "comment", {"comment": "x" * 2_700_000}, (400,)),
    "over-upload-limit-login": ("anon", "login", {"username": "x" * 2_700_000}, (400,)),
    "2000-fields": ("anon", "comment", {f"f{i}": "x" for i in range(2000)}, (400,)),
}


@pytest.mark.parametrize("case", list(OVERSIZE))
def test_oversize_body_is_refused_and_nothing_is_stored(case, site):
    who, endpoint, fields, allowed = OVERSIZE[case]
    if case.startswith("over-upload-limit"):
        assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE < 2_700_000, "the case tests the limit"
    url = urls(site)[endpoint]
    data = comment_form(site.public_post, **fields) if endpoint.startswith("comment") else fields
    before = stored()
    handled(site.client(who).post(url, data), *allowed)
    assert stored() == before


# --- Row: malformed multipart -------------------------------------------------------------

MULTIPART = {
    "no-boundary": (
        "multipart/form-data",
        b"--x\r\nContent-Disposition: form-data; name=a\r\n\r\nb",
    ),
    "garbage": ("multipart/form-data; boundary=BB", b"\x00\xff garbage without any part"),
    "truncated": (
        "multipart/form-data; boundary=BB",
        b'--BB\r\nContent-Disposition: form-data; name="comment"\r\n\r\nabc',
    ),
    "empty-boundary": ("multipart/form-data; boundary=", b"--\r\n"),
    "undecodable-names": (
        "multipart/form-data; boundary=BB",
        b'--BB\r\nContent-Disposition: form-data; name="\xff\xfe"\r\n\r\n\xff\xfe\r\n--BB--\r\n',
    ),
    "no-disposition": ("multipart/form-data; boundary=BB", b"--BB\r\n\r\nabc\r\n--BB--\r\n"),
    "huge-boundary": ("multipart/form-data; boundary=" + "B" * 5000, b"--" + b"B" * 5000),
}
MULTIPART_TARGETS = {
    "comment": "anon",
    "comment-api": "anon",
    "report": "anon",
    "login": "anon",
    "profile": "staff",
    "vote": "anon",
}


@pytest.mark.parametrize("target", list(MULTIPART_TARGETS))
@pytest.mark.parametrize("shape", list(MULTIPART))
def test_malformed_multipart_is_a_client_error_or_a_normal_page(shape, target, site):
    content_type, payload = MULTIPART[shape]
    client = site.client(MULTIPART_TARGETS[target])
    before = stored()
    handled(client.generic("POST", urls(site)[target], payload, content_type=content_type))
    after = stored()
    for name in ("StimmeComment", "PendingComment", "CommentReport", "Ballot"):
        assert after[name] == before[name], name


# --- Row: invalid UTF-8 -------------------------------------------------------------------

UTF8_GETS = {
    "path-blog": ("anon", "/blog/%FF%FE/"),
    "path-internal": ("staff", "/intern/%C0%AF/"),
    "path-comment-api": ("anon", "/comments/api/blog-%FF/%FE/"),
    "path-confirm-token": ("anon", "/comments/confirm/%FF%FE/"),
    "path-person": ("anon", "/menschen/%FF/"),
    "query-search": ("anon", "/search/?q=%FF%FE%C0"),
    "query-page": ("anon", "/blog/?page=%FF"),
    "query-department": ("anon", "/menschen/?department=%FF"),
    "query-next": ("anon", "/language/en/?next=/%FF"),
    "query-directory": ("staff", "/intern/menschen/?q=%FF&department=%FE"),
    "query-queue": ("moderator", "/admin/comment-moderation/?q=%FF&email=%FE&date_from=%FF"),
}
UTF8_COOKIES = ("sessionid", "csrftoken", "django_language", "messages", "stimme_poll_voter")


@pytest.mark.parametrize("case", [*UTF8_GETS, "form-comment", "form-login", *UTF8_COOKIES])
def test_invalid_utf8_in_path_query_form_or_cookie(case, site):
    before = stored()
    if case in UTF8_GETS:
        who, url = UTF8_GETS[case]
        handled(site.client(who).get(url))
    elif case.startswith("form-"):
        url = "/login/" if case == "form-login" else reverse("stimme_comments:post")
        payload = b"comment=%FF%FE&name=\xff\xfe&email=a%40b.de&username=%C0&password=\xff"
        handled(
            site.anon.generic(
                "POST", url, payload, content_type="application/x-www-form-urlencoded"
            ),
            200,
            400,
            404,  # the comment form names no post: "no such post"
        )
    else:
        # WSGI hands headers over as latin-1: these are the raw bytes \xff\xfe…
        client = site.client("anon", HTTP_COOKIE=f"{case}=\xff\xfe\xfd\xc0\xaf1234567890")
        for url in ("/", site.public_post.url, "/intern/", "/login/", "/search/?q=Speicher"):
            handled(client.get(url))
        # The cookie is ignored, the comment itself is fine: it waits for confirmation.
        response = client.post(reverse("stimme_comments:post"), comment_form(site.public_post))
        handled(response, 302)
        return
    assert stored()["PendingComment"] == before["PendingComment"]


# --- Row: NUL bytes in query strings, form fields and cookies -------------------------------

NUL_GETS = {
    "search": ("anon", "/search/?q=W%C3%A4rme%00pumpe"),
    "page-number": ("anon", "/blog/?page=1%00"),
    "team-department": ("anon", "/menschen/?department=%00"),
    "language-next": ("anon", "/language/en/?next=/blog/%00"),
    "login-next": ("anon", "/login/?next=/intern/%00"),
    "comment-api-object": ("anon", "/comments/api/blog-blogpostpage/8%00/"),
    "comment-feed-path": ("anon", "/comments/feed/%00/"),
    "confirm-token": ("anon", "/comments/confirm/abc%00def/"),
    "directory": ("staff", "/intern/menschen/?q=Ber%00ger&department=%00"),
    "queue-filters": (
        "moderator",
        "/admin/comment-moderation/?q=a%00b&email=x%00y&post=1%00&date_from=%00&tab=%00&p=%00",
    ),
    "admin-page-search": ("moderator", "/admin/pages/search/?q=a%00b"),
}


def _nul_posts(site: Demo) -> dict:
    """id: (who, endpoint, data, may it store something?)."""
    post = site.public_post
    return {
        "comment-name": ("anon", "comment", comment_form(post, name="Petra\x00"), False),
        "comment-text": ("anon", "comment", comment_form(post, comment="a\x00b"), False),
        "comment-email": ("anon", "comment", comment_form(post, email="p\x00@example.org"), False),
        "comment-url": ("anon", "comment", comment_form(post, url="https://a\x00.de"), False),
        "comment-reply-to": ("anon", "comment", comment_form(post, reply_to="1\x00"), False),
        "comment-target": (
            "anon",
            "comment",
            comment_form(post, content_type="blog.blogpostpage\x00", object_pk=f"{post.pk}\x00"),
            False,
        ),
        "comment-by-employee": ("staff", "comment", comment_form(post, comment="a\x00"), False),
        "comment-api": ("anon", "comment-api", comment_form(post, name="a\x00"), False),
        "edit-comment": ("staff", "edit", {"comment": "neu\x00"}, False),
        "report": ("anon", "report", {"reason": "spam\x00", "details": "a\x00b"}, False),
        "login": ("anon", "login", {"username": "jonas\x00berger", "password": "x\x00"}, False),
        "password-reset": ("anon", "password-reset", {"email": "a\x00@example.org"}, False),
        "profile": (
            "staff",
            "profile",
            {"short_bio": "a\x00", "bio_text": "b\x00", "expertise": "c\x00"},
            False,
        ),
        "profile-links": ("staff", "profile", {"website_url": "https://a\x00.de"}, False),
        "notification-settings": (
            "staff",
            "settings",
            {"action": "notifications", "frequency": "digest\x00"},
            False,
        ),
        "poll-vote": ("anon", "vote", {"option": ["1\x00", "\x00"], "next": "/\x00"}, False),
        "mute-undo": ("anon", "mute", {"action": "follow\x00"}, False),
        "moderation-bulk": (
            "moderator",
            "queue",
            {"action": "approve", "ids": [str(site.comment.pk), "1\x00"], "reason": "ok\x00"},
            True,
        ),
        "moderation-reject-guideline": (
            "moderator",
            "queue",
            {"action": "reject", "ids": [str(site.comment.pk)], "guideline": "1\x00"},
            True,
        ),
        "moderation-reply": ("moderator", "queue-reply", {"text": "Danke\x00!"}, True),
        "personal-data": ("moderator", "personal-data", {"email": "a\x00@example.org"}, False),
    }


NUL_COOKIES = ("sessionid", "csrftoken", "django_language", "messages", "stimme_poll_voter")
NUL_POST_IDS = (
    "comment-name",
    "comment-text",
    "comment-email",
    "comment-url",
    "comment-reply-to",
    "comment-target",
    "comment-by-employee",
    "comment-api",
    "edit-comment",
    "report",
    "login",
    "password-reset",
    "profile",
    "profile-links",
    "notification-settings",
    "poll-vote",
    "mute-undo",
    "moderation-bulk",
    "moderation-reject-guideline",
    "moderation-reply",
    "personal-data",
)


@pytest.mark.parametrize(
    "case",
    [f"query-{key}" for key in NUL_GETS]
    + [f"form-{key}" for key in NUL_POST_IDS]
    + [f"cookie-{key}" for key in NUL_COOKIES],
)
def test_nul_bytes_are_refused_or_ignored(case, site):
    kind, key = case.split("-", 1)
    if kind == "query":
        who, url = NUL_GETS[key]
        handled(site.client(who).get(url))
        return
    if kind == "cookie":
        value = "abc\x00defghijklmnopqrstuvwxyz0123456"
        client = site.client("anon", HTTP_COOKIE=f"{key}={value}")
        for url in ("/", site.public_post.url, "/intern/", "/login/", "/search/?q=Speicher"):
            handled(client.get(url))
        handled(client.post("/login/", {"username": "jonas.berger", "password": PASSWORD}), 302)
        return
    who, endpoint, data, may_store = _nul_posts(site)[key]
    before = stored()
    handled(site.client(who).post(urls(site)[endpoint], data))
    if not may_store:
        assert stored() == before
    # Whatever a moderator's request kept, it kept without the NUL.
    newest = [
        *ModerationLogEntry.objects.order_by("-pk").values_list("reason", flat=True)[:3],
        *StimmeComment.objects.order_by("-pk").values_list("comment", flat=True)[:3],
    ]
    assert not any("\x00" in text for text in newest)


# --- Row: very long URLs and query strings ----------------------------------------------

LONG = "a" * 10_000
THIRTY_DIGITS = "9" * 30
LONG_URLS = {
    "blog-path": ("anon", f"/blog/{LONG}/"),
    "internal-path": ("staff", f"/intern/{LONG}/"),
    "person-path": ("anon", f"/menschen/{LONG}/"),
    "comment-api-path": ("anon", f"/comments/api/blog-blogpostpage/{'1' * 10_000}/"),
    "confirm-token": ("anon", f"/comments/confirm/{LONG}/"),
    "mute-token": ("anon", f"/comments/mute/{LONG}/"),
    "media-path": ("anon", f"/media/images/{LONG}.png"),
    "document-path": ("anon", f"/documents/1/{LONG}.pdf"),
    "admin-path": ("moderator", f"/admin/pages/{LONG}/"),
    "comment-id-like": ("anon", f"/comments/{THIRTY_DIGITS}/like/"),
    "comment-id-report": ("anon", f"/comments/{THIRTY_DIGITS}/report/"),
    "comment-id-reply": ("anon", f"/comments/reply/{THIRTY_DIGITS}/"),
    "comment-id-edit": ("staff", f"/comments/{THIRTY_DIGITS}/edit/"),
    "comment-feed-id": ("anon", f"/comments/feed/{THIRTY_DIGITS}/"),
    "acknowledge-id": ("staff", f"/intern/bestaetigen/{THIRTY_DIGITS}/"),
    "vote-id": ("anon", f"/polls/{THIRTY_DIGITS}/vote/"),
    "queue-comment-id": ("moderator", f"/admin/comment-moderation/{THIRTY_DIGITS}/"),
    "home-query": ("anon", "/?" + "x=" + "y" * 100_000),
    "search-query-string": ("anon", "/search/?q=Speicher&x=" + "y" * 100_000),
    "blog-query-string": ("anon", "/blog/?page=2&" + "z=" * 30_000),
    "thousands-of-parameters": ("anon", "/search/?" + "&".join(f"p{i}=1" for i in range(5000))),
}


@pytest.mark.parametrize("case", list(LONG_URLS))
def test_very_long_url_is_answered_without_error(case, site):
    who, url = LONG_URLS[case]
    client = site.client(who)
    handled(client.get(url))
    if "-id-" in case or case.endswith("-id"):
        handled(client.post(url, {"comment": "x"}))


# --- Row: ?page= of 10^12 on every paginated listing ---------------------------------------


def _listings(site: Demo) -> dict:
    month = site.public_post.date
    return {
        "blog-index": ("anon", "/blog/", "page"),
        "blog-category": ("anon", "/blog/category/speicher/", "page"),
        "blog-tag": ("anon", "/blog/tag/projekt/", "page"),
        "blog-author": ("anon", "/blog/author/katrin-albers/", "page"),
        "blog-month": ("anon", f"/blog/{month:%Y}/{month:%m}/", "page"),
        "person-posts": ("anon", "/menschen/katrin-albers/", "page"),
        "search": ("anon", "/search/?q=W%C3%A4rmepumpe", "page"),
        "search-as-employee": ("staff", "/search/?q=Reisekosten", "page"),
        "internal-home": ("staff", "/intern/", "page"),
        "staff-directory": ("staff", "/intern/menschen/", "page"),
        "directory-profile-posts": ("staff", "/intern/menschen/katrin-albers/", "page"),
        "moderation-queue": ("moderator", "/admin/comment-moderation/", "p"),
        "moderation-queue-recent": ("moderator", "/admin/comment-moderation/?tab=recent", "p"),
    }


LISTING_IDS = (
    "blog-index",
    "blog-category",
    "blog-tag",
    "blog-author",
    "blog-month",
    "person-posts",
    "search",
    "search-as-employee",
    "internal-home",
    "staff-directory",
    "directory-profile-posts",
    "moderation-queue",
    "moderation-queue-recent",
)


@pytest.mark.parametrize("listing", LISTING_IDS)
def test_page_number_of_a_trillion_is_not_found_or_the_last_page(listing, site):
    who, url, param = _listings(site)[listing]
    client = site.client(who)
    assert handled(client.get(url), 200).status_code == 200, "the listing itself works"
    joiner = "&" if "?" in url else "?"
    for number in (TRILLION, -TRILLION, f"{TRILLION}.5", "9" * 5000):
        response = handled(client.get(f"{url}{joiner}{param}={number}"))
        if param == "page":
            # Our listings: past the end is a 404, never an empty 200 or a 500.
            assert response.status_code in (200, 404)
            if number == TRILLION:
                assert response.status_code == 404
        else:
            # The admin's paginators show the last page instead.
            assert response.status_code == 200


# --- Row: search queries of 50,000 characters -------------------------------------------

QUERY_50K = ("Wärmepumpe " * 5000)[:50_000]
SEARCHES = {
    "site-search": ("anon", "/search/", "q"),
    "site-search-as-employee": ("staff", "/search/", "q"),
    "staff-directory": ("staff", "/intern/menschen/", "q"),
    "moderation-queue": ("moderator", "/admin/comment-moderation/", "q"),
    "admin-page-search": ("moderator", "/admin/pages/search/", "q"),
}


@pytest.mark.parametrize("where", list(SEARCHES))
def test_search_of_50000_characters_answers_quickly(where, site):
    who, url, param = SEARCHES[where]
    started = time.monotonic()
    response = handled(site.client(who).get(url, {param: QUERY_50K}), 200)
    assert time.monotonic() - started < 10
    if url == "/search/":
        # The query is cut to a sensible length, not echoed back in full.
        assert QUERY_50K[:1000] not in body(response)


# --- Row: tampered comment security fields ---------------------------------------------


def _tampered(site: Demo) -> dict:
    """id: (who, endpoint, form data, expected status)."""
    post, internal = site.public_post, site.internal_post
    old = int(time.time()) - settings.COMMENTS_TIMEOUT - 60
    old_but_signed = {
        **comment_form(post),
        "timestamp": str(old),
        "security_hash": CommentForm(post).initial_security_hash(old),
    }
    foreign_reply = StimmeComment.objects.filter(
        object_pk=str(site.other_post.pk), is_public=True
    ).first()
    return {
        "timestamp-too-old": ("anon", "comment", old_but_signed, 400),
        "timestamp-changed": ("anon", "comment", {**comment_form(post), "timestamp": "1"}, 400),
        "timestamp-future": (
            "anon",
            "comment",
            {**comment_form(post), "timestamp": str(int(time.time()) + 86400)},
            400,
        ),
        "timestamp-garbage": ("anon", "comment", comment_form(post, timestamp="9" * 5000), 400),
        "security-hash-wrong": ("anon", "comment", comment_form(post, security_hash="0" * 40), 400),
        "security-hash-missing": ("anon", "comment", comment_form(post, security_hash=""), 400),
        # Missing, no post type, or hidden from this reader: one 404, so no id oracle.
        "content-type-unknown": ("anon", "comment", comment_form(post, content_type="x.y"), 404),
        "content-type-user": (
            "anon",
            "comment",
            comment_form(post, content_type="core.user", object_pk=str(site.employee.pk)),
            404,
        ),
        "content-type-plain-page": (
            "anon",
            "comment",
            comment_form(post, content_type="wagtailcore.page", object_pk=str(internal.pk)),
            404,
        ),
        "object-pk-missing-post": (
            "anon",
            "comment",
            comment_form(post, object_pk="99999999"),
            404,
        ),
        "object-pk-not-a-number": (
            "anon",
            "comment",
            comment_form(post, object_pk="8 OR 1=1"),
            404,
        ),
        "object-pk-huge": ("anon", "comment", comment_form(post, object_pk="9" * 40), 404),
        # A genuine form of the internal post (copied from an employee's page): still refused.
        "object-pk-internal-post": ("anon", "comment", comment_form(internal), 404),
        "object-pk-internal-post-api": ("anon", "comment-api", comment_form(internal), 404),
        "object-pk-internal-post-unsigned": (
            "anon",
            "comment",
            comment_form(
                post, content_type="internal.internalpostpage", object_pk=str(internal.pk)
            ),
            404,
        ),
        "object-pk-unpublished-post": ("anon", "comment", comment_form(site.unpublished_post), 404),
        "object-pk-unpublished-as-employee": (
            "staff",
            "comment",
            comment_form(site.unpublished_post),
            404,
        ),
        "parent-from-another-post": (
            "anon",
            "comment",
            comment_form(post, reply_to=str(foreign_reply.pk)),
            400,
        ),
        "parent-from-internal-post": (
            "anon",
            "comment",
            comment_form(post, reply_to=str(site.internal_comment.pk)),
            400,
        ),
        "parent-from-another-post-api": (
            "anon",
            "comment-api",
            comment_form(post, reply_to=str(foreign_reply.pk)),
            400,
        ),
        "parent-huge": ("anon", "comment", comment_form(post, reply_to="9" * 30), 400),
    }


TAMPERED_IDS = (
    "timestamp-too-old",
    "timestamp-changed",
    "timestamp-future",
    "timestamp-garbage",
    "security-hash-wrong",
    "security-hash-missing",
    "content-type-unknown",
    "content-type-user",
    "content-type-plain-page",
    "object-pk-missing-post",
    "object-pk-not-a-number",
    "object-pk-huge",
    "object-pk-internal-post",
    "object-pk-internal-post-api",
    "object-pk-internal-post-unsigned",
    "object-pk-unpublished-post",
    "object-pk-unpublished-as-employee",
    "parent-from-another-post",
    "parent-from-internal-post",
    "parent-from-another-post-api",
    "parent-huge",
)


@pytest.mark.parametrize("case", TAMPERED_IDS)
def test_tampered_comment_security_fields_are_refused(case, site):
    who, endpoint, data, status = _tampered(site)[case]
    before = stored()
    response = handled(site.client(who).post(urls(site)[endpoint], data), status)
    assert stored() == before
    # A refusal never shows the internal post's text to an outsider.
    assert site.internal_post.title not in body(response)


# --- Row: CSRF token missing on every POST form --------------------------------------------


def _csrf_forms(site: Demo) -> dict:
    """id: (who, endpoint, data that would be accepted with a token)."""
    must_read = InternalPostPage.objects.live().filter(must_read=True).first()
    return {
        "comment": ("anon", "comment", comment_form(site.public_post)),
        "comment-by-employee": ("staff", "comment", comment_form(site.public_post)),
        "comment-api": ("anon", "comment-api", comment_form(site.public_post)),
        "resend-confirmation": ("anon", "pending", {}),
        "like-by-reader": ("anon", "like", {}),
        "like-by-employee": ("staff", "like", {}),
        "report": ("anon", "report", {"reason": "spam", "details": ""}),
        "official-answer": ("moderator", "official", {}),
        "edit-comment": ("staff", "edit", {"comment": "Geändert"}),
        "delete-comment": ("staff", "edit", {"delete": "1"}),
        "edit-by-link": ("anon", "edit-by-link", {"comment": "Geändert"}),
        "mute-undo": ("anon", "mute", {"action": "follow"}),
        "login": ("anon", "login", {"username": "jonas.berger", "password": PASSWORD}),
        "admin-login": ("anon", "admin-login", {"username": "jonas.berger", "password": PASSWORD}),
        "logout": ("staff", "logout", {}),
        "password-reset": ("anon", "password-reset", {"email": site.employee.email}),
        "notification-settings": (
            "staff",
            "settings",
            {"action": "notifications", "frequency": "digest"},
        ),
        "feed-address": ("staff", "settings", {"action": "feed-new"}),
        "acknowledge": ("staff", reverse("internal:acknowledge", args=[must_read.pk]), {}),
        "profile": ("staff", "profile", {"short_bio": "Neu"}),
        "poll-vote": ("anon", "vote", {"option": [str(site.poll.options.first().pk)]}),
        "moderation-bulk": (
            "moderator",
            "queue",
            {"action": "spam", "ids": [str(site.comment.pk)]},
        ),
        "moderation-detail": ("moderator", "queue-detail", {"action": "spam"}),
        "moderation-reply": ("moderator", "queue-reply", {"text": "Danke!"}),
        "personal-data-erase": (
            "moderator",
            "personal-data",
            {"email": site.comment.user_email, "erase": "1", "confirm": "yes"},
        ),
        "comment-switch": ("moderator", "comment-switch", {"mode": "closed"}),
    }


CSRF_IDS = (
    "comment",
    "comment-by-employee",
    "comment-api",
    "resend-confirmation",
    "like-by-reader",
    "like-by-employee",
    "report",
    "official-answer",
    "edit-comment",
    "delete-comment",
    "edit-by-link",
    "mute-undo",
    "login",
    "admin-login",
    "logout",
    "password-reset",
    "notification-settings",
    "feed-address",
    "acknowledge",
    "profile",
    "poll-vote",
    "moderation-bulk",
    "moderation-detail",
    "moderation-reply",
    "personal-data-erase",
    "comment-switch",
)


@pytest.mark.parametrize("form", CSRF_IDS)
def test_post_without_csrf_token_is_refused(form, site):
    who, endpoint, data = _csrf_forms(site)[form]
    url = endpoint if endpoint.startswith("/") else urls(site)[endpoint]
    client = site.client(who, enforce_csrf_checks=True)
    preference = NotificationPreference.for_user(site.employee)
    settings_before = (preference.frequency, preference.feed_token)
    options = list(PostCommentOptions.objects.filter(page=site.public_post))
    before = stored()
    response = handled(client.post(url, data), 403)
    assert "CSRF" in body(response)
    assert stored() == before
    preference.refresh_from_db()
    assert (preference.frequency, preference.feed_token) == settings_before
    email = site.comment.user_email
    site.comment.refresh_from_db()
    assert site.comment.is_public and site.comment.moderation_status != "spam"
    assert site.comment.user_email == email, "not erased"
    assert list(PostCommentOptions.objects.filter(page=site.public_post)) == options
    if who != "anon":
        assert "_auth_user_id" in client.session, "still signed in"
    else:
        assert "_auth_user_id" not in client.session, "not signed in"


# --- Row: open redirects through next / return parameters -----------------------------------


def lands_on_this_site(location: str) -> bool:
    """Where a browser would go for ``location``: still this site?

    Browsers drop tabs and newlines, trim spaces and read backslashes as
    slashes, so the check does the same before resolving the address.
    """
    cleaned = "".join(ch for ch in location if ch not in "\t\n\r").strip(" \x00")
    target = urlsplit(urljoin("http://testserver/blog/post/", cleaned.replace("\\", "/")))
    return target.scheme in ("http", "https") and target.hostname == "testserver"


def _redirectors(site: Demo) -> dict:
    """id: a function sending ``target`` as the redirect parameter, returning the response."""
    login = {"username": "jonas.berger", "password": PASSWORD}
    option = str(site.poll.options.first().pk)
    queue = urls(site)["queue"]
    return {
        "language-switch": lambda t: site.client("anon").get("/language/en/", {"next": t}),
        "login-form-field": lambda t: site.client("anon").post("/login/", {**login, "next": t}),
        "login-query": lambda t: site.client("anon").post(
            "/login/?" + urlencode({"next": t}), login
        ),
        "logout": lambda t: site.client("staff").post("/logout/", {"next": t}),
        "logout-query": lambda t: site.client("staff").post("/logout/?" + urlencode({"next": t})),
        "like-by-employee": lambda t: site.client("staff").post(urls(site)["like"], {"next": t}),
        "official-answer": lambda t: site.client("moderator").post(
            urls(site)["official"], {"next": t}
        ),
        "poll-vote": lambda t: site.client("anon").post(
            urls(site)["vote"], {"option": option, "next": t}
        ),
        "admin-login": lambda t: site.client("anon").post("/admin/login/", {**login, "next": t}),
        "moderation-filters": lambda t: site.client("moderator").post(
            queue, {"action": "", "tab": t, "q": t, "p": t}
        ),
        "mute-undo": lambda t: site.client("anon").post(urls(site)["mute"], {"action": t}),
    }


REDIRECT_IDS = (
    "language-switch",
    "login-form-field",
    "login-query",
    "logout",
    "logout-query",
    "like-by-employee",
    "official-answer",
    "poll-vote",
    "admin-login",
    "moderation-filters",
    "mute-undo",
)


@pytest.mark.parametrize("parameter", REDIRECT_IDS)
def test_redirect_parameters_never_lead_off_site(parameter, site):
    send = _redirectors(site)[parameter]
    for target in EVIL_TARGETS:
        response = handled(send(target))
        location = response.get("Location", "")
        if response.status_code in (301, 302, 303, 307, 308):
            assert lands_on_this_site(location), f"{target!r} led to {location!r}"
        assert "evil.example" not in urlsplit(location).netloc


# --- Row: header injection (CR/LF) in names and email addresses ------------------------------

INJECTED = "\r\nBcc: victim@evil.example\r\nX-Injected: yes"


def _mail_headers(collector) -> list:
    return [message_from_string(item["data"]) for item in collector.messages]


def _assert_clean_mail(collector, allowed: set):
    for item in collector.messages:
        assert set(item["to"]) <= allowed, item["to"]
    for message in _mail_headers(collector):
        assert message["Bcc"] is None
        assert message["X-Injected"] is None
        for name, value in message.items():
            assert "evil.example" not in value, name


@pytest.mark.parametrize(
    "field", ["comment-name", "comment-email", "password-reset-email", "report"]
)
def test_header_injection_never_reaches_a_mail_header(
    field,
    site,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    comment_settings = CommentSettings.for_site(site.public_post.get_site())
    comment_settings.moderation_policy = "post"
    comment_settings.save()
    anon = site.anon
    with django_capture_on_commit_callbacks(execute=True):
        if field == "comment-name":
            response = anon.post(
                urls(site)["comment"], comment_form(site.public_post, name="Petra" + INJECTED)
            )
        elif field == "comment-email":
            response = anon.post(
                urls(site)["comment"],
                comment_form(site.public_post, email="petra@example.org" + INJECTED),
            )
        elif field == "password-reset-email":
            response = anon.post("/login/passwort/", {"email": site.employee.email + INJECTED})
        else:
            response = anon.post(
                urls(site)["report"], {"reason": "other", "details": "Hallo" + INJECTED}
            )
    handled(response)
    if field == "comment-name":
        # Accepted with the line breaks folded into spaces; confirm it to send every mail.
        pending = PendingComment.objects.latest("pk")
        assert "\r" not in pending.user_name and "\n" not in pending.user_name
        token = tokens.make(tokens.CONFIRM, pending.pk)
        with django_capture_on_commit_callbacks(execute=True):
            handled(anon.get(reverse("stimme_comments:confirm", args=[token])), 302)
        assert smtp_server.messages, "the confirmation and notification mails went out"
    if field == "comment-email":
        handled(response, 200, 400)
        assert not PendingComment.objects.filter(user_email__contains="evil").exists()
        assert not CommentLike.objects.filter(email__contains="evil").exists()
    allowed = {
        "petra@example.org",
        *get_user_model().objects.values_list("email", flat=True),
        *Person.objects.values_list("internal_email", flat=True),
    }
    _assert_clean_mail(smtp_server, allowed)
    assert not OutboxMessage.objects.filter(to__contains="evil.example").exists()
    for message in OutboxMessage.objects.all():
        assert "\n" not in message.to and "\n" not in message.subject


# --- Row: HTML/JS in every text field a reader or employee can fill --------------------------


def _post_moderation(site: Demo):
    comment_settings = CommentSettings.for_site(site.public_post.get_site())
    comment_settings.moderation_policy = "post"
    comment_settings.save()


def _reader_comment(site: Demo, capture, **fields) -> StimmeComment:
    """A reader's comment, confirmed by its mail link and published."""
    _post_moderation(site)
    with capture(execute=True):
        response = site.anon.post(urls(site)["comment"], comment_form(site.public_post, **fields))
    handled(response, 302)
    token = tokens.make(tokens.CONFIRM, PendingComment.objects.latest("pk").pk)
    with capture(execute=True):
        handled(site.anon.get(reverse("stimme_comments:confirm", args=[token])), 302)
    comment = StimmeComment.objects.latest("pk")
    assert comment.is_public, "published, so the page shows it"
    return comment


def _comment_pages(site: Demo, comment) -> list[str]:
    """Everywhere a comment's words appear: the post, the feeds, the API, the queue."""
    natural = "blog-blogpostpage"
    api = site.anon.get(f"/comments/api/{natural}/{site.public_post.pk}/").json()
    html = [node["html"] for node in _flatten(api["comments"])]
    return [
        body(site.anon.get(site.public_post.url)),
        body(site.anon.get("/comments/feed/")),
        body(site.anon.get(f"/comments/feed/{site.public_post.pk}/")),
        "\n".join(html),
        body(site.moderator.get(urls(site)["queue"] + "?tab=recent")),
        body(site.moderator.get(reverse("comment_moderation:detail", args=[comment.pk]))),
    ]


def _flatten(nodes):
    for node in nodes:
        yield node
        yield from _flatten(node["children"])


def _profile_pages(site: Demo, fields: dict, files=None) -> list[str]:
    """Submit the employee's profile form, let an editor approve it, read every profile page."""
    data = {"short_bio": "", "bio_text": "", "expertise": "", **fields}
    response = site.staff.post("/intern/profil/", {**data, **(files or {})})
    handled(response, 302)
    person = Person.objects.get(user=site.employee)
    person.latest_revision.publish()
    person.refresh_from_db()
    assert "<script" not in person.bio and "<img" not in person.bio, "stored escaped"
    team = Person.objects.get(pk=person.pk)
    return [
        body(site.anon.get(f"/menschen/{team.slug}/")),
        body(site.anon.get("/menschen/")),
        body(site.staff.get(f"/intern/menschen/{team.slug}/")),
        body(site.staff.get("/intern/menschen/")),
        body(site.staff.get("/intern/profil/")),
    ]


def _portrait(name="portrait.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (240, 240), (40, 90, 140)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _markup_cases(site: Demo, capture) -> dict:
    """id: a function that writes ``XSS`` into one field and returns the pages showing it."""

    def comment_name():
        return _comment_pages(site, _reader_comment(site, capture, name=SHORT_XSS))

    def comment_text():
        return _comment_pages(site, _reader_comment(site, capture, comment=f"Hallo {XSS}"))

    def comment_url():
        url = "https://example.org/\"><script>alert('xss')</script>"
        return _comment_pages(site, _reader_comment(site, capture, url=url))

    def employee_comment():
        _post_moderation(site)
        with capture(execute=True):
            handled(
                site.staff.post(urls(site)["comment"], comment_form(site.public_post, comment=XSS)),
                302,
            )
        return _comment_pages(site, StimmeComment.objects.latest("pk"))

    def edited_comment():
        handled(site.staff.post(urls(site)["edit"], {"comment": XSS}), 302)
        return _comment_pages(site, site.own_comment)

    def report_details():
        handled(site.anon.post(urls(site)["report"], {"reason": "other", "details": XSS}), 200)
        return [
            body(site.moderator.get(urls(site)["queue-detail"])),
            body(site.moderator.get(urls(site)["queue"] + "?tab=flagged")),
        ]

    def moderator_reply():
        with capture(execute=True):
            handled(site.moderator.post(urls(site)["queue-reply"], {"text": XSS}), 302)
        return _comment_pages(site, StimmeComment.objects.latest("pk"))

    def profile_text():
        return _profile_pages(
            site,
            {"short_bio": f"Hallo {XSS}", "bio_text": f"Absatz {XSS}\n\nZwei", "expertise": XSS},
        )

    def profile_links():
        return _profile_pages(site, {"website_url": 'https://example.org/"><script>alert(1)'})

    def photo_credit():
        return _profile_pages(site, {"photo_credit": SHORT_XSS}, {"photo": _portrait()})

    def search_query():
        return [body(site.anon.get("/search/", {"q": XSS}))]

    def directory_query():
        return [body(site.staff.get("/intern/menschen/", {"q": XSS}))]

    def login_username():
        return [body(handled(site.anon.post("/login/", {"username": XSS, "password": "x"}), 200))]

    def moderation_filters():
        return [body(site.moderator.get(urls(site)["queue"], {"q": XSS, "email": XSS}))]

    return {
        "comment-name": comment_name,
        "comment-text": comment_text,
        "comment-website": comment_url,
        "comment-by-employee": employee_comment,
        "edited-comment": edited_comment,
        "report-details": report_details,
        "moderator-reply": moderator_reply,
        "profile-bio-and-expertise": profile_text,
        "profile-links": profile_links,
        "profile-photo-credit": photo_credit,
        "search-query": search_query,
        "directory-search": directory_query,
        "login-username": login_username,
        "moderation-filters": moderation_filters,
    }


MARKUP_IDS = (
    "comment-name",
    "comment-text",
    "comment-website",
    "comment-by-employee",
    "edited-comment",
    "report-details",
    "moderator-reply",
    "profile-bio-and-expertise",
    "profile-links",
    "profile-photo-credit",
    "search-query",
    "directory-search",
    "login-username",
    "moderation-filters",
)


@pytest.mark.parametrize("field", MARKUP_IDS)
def test_markup_in_a_text_field_is_shown_escaped_never_live(
    field, site, django_capture_on_commit_callbacks
):
    pages = _markup_cases(site, django_capture_on_commit_callbacks)[field]()
    for html in pages:
        assert_inert(html)
    shown = "\n".join(pages)
    assert ESCAPED in shown or "&lt;script&gt;" in shown or "\\u003cscript" in shown, (
        "the text is shown (escaped) somewhere, so the check looked at the right pages"
    )


JAVASCRIPT_URLS = {
    "comment-website": ("anon", "comment", "url", "javascript:alert(1)"),
    "comment-website-encoded": ("anon", "comment", "url", "jav&#x09;ascript:alert(1)"),
    "profile-website": ("staff", "profile", "website_url", "javascript:alert(1)"),
    "profile-linkedin": (
        "staff",
        "profile",
        "linkedin_url",
        "javascript://linkedin.com/%0aalert(1)",
    ),
    "profile-mastodon": ("staff", "profile", "mastodon_url", "JAVASCRIPT:alert(1)"),
    "profile-data-url": ("staff", "profile", "website_url", "data:text/html,<script>x</script>"),
}


@pytest.mark.parametrize("field", list(JAVASCRIPT_URLS))
def test_url_fields_refuse_javascript_urls(field, site):
    who, endpoint, name, value = JAVASCRIPT_URLS[field]
    data = {name: value}
    if endpoint == "comment":
        data = comment_form(site.public_post, **data)
    before = stored()
    response = handled(site.client(who).post(urls(site)[endpoint], data), 200, 400)
    assert stored() == before
    assert 'href="javascript' not in body(response).lower()
    person = Person.objects.get(user=site.employee)
    assert "javascript" not in f"{person.website_url}{person.linkedin_url}{person.mastodon_url}"
