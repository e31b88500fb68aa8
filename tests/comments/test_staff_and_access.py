"""Who may comment where: employees on internal posts, nobody anonymous there or on drafts."""

import re

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest
from django_comments_xtd.conf import settings as xtd_settings

from comments.models import PendingComment, StimmeComment
from operations.models import OutboxMessage

from .conftest import form_data, make_blog_post, stored_comment

pytestmark = pytest.mark.django_db


def test_employee_comments_on_internal_post_at_once_as_themselves(
    client, employee, staff_person, internal_post, submit
):
    client.force_login(employee)
    response = submit(internal_post, comment="Gibt es die Folien zum Nachlesen?")
    comment = StimmeComment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#c{comment.pk}")
    assert not PendingComment.objects.exists()
    assert comment.user == employee
    assert comment.person == staff_person
    assert comment.is_staff_comment
    # Mail-free: no confirmation for staff.
    assert not OutboxMessage.objects.filter(to=employee.email).exists()

    page = client.get(internal_post.url).content.decode()
    assert "Gibt es die Folien zum Nachlesen?" in page
    assert "Jana Beispiel" in page
    assert "Entwicklungsingenieurin, Forschung &amp; Entwicklung" in page
    assert reverse("people:directory_profile", args=["jana-beispiel"]) in page


def test_employee_name_fields_cannot_be_spoofed(
    client, employee, staff_person, internal_post, submit
):
    client.force_login(employee)
    submit(internal_post, name="Dr. Katrin Albers", email="ceo@nordlicht.example")
    comment = StimmeComment.objects.get()
    assert comment.user_email == employee.email
    assert comment.display_name == "Jana Beispiel"


def test_anonymous_post_to_internal_post_is_refused_with_a_clear_message(
    client, internal_post, submit
):
    response = submit(internal_post)
    # 404 as for a post that does not exist: whether it exists is not the reader's to learn.
    assert response.status_code == 404
    html = response.content.decode()
    assert "sign in" in html or "melden Sie sich" in html
    assert internal_post.title not in html
    assert not PendingComment.objects.exists()
    assert not StimmeComment.objects.exists()


def test_anonymous_post_to_unpublished_post_is_refused(client, public_post, submit):
    public_post.unpublish()
    response = submit(public_post)
    assert response.status_code == 404
    assert not PendingComment.objects.exists()


def test_signed_in_non_employee_cannot_comment_internally(client, internal_post, submit):
    outsider = get_user_model().objects.create_user("ext.partner", "p@example.org", "pw-123456")
    client.force_login(outsider)
    assert submit(internal_post).status_code == 404
    assert not StimmeComment.objects.exists()


def test_forged_target_is_not_found(client, public_post):
    data = form_data(public_post, object_pk="999999")
    response = client.post(reverse("stimme_comments:post"), data)
    assert response.status_code == 404
    data = form_data(public_post, content_type="core.user", object_pk="1")
    assert client.post(reverse("stimme_comments:post"), data).status_code == 404


def test_tampered_security_hash_is_refused(client, public_post):
    data = form_data(public_post, security_hash="0" * 40)
    assert client.post(reverse("stimme_comments:post"), data).status_code == 400
    assert not PendingComment.objects.exists()


def test_reply_page_works_without_javascript(client, employee, staff_person, public_post, submit):
    client.force_login(employee)
    submit(public_post, comment="Wir sind für Fragen da.")
    parent = StimmeComment.objects.get()
    client.logout()
    page = client.get(reverse("stimme_comments:reply", args=[parent.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'name="reply_to" value="{parent.pk}"' in html
    assert "Wir sind für Fragen da." in html
    response = submit(public_post, reply_to=str(parent.pk), comment="Danke!")
    assert response.status_code == 302
    assert PendingComment.objects.get().parent == parent


def test_internal_comment_pages_are_not_found_for_outsiders(
    client, employee, staff_person, internal_post, submit
):
    client.force_login(employee)
    submit(internal_post, comment="Nur intern")
    comment = StimmeComment.objects.get()
    client.logout()
    for name in ("reply", "like", "report", "edit"):
        assert client.get(reverse(f"stimme_comments:{name}", args=[comment.pk])).status_code == 404
    assert client.post(reverse("stimme_comments:like", args=[comment.pk])).status_code == 404


def test_replies_stop_at_the_deepest_level(
    client, employee, staff_person, public_post, submit, monkeypatch
):
    # xtd copies its settings once but shares this dict with Django's settings,
    # so changing the per-type limit in place is what xtd sees.
    monkeypatch.setitem(
        xtd_settings.COMMENTS_XTD_MAX_THREAD_LEVEL_BY_APP_MODEL, "blog.blogpostpage", 1
    )
    client.force_login(employee)
    submit(public_post, comment="Ebene 0")
    top = StimmeComment.objects.get()
    submit(public_post, comment="Ebene 1", reply_to=str(top.pk))
    second = StimmeComment.objects.get(comment="Ebene 1")
    response = submit(public_post, comment="Ebene 2", reply_to=str(second.pk))
    assert response.status_code == 400
    assert not StimmeComment.objects.filter(comment="Ebene 2").exists()
    page = client.get(public_post.url).content.decode()
    assert reverse("stimme_comments:reply", args=[top.pk]) in page
    assert reverse("stimme_comments:reply", args=[second.pk]) not in page


def _answer(response) -> tuple:
    """Status and body of a refusal, without the per-request CSRF token."""
    body = re.sub(rb'value="[^"]{64}"|csrftoken=[^;]+|"csrfToken": "[^"]+"', b"", response.content)
    return response.status_code, body


@pytest.mark.parametrize("endpoint", ["stimme_comments:post", "stimme_comments:api_create"])
def test_comment_endpoints_answer_alike_for_hidden_and_missing_posts(
    client, internal_post, public_post, blog_index, author_person, endpoint
):
    # Same status, same words: posting cannot tell which ids exist (issue 17, item 15).

    draft = make_blog_post(blog_index, author_person, title="Entwurf Übernahme", slug="entwurf")
    draft.unpublish()
    url = reverse(endpoint)
    internal = client.post(url, form_data(internal_post))
    unpublished = client.post(url, form_data(draft))
    missing = client.post(url, form_data(public_post, object_pk=str(draft.pk + 1000)))
    assert internal.status_code == unpublished.status_code == missing.status_code == 404
    assert _answer(internal) == _answer(unpublished) == _answer(missing)
    assert not PendingComment.objects.exists() and not StimmeComment.objects.exists()


def test_actions_on_comments_of_hidden_posts_answer_not_found(client, internal_post, employee):
    comment = stored_comment(internal_post, "Intern: Standort Husum schließt.")
    for name in ("like", "report", "official", "edit", "reply"):
        url = reverse(f"stimme_comments:{name}", args=[comment.pk])
        gone = reverse(f"stimme_comments:{name}", args=[comment.pk + 1000])
        for method in ("get", "post"):
            hidden, missing = getattr(client, method)(url), getattr(client, method)(gone)
            assert hidden.status_code == missing.status_code, (name, method)
            assert hidden.status_code in (404, 405), (name, method)
