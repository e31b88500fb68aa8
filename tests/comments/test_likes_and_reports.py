"""Likes (one per account or browser) and reports that reach the moderators."""

from django.urls import reverse

import pytest

from comments.models import CommentReport, StimmeComment
from comments.threads import thread_queryset

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(public_post):
    return StimmeComment.objects.create(
        content_type_id=public_post.content_type_id,
        object_pk=str(public_post.pk),
        site_id=1,
        user_name="Petra Leserin",
        user_email="petra@example.org",
        comment="Sehr anschaulich erklärt.",
    )


def _likes(comment, post):
    return next(c for c in thread_queryset(post) if c.pk == comment.pk).like_count


def test_signed_in_reader_likes_once_and_can_take_it_back(client, employee, comment, public_post):
    client.force_login(employee)
    url = reverse("stimme_comments:like", args=[comment.pk])
    client.post(url)
    assert _likes(comment, public_post) == 1
    page = client.get(public_post.url).content.decode()
    assert 'aria-pressed="true"' in page
    client.post(url)
    assert _likes(comment, public_post) == 0


def test_reader_like_counts_once_per_browser(client, comment, public_post):
    """One click, no mail (more in test_reader_loops.py)."""
    url = reverse("stimme_comments:like", args=[comment.pk])
    client.post(url)
    assert _likes(comment, public_post) == 1
    client.post(url)
    assert _likes(comment, public_post) == 0, "the second click takes the like back"


def test_like_redirect_stays_on_site(client, employee, comment):
    client.force_login(employee)
    response = client.post(
        reverse("stimme_comments:like", args=[comment.pk]), {"next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert not response["Location"].startswith("https://evil.example")
    assert response["Location"].endswith(f"#c{comment.pk}")


def test_anyone_can_report_and_moderators_see_it_first(client, editor, comment, public_post):
    url = reverse("stimme_comments:report", args=[comment.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "abuse", "details": "Beleidigend"})
    assert response.status_code == 200  # the thanks on a page of its own, not in the shared post
    assert 'role="status"' in response.content.decode()
    report = CommentReport.objects.get()
    assert report.comment == comment and report.user is None

    client.force_login(editor)
    listing = client.get(reverse("comment_moderation:index") + "?tab=flagged")
    assert listing.status_code == 200
    assert "Sehr anschaulich erkl" in listing.content.decode()


def test_report_needs_a_reason(client, comment):
    response = client.post(reverse("stimme_comments:report", args=[comment.pk]), {"reason": "x"})
    assert response.status_code == 200
    assert not CommentReport.objects.exists()


def test_reports_are_rate_limited_per_address(client, comment, settings):
    settings.COMMENTS_RATE_LIMIT_PER_HOUR = 2
    url = reverse("stimme_comments:report", args=[comment.pk])
    for _ in range(2):
        assert client.post(url, {"reason": "spam"}).status_code == 200
    assert client.post(url, {"reason": "spam"}).status_code == 403
    assert CommentReport.objects.count() == 2


def test_moderator_hides_a_reported_comment_and_marks_reports_handled(
    client, editor, comment, public_post
):
    CommentReport.objects.create(comment=comment, reason="spam")
    client.force_login(editor)
    response = client.post(
        reverse("comment_moderation:detail", args=[comment.pk]), {"action": "delete"}
    )
    assert response.status_code == 302
    assert not StimmeComment.objects.get(pk=comment.pk).is_public
    assert CommentReport.objects.get().resolved_by == editor
    client.logout()
    assert "Sehr anschaulich" not in client.get(public_post.url).content.decode()


def test_employees_without_editor_rights_cannot_open_the_moderation_queue(client, employee):
    client.force_login(employee)
    response = client.get(reverse("comment_moderation:index"))
    assert response.status_code == 403
