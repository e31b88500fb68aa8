"""A public reader keeps track: the confirmation's outcome where they land, their own
waiting comment shown to them alone, likes in one click, comments right after the article.

All of it without a single personal byte in the post page itself: that page is shared
by every anonymous reader (page cache, CDN), so the reader's own state comes from
uncached answers (the status page, ``reader_state``).
"""

import re

from django.test import Client
from django.urls import reverse

import pytest

from comments import tokens
from comments.models import CommentLike, PendingComment, StimmeComment
from comments.readers import COOKIE_NAME

from .conftest import form_data, make_blog_post, make_internal_post, stored_comment
from .helpers import backdated_token, link_to

pytestmark = pytest.mark.django_db

GREETING = "Schöne Grüße aus Büsum – weiter so!"
STATUS_BOX = re.compile(r'<(\w+)[^>]*role="status"[^>]*>(.*?)</\1>', re.S)


def _confirm(client, post, mailoutbox, on_commit, **fields):
    """Comment as an anonymous reader and click the link in the mail; the response."""
    with on_commit():
        client.post(reverse("stimme_comments:post"), form_data(post, **fields))
    link = link_to(mailoutbox[-1].body, "/comments/confirm/")
    with on_commit():
        return client.get(link)


def _status_text(html: str) -> str:
    match = STATUS_BOX.search(html)
    assert match, "a status box (role=status) on the page"
    return re.sub(r"<[^>]+>", " ", match.group(2))


