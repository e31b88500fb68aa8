"""Long threads come in pages; every link to a comment still reaches it.

Pages are plain links (no JavaScript), and anonymous readers share the
rendered thread until something on the post changes. The pager's wording is
checked in English (German: "Ältere/Weitere Kommentare", "Kommentarseite").
"""

import re

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template import engines
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from comments.models import StimmeComment
from comments.section import CONTEXT_NAME, comment_section
from tests.comments.conftest import stored_comment

pytestmark = pytest.mark.django_db

THREADS_PER_PAGE = 3


@pytest.fixture
def long_thread(public_post, settings):
    """Eight questions with one answer each: pages of 3, 3 and 2 threads."""
    settings.COMMENTS_THREADS_PER_PAGE = THREADS_PER_PAGE
    threads = []
    for n in range(8):
        question = stored_comment(public_post, f"Frage {n}?")
        threads.append((question, stored_comment(public_post, f"Antwort {n}.", parent=question)))
    return threads


@pytest.fixture
def reader():
    """An anonymous reader who reads in English."""
    english = Client()
    english.get("/language/en/")
    return english


def html_of(url, client=None) -> str:
    response = (client or Client()).get(url)
    assert response.status_code == 200
    return response.content.decode()


def questions_in(html) -> list[int]:
    return [int(n) for n in re.findall(r"Frage (\d+)\?", html)]


def link(html, label) -> str | None:
    found = re.search(rf'<a href="([^"]+)"[^>]*>{label}</a>', html)
    return found[1].replace("&amp;", "&") if found else None


def test_long_thread_is_split_into_pages_linked_without_javascript(
    reader, public_post, long_thread
):
    first = html_of(public_post.url, reader)
    assert questions_in(first) == [0, 1, 2]
    assert "Antwort 2." in first, "replies stay with their question"
    assert "16 comments" in first, "the count is the whole thread's"
    assert "Comment page 1 of 3" in first
    assert link(first, "Earlier comments") is None

    second = html_of(link(first, "More comments"), reader)
    assert questions_in(second) == [3, 4, 5]
    assert "Antwort 5." in second
    assert "Comment page 2 of 3" in second

    last = html_of(link(second, "More comments"), reader)
    assert questions_in(last) == [6, 7]
    assert link(last, "More comments") is None

    back = link(second, "Earlier comments")
    assert back == f"{public_post.url}#comments", "page 1 is the post's own address"
    assert questions_in(html_of(back, reader)) == [0, 1, 2]


def test_link_to_any_comment_lands_on_the_page_holding_it(reader, public_post, long_thread):
    _question, answer = long_thread[7]
    url = answer.get_absolute_url()
    assert url.endswith(f"#c{answer.pk}")
    html = html_of(url.split("#")[0], reader)
    assert f'id="c{answer.pk}"' in html
    assert "Comment page 3 of 3" in html


def test_official_answer_link_reaches_the_answer_on_another_page(public_post, long_thread):
    _question, answer = long_thread[6]
    answer.is_official_answer = True
    answer.save()

    first = html_of(public_post.url)
    box = first[first.index('class="comments__official"') :]
    target = re.search(r'<a href="([^"]+)">', box)[1]
    assert target == f"{public_post.url}?comment={answer.pk}#c{answer.pk}"
    landing = html_of(target.split("#")[0])
    assert f'id="c{answer.pk}"' in landing
    # On the answer's own page the box jumps within the page.
    assert f'<a href="#c{answer.pk}">' in landing


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?comments_page=99", [6, 7]),  # past the end: the last page
        ("?comments_page=abc", [0, 1, 2]),
        ("?comments_page=0", [0, 1, 2]),
        ("?comment=999999", [0, 1, 2]),  # no such comment: the first page
        ("?comments_page=" + "9" * 40, [0, 1, 2]),
    ],
)
def test_odd_page_requests_show_a_sensible_page(public_post, long_thread, query, expected):
    assert questions_in(html_of(public_post.url + query)) == expected


def test_hidden_comment_link_shows_the_first_page(public_post, long_thread):
    hidden = stored_comment(
        public_post, "Noch nicht freigegeben", parent=long_thread[7][0], approved=False
    )
    html = html_of(public_post.url + f"?comment={hidden.pk}")
    assert questions_in(html) == [0, 1, 2]
    assert "Noch nicht freigegeben" not in html


def _thread_queries(url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        html_of(url)
    return [q["sql"] for q in captured if "django_comments" in q["sql"]]


def test_anonymous_readers_share_the_rendered_thread_until_a_comment_arrives(
    public_post, long_thread
):
    assert _thread_queries(public_post.url), "the first reader renders the thread"
    assert _thread_queries(public_post.url) == [], "the next one gets it ready-made"

    stored_comment(public_post, "Frage nach der Pause?")
    assert _thread_queries(public_post.url), "a new comment drops the shared copy"
    assert "Frage nach der Pause?" in html_of(public_post.url + "?comments_page=3")


def test_approval_by_a_moderator_shows_the_comment_to_anonymous_readers(
    client, editor, public_post, long_thread
):
    waiting = stored_comment(public_post, "Gilt das auch für Altbauten?", approved=False)
    assert "Gilt das auch" not in html_of(public_post.url + "?comments_page=3")

    client.force_login(editor)
    client.post(reverse("comment_moderation:index"), {"action": "approve", "ids": [waiting.pk]})
    assert StimmeComment.objects.get(pk=waiting.pk).is_public
    assert "Gilt das auch für Altbauten?" in html_of(public_post.url + "?comments_page=3")


def test_signed_in_reader_never_gets_the_shared_thread_nor_leaves_theirs(
    client, employee, public_post, long_thread
):
    question, _answer = long_thread[0]
    like_form = f'<form method="post" action="/comments/{question.pk}/like/"'
    html_of(public_post.url)  # an anonymous copy of the thread exists

    client.force_login(employee)
    mine = html_of(public_post.url, client)
    assert like_form in mine, "signed-in readers like with one click"

    anonymous = html_of(public_post.url)
    thread = anonymous[anonymous.index('id="comments"') : anonymous.index('id="comment-form"')]
    assert like_form not in thread
    assert "csrfmiddlewaretoken" not in thread, "no token inside the shared thread"


def test_each_language_gets_its_own_thread(reader, public_post, long_thread):
    assert "Antworten</a>" in html_of(public_post.url)
    html = html_of(public_post.url, reader)
    assert ">Reply</a>" in html
    assert "Antworten</a>" not in html


def test_the_thread_tag_renders_the_section_its_page_loaded_without_a_query(
    public_post, django_assert_num_queries
):
    """A page loads its comments in ``get_context``; ``{% comment_thread %}`` only renders."""
    stored_comment(public_post, "Schon geladen")
    request = RequestFactory().get(public_post.url)
    request.user = AnonymousUser()
    section = comment_section(request, public_post)
    template = engines["django"].from_string(
        "{% load stimme_comment_tags %}{% comment_thread post %}"
    )

    with django_assert_num_queries(0):
        html = template.render({"post": public_post, CONTEXT_NAME: section}, request)

    assert "Schon geladen" in html and 'id="comment-form"' in html
