"""Staff comments show who wrote them; editors mark the company's official answer."""

from django.urls import reverse

import pytest

from comments.models import StimmeComment

pytestmark = pytest.mark.django_db


@pytest.fixture
def question_and_answer(client, employee, staff_person, public_post, submit):
    reader = StimmeComment.objects.create(
        content_type_id=public_post.content_type_id,
        object_pk=str(public_post.pk),
        site_id=1,
        user_name="Petra Leserin",
        user_email="petra@example.org",
        comment="Wann kommt das Update?",
    )
    client.force_login(employee)
    submit(public_post, comment="Im März.", reply_to=str(reader.pk))
    client.logout()
    return reader, StimmeComment.objects.get(comment="Im März.")


def _comment_html(html, comment):
    start = html.index(f'id="c{comment.pk}"')
    return html[start : html.index("</article>", start)]


def test_staff_comment_on_public_post_shows_person_and_staff_badge(
    client, question_and_answer, public_post, staff_person
):
    reader, answer = question_and_answer
    html = client.get(public_post.url).content.decode()
    staff = _comment_html(html, answer)
    assert 'class="badge badge--staff"' in staff
    assert "Jana Beispiel" in staff
    assert "Entwicklungsingenieurin" in staff
    assert "Forschung &amp; Entwicklung" in staff
    assert 'class="avatar' in staff
    assert 'class="badge badge--staff"' not in _comment_html(html, reader)
    # Readers get initials, drawn locally: no Gravatar, no third-party request.
    assert "gravatar" not in html.lower()
    assert ">PL</span>" in _comment_html(html, reader)


def test_internal_only_profile_is_not_linked_or_pictured_on_public_posts(
    client, question_and_answer, public_post, staff_person
):
    staff_person.visibility = staff_person.Visibility.INTERNAL
    staff_person.save()
    _reader, answer = question_and_answer
    staff = _comment_html(client.get(public_post.url).content.decode(), answer)
    assert "Jana Beispiel" in staff
    assert "/menschen/" not in staff
    assert "<img" not in staff


def test_no_staff_badge_inside_the_internal_area(
    client, employee, staff_person, internal_post, submit
):
    client.force_login(employee)
    submit(internal_post, comment="Intern unter Kolleginnen")
    html = client.get(internal_post.url).content.decode()
    assert "badge--staff" not in html


def test_editor_marks_official_answer_linked_from_top_of_thread(
    client, editor, question_and_answer, public_post
):
    reader, answer = question_and_answer
    client.force_login(editor)
    response = client.post(reverse("stimme_comments:official", args=[answer.pk]))
    assert response.status_code == 302
    client.logout()
    html = client.get(public_post.url).content.decode()
    assert 'class="badge badge--official"' in _comment_html(html, answer)
    top = html[html.index('id="comments"') : html.index('class="comment-list"')]
    assert f'href="#c{answer.pk}"' in top
    # The question at the top of the thread links to its answer, too.
    assert f'href="#c{answer.pk}"' in _comment_html(html, reader)


def test_only_editors_may_mark_official_answers(client, employee, question_and_answer, public_post):
    _reader, answer = question_and_answer
    client.force_login(employee)
    assert client.post(reverse("stimme_comments:official", args=[answer.pk])).status_code == 403
    assert not StimmeComment.objects.get(pk=answer.pk).is_official_answer
    assert "Mark as official answer" not in client.get(public_post.url).content.decode()
    client.logout()
    assert client.post(reverse("stimme_comments:official", args=[answer.pk])).status_code == 403


def test_official_toggle_does_not_republish_hidden_replies(
    client, editor, question_and_answer, public_post
):
    reader, answer = question_and_answer
    StimmeComment.objects.filter(pk=answer.pk).update(is_public=False)
    client.force_login(editor)
    client.post(reverse("stimme_comments:official", args=[reader.pk]))
    assert not StimmeComment.objects.get(pk=answer.pk).is_public