def _main(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def _state(client, post) -> dict:
    response = client.get(reverse("stimme_comments:reader_state", args=[post.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    return response.json()


# --- 1. The outcome where the reader lands -------------------------------------------


def test_confirmed_comment_awaiting_moderation_says_so_first_thing_where_the_reader_lands(
    client, public_post, mailoutbox, on_commit
):
    """A first comment waits for a moderator: the landing page opens with that news."""
    response = _confirm(client, public_post, mailoutbox, on_commit, comment=GREETING)
    assert response.status_code == 302
    landing = client.get(response["Location"])
    assert landing.status_code == 200
    assert "no-store" in landing["Cache-Control"]
    main = _main(landing.content.decode())
    status = _status_text(main)
    assert "Moderat" in status or "moderator" in status, status
    # Nothing but the heading before the news: it is on screen without scrolling.
    assert main.index('role="status"') < main.index(GREETING)
    assert re.sub(r"<h1>.*?</h1>", "", main[: main.index('role="status"')]).count("<p") == 0
    assert "Wartet auf Freigabe" in main, "the comment is shown, marked as waiting"
    assert f'href="{public_post.url}#c' in main, "a way back to the post, to the comment"


def test_second_click_on_a_waiting_comment_says_it_was_confirmed_already(
    client, public_post, mailoutbox, on_commit
):
    _confirm(client, public_post, mailoutbox, on_commit, comment=GREETING)
    link = link_to(mailoutbox[-1].body, "/comments/confirm/")
    landing = client.get(client.get(link)["Location"])
    status = _status_text(_main(landing.content.decode()))
    assert "bereits bestätigt" in status or "already confirmed" in status, status


def test_published_comment_is_announced_at_the_comment_not_in_the_shared_page(
    post_moderation, client, public_post, mailoutbox, on_commit
):
    response = _confirm(client, public_post, mailoutbox, on_commit, comment=GREETING)
    comment = StimmeComment.objects.get()
    assert response["Location"] == f"{public_post.url}?comment={comment.pk}#c{comment.pk}"
    page = client.get(response["Location"]).content.decode()
    assert "ist veröffentlicht" not in _main(page), "the shared page carries no personal message"
    state = _state(client, public_post)
    assert "ist veröffentlicht" in state["status"] or "is published" in state["status"]
    assert state["status_comment"] == comment.pk, "shown at the comment the reader landed on"
    assert _state(client, public_post)["status"] == "", "said once"


def test_expired_link_says_so_in_a_status_box(client, public_post, submit):
    submit(public_post)
    old = backdated_token(tokens.CONFIRM, PendingComment.objects.get().pk, days=8)
    response = client.get(reverse("stimme_comments:confirm", args=[old]))
    assert response.status_code == 410
    assert "Link" in _status_text(_main(response.content.decode()))


# --- 2. The reader's own waiting comment, to them alone ---------------------------------


def test_waiting_comment_is_shown_to_its_reader_only(client, public_post, mailoutbox, on_commit):
    _confirm(client, public_post, mailoutbox, on_commit, comment=GREETING)
    comment = StimmeComment.objects.get()
    assert not comment.is_public
    mine = _state(client, public_post)["waiting"]
    assert GREETING in mine
    assert "Wartet auf Freigabe" in mine
    assert f'id="c{comment.pk}"' in mine
    stranger = Client()
    assert _state(stranger, public_post)["waiting"] == ""
    for reader in (client, stranger):
        assert GREETING not in reader.get(public_post.url).content.decode()


def test_the_page_asks_for_the_readers_state_from_an_uncached_address(client, public_post):
    html = client.get(public_post.url).content.decode()
    url = reverse("stimme_comments:reader_state", args=[public_post.pk])
    assert f'data-reader-state-url="{url}"' in html
    assert 'id="comments-status" role="status"' in html


def test_reader_cookie_never_travels_with_a_page(client, public_post, mailoutbox, on_commit):
    _confirm(client, public_post, mailoutbox, on_commit, comment=GREETING)
    cookie = client.cookies[COOKIE_NAME]
    assert cookie["path"] == "/comments/"
    assert cookie["httponly"]
    assert "Büsum" not in cookie.value and "petra" not in cookie.value


def test_reader_state_of_an_internal_post_is_a_404_for_strangers(client, internal_post):
    url = reverse("stimme_comments:reader_state", args=[internal_post.pk])
    assert client.get(url).status_code == 404


def test_employee_sees_own_waiting_comment_in_the_thread(client, employee, internal_post):
    comment = stored_comment(internal_post, GREETING, approved=False)
    StimmeComment.objects.filter(pk=comment.pk).update(user=employee)
    client.force_login(employee)
    html = client.get(internal_post.url).content.decode()
    mine = html.split('id="comments-mine"', 1)[1]
    assert GREETING in mine and "Wartet auf Freigabe" in mine


# --- 3. Likes in one click --------------------------------------------------------------


@pytest.fixture
def comment(public_post):
    return stored_comment(public_post, "Sehr anschaulich erklärt.")


def test_anonymous_like_is_one_click_and_stores_nothing_personal(client, comment, public_post):
    url = reverse("stimme_comments:like", args=[comment.pk])
    response = client.post(url, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json() == {"liked": True, "count": 1}
    like = CommentLike.objects.get()
    assert like.user is None and like.email == "" and like.confirmed_at is not None
    assert re.fullmatch(r"[0-9a-f]{64}", like.browser_hash)
    assert not [f for f in CommentLike._meta.fields if "ip" in f.name.split("_")]
    assert "(1)" in Client().get(public_post.url).content.decode(), "counts for everyone"
    assert _state(client, public_post)["liked"] == [comment.pk]
    assert _state(Client(), public_post)["liked"] == []


def test_one_like_per_browser_a_second_click_takes_it_back(client, comment):
    url = reverse("stimme_comments:like", args=[comment.pk])
    assert client.post(url)["Location"].endswith(f"#c{comment.pk}")
    client.post(url)
    assert CommentLike.objects.count() == 0
    client.post(url)
    Client().post(url)
    assert CommentLike.objects.count() == 2
    assert CommentLike.objects.values("browser_hash").distinct().count() == 2


def test_without_javascript_the_like_link_opens_a_one_button_page(client, comment):
    page = client.get(reverse("stimme_comments:like", args=[comment.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'type="email"' not in html and 'name="email"' not in html
    assert "no-store" in page["Cache-Control"] or "private" in page["Cache-Control"]


def test_old_like_mail_links_lead_to_the_comment_and_change_nothing(client, comment):
    like = CommentLike.objects.create(comment=comment, email="fan@example.org")
    response = client.get(
        reverse("stimme_comments:confirm_like", args=[tokens.make(tokens.LIKE, like.pk)])
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#c{comment.pk}")
    assert CommentLike.objects.get().confirmed_at is None


def test_employees_still_like_with_their_account(client, employee, comment, public_post):
    client.force_login(employee)
    client.post(reverse("stimme_comments:like", args=[comment.pk]))
    assert CommentLike.objects.get().user == employee
    assert 'aria-pressed="true"' in client.get(public_post.url).content.decode()


def test_anonymous_readers_report_is_thanked_on_its_own_page_not_in_the_shared_post(
    client, comment
):
    url = reverse("stimme_comments:report", args=[comment.pk])
    response = client.post(url, {"reason": "spam"})
    assert response.status_code == 200
    html = _main(response.content.decode())
    assert "Moderat" in _status_text(html) or "moderator" in _status_text(html)
    assert f'href="{comment.get_absolute_url()}"' in html, "the way back to the comment"
    assert "messages" not in client.cookies, "nothing waits to be shown in the shared page"


# --- 4. Comments right after the article ------------------------------------------------


def test_comments_come_right_after_the_article_before_related_posts(
    client, public_post, blog_index, author_person
):
    other = make_blog_post(blog_index, author_person, title="Wärmepumpen im Neubau")
    for post in (public_post, other):
        post.tags.add("Wärmepumpe")
        post.save_revision().publish()
    html = client.get(public_post.url).content.decode()
    assert 'id="related-heading"' in html, "the post has related posts"
    after_article = html.split("</article>", 1)[1]
    assert after_article.index('id="comments"') < after_article.index('id="related-heading"')
    assert after_article.index('id="comments"') < after_article.index("post-nav")


def test_internal_post_comments_come_before_the_post_navigation(
    client, employee, internal_post, internal_index, author_person
):
    make_internal_post(internal_index, author_person, title="Sommerfest", slug="sommerfest")
    client.force_login(employee)
    html = client.get(internal_post.url).content.decode()
    after_article = html.split("</article>", 1)[1]
    assert after_article.index('id="comments"') < after_article.index("post-nav")
