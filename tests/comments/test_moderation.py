"""Open/closed per post, auto-close after N days, held comments and the admin queue."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

import pytest
from django_comments_xtd.models import BlackListedDomain

from comments import tokens
from comments.models import (
    CommentReport,
    CommentSettings,
    PendingComment,
    PostCommentOptions,
    StimmeComment,
)
from comments.threads import comment_count, with_comment_counts

from .conftest import make_blog_post

pytestmark = pytest.mark.django_db


def test_editor_closes_comments_on_one_post(client, editor, public_post, submit):
    client.force_login(editor)
    switch = reverse("stimme_comments_admin:switch", args=[public_post.pk])
    assert client.get(switch).status_code == 200
    client.post(switch, {"mode": "closed"})
    client.logout()
    html = client.get(public_post.url).content.decode()
    assert 'class="comment-form"' not in html
    assert "closed" in html or "geschlossen" in html
    assert submit(public_post).status_code == 403
    assert not PendingComment.objects.exists()


def test_old_posts_close_automatically_unless_reopened(client, editor, public_post, submit):
    settings = CommentSettings.for_site(public_post.get_site())
    settings.close_after_days = 30
    settings.save()
    public_post.date = timezone.now() - timedelta(days=31)
    public_post.save()
    assert submit(public_post).status_code == 403
    PostCommentOptions.objects.create(page=public_post, mode="open")
    assert submit(public_post).status_code == 302


def test_switch_is_for_page_editors_only(client, employee, public_post):
    client.force_login(employee)
    response = client.post(
        reverse("stimme_comments_admin:switch", args=[public_post.pk]), {"mode": "closed"}
    )
    assert response.status_code == 403
    assert not PostCommentOptions.objects.exists()


def test_link_heavy_reader_comment_waits_for_a_moderator(
    client, editor, public_post, submit, mailoutbox, on_commit, author_user
):
    text = "Angebote: https://a.example https://b.example https://c.example"
    submit(public_post, comment=text)

    with on_commit():
        client.get(
            reverse(
                "stimme_comments:confirm",
                args=[tokens.make(tokens.CONFIRM, PendingComment.objects.get().pk)],
            )
        )
    held = StimmeComment.objects.get()
    assert not held.is_public
    assert text not in client.get(public_post.url).content.decode()
    assert not [m for m in mailoutbox if m.to == [author_user.email]]

    # Approving it in the admin publishes it and sends what publication sends.
    client.force_login(editor)
    with on_commit():
        client.post(reverse("comment_moderation:detail", args=[held.pk]), {"action": "approve"})
    assert StimmeComment.objects.get().is_public
    assert [m for m in mailoutbox if m.to == [author_user.email]]


def test_blocklisted_mail_domain_is_refused(client, public_post, submit):
    BlackListedDomain.objects.create(domain="spam.example")
    response = submit(public_post, email="bot@spam.example")
    assert response.status_code == 403
    assert not PendingComment.objects.exists()


def test_comment_counts_for_listings_in_one_query(
    public_post, blog_index, author_person, django_assert_num_queries
):
    other = make_blog_post(blog_index, author_person, title="Zweiter", slug="zweiter")
    for n in range(3):
        StimmeComment.objects.create(
            content_type_id=public_post.content_type_id,
            object_pk=str(public_post.pk),
            site_id=1,
            user_name="L",
            user_email=f"l{n}@example.org",
            comment="x",
            is_removed=n == 2,
        )
    with django_assert_num_queries(1):
        posts = with_comment_counts([public_post, other])
    assert [post.comment_count for post in posts] == [2, 0]
    assert comment_count(posts[0]) == 2


def test_editors_group_may_moderate_comments():
    editors = Group.objects.get(name="Editors")
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"change_stimmecomment", "view_stimmecomment", "moderate_comments"} <= codenames


def test_demo_seeding_is_idempotent(db):
    call_command("seed_demo", stdout=_Null())
    first = StimmeComment.objects.count()
    call_command("seed_demo", stdout=_Null())
    assert StimmeComment.objects.count() == first > 0
    assert StimmeComment.objects.filter(is_official_answer=True).exists()
    assert PendingComment.objects.filter(confirmed_at__isnull=True).exists()
    assert StimmeComment.objects.filter(level=3).exists()


class _Null:
    def write(self, *args, **kwargs):
        pass


def test_admin_screens_render_for_editors(client, editor, public_post):
    comment = StimmeComment.objects.create(
        content_type_id=public_post.content_type_id,
        object_pk=str(public_post.pk),
        site_id=1,
        user_name="Petra",
        user_email="petra@example.org",
        comment="Frage",
    )

    CommentReport.objects.create(comment=comment, reason="spam", details="Werbung")
    client.force_login(editor)
    for url in (
        reverse("comment_moderation:index"),
        reverse("comment_moderation:index") + "?tab=flagged",
        reverse("comment_moderation:detail", args=[comment.pk]),
        reverse("wagtailadmin_pages:edit", args=[public_post.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    detail = client.get(reverse("comment_moderation:detail", args=[comment.pk])).content.decode()
    assert "Werbung" in detail
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[public_post.pk]))
    assert (
        reverse("stimme_comments_admin:switch", args=[public_post.pk]) in edit_page.content.decode()
    )


def test_comment_count_tag_for_templates(public_post):
    StimmeComment.objects.create(
        content_type_id=public_post.content_type_id,
        object_pk=str(public_post.pk),
        site_id=1,
        user_name="L",
        user_email="l@example.org",
        comment="x",
    )
    template = Template("{% load stimme_comment_tags %}{% comment_count post %}")
    assert template.render(Context({"post": public_post})) == "1"
    public_post.comment_count = 7  # set by with_comment_counts in listings: no query
    assert template.render(Context({"post": public_post})) == "7"
