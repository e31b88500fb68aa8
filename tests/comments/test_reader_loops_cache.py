"""A reader's own state never changes the bytes of a public post page.

Two anonymous readers, one with a waiting comment, a like and a confirmation
to announce, one with nothing: with the page cache on, both get the same
page, byte for byte, apart from the comment form's CSRF token (personal by
design; the page cache splices each reader's own, see
tests/performance/test_csrf_splice.py). That is what lets the page cache and
any shared HTTP cache in front of the site serve the page to everyone.
"""

from django.apps import apps
from django.test import Client
from django.urls import reverse

import pytest

from comments.models import CommentSettings, StimmeComment
from core.pagecache import CACHE_HEADER, PageCacheApplication
from tests.helpers.shared_page import same_for_everyone
from tests.helpers.wsgi import CountingDjango, as_browser, call, header

from .conftest import form_data, stored_comment
from .helpers import link_to

pytestmark = pytest.mark.django_db

GREETING = "Schöne Grüße aus Büsum – weiter so!"


@pytest.fixture(autouse=True)
def page_cache_on(settings, site_root):
    settings.PAGE_CACHE_ENABLED = True
    # The first page view would create these rows and drop the cache once.
    site = site_root.get_site()
    for label in ("core.SiteSettings", "stimme_comments.CommentSettings"):
        apps.get_model(label).for_site(site)


def _confirm(client, post, mailoutbox, on_commit):
    with on_commit():
        client.post(reverse("stimme_comments:post"), form_data(post, comment=GREETING))
    with on_commit():
        return client.get(link_to(mailoutbox[-1].body, "/comments/confirm/"))


@pytest.mark.parametrize("policy", ["all", "post"])
def test_readers_own_state_leaves_the_post_page_identical_for_all(
    policy, public_post, mailoutbox, on_commit
):
    settings_row = CommentSettings.objects.get()
    settings_row.moderation_policy = policy
    settings_row.save()
    liked = stored_comment(public_post, "Sehr anschaulich erklärt.")
    reader = Client()
    landing = _confirm(reader, public_post, mailoutbox, on_commit)["Location"]
    assert reader.post(reverse("stimme_comments:like", args=[liked.pk])).status_code == 302
    mine = StimmeComment.objects.get(comment=GREETING)
    assert mine.is_public is (policy == "post")
    url = landing if mine.is_public else public_post.url  # where the reader lands, or returns

    stranger = Client().get(url)
    assert stranger.headers[CACHE_HEADER] == "miss"
    theirs = stranger.content.decode()

    own = as_browser(reader, url)
    assert own.headers[CACHE_HEADER] == "hit", "the reader's state keeps nobody off the cache"
    assert same_for_everyone(own.content.decode()) == same_for_everyone(theirs)

    # The same through the WSGI fast path, as gunicorn serves it: a hit before Django.
    django = CountingDjango()
    cookies = "; ".join(
        f"{name}={morsel.value}"
        for name, morsel in reader.cookies.items()
        if url.startswith(morsel["path"] or "/")
    )
    path = url.split("#")[0]  # a browser keeps the fragment to itself
    status, headers, body = call(PageCacheApplication(django), path, cookie=cookies)
    assert (status, header(headers, CACHE_HEADER), django.calls) == ("200 OK", "hit", 0)
    assert same_for_everyone(body.decode()) == same_for_everyone(theirs)

    # Even a client that sends every cookie everywhere gets no personal byte.
    fresh = reader.get(url).content.decode()
    anew = {"rendered_anew": True}
    assert same_for_everyone(fresh, **anew) == same_for_everyone(theirs, **anew)
    if not mine.is_public:
        assert GREETING not in fresh

    # The reader's state is there, from the uncached answer.
    state = reader.get(reverse("stimme_comments:reader_state", args=[public_post.pk])).json()
    assert state["liked"] == [liked.pk]
    if mine.is_public:
        assert state["status"] and state["status_comment"] == mine.pk
    else:
        assert GREETING in state["waiting"]
