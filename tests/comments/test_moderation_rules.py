"""Each automatic rule, with its setting, its decision and the reason moderators see."""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from comments.models import (
    CommentSettings,
    CommunityGuidelinesPage,
    ModerationLogEntry,
    PendingComment,
    StimmeComment,
)
from comments.policy import CommentPolicy
from comments.queue.digest import send_digest
from comments.rules import decide, fold, matching_word
from operations.models import OutboxMessage

from .conftest import form_data

pytestmark = pytest.mark.django_db


def staff_post(client, user, post, submit, **fields):
    client.force_login(user)
    return submit(post, **fields)


def test_more_than_n_links_are_held_with_reason(
    client, employee, public_post, submit, post_moderation
):
    # Readers' rule; checked here on the submission probe through a non-staff path.

    comment = StimmeComment(
        user_name="P",
        user_email="p@example.org",
        comment="a https://a.de https://b.de https://c.de",
    )
    with translation.override("en"):
        decision = decide(comment, public_post, CommentPolicy(AnonymousUser(), public_post))
    assert decision.verdict == "hold" and "3 links" in decision.reason
    post_moderation.hold_links_over = 5
    post_moderation.save()
    decision = decide(comment, public_post, CommentPolicy(AnonymousUser(), public_post))
    assert decision.verdict == "publish"


def test_word_lists_match_case_and_umlaut_insensitively():
    assert fold("ÄRGER Straße") == "aerger strasse"
    assert matching_word(["Ärger"], "so ein aerger") == "Ärger"
    assert matching_word(["casino*"], "Besuch Onlinecasino") is None
    assert matching_word(["casino*"], "CASINOBONUS hier") == "casino*"
    assert matching_word(["spam"], "", "spam@example.org") == "spam"


def test_moderation_word_holds_and_blocked_word_rejects(
    client, employee, public_post, submit, post_moderation
):
    post_moderation.moderation_words = "Ärger"
    post_moderation.blocked_words = "Schwachkopf"
    post_moderation.save()
    staff_post(client, employee, public_post, submit, comment="Viel AERGER mit der Anlage")
    held = StimmeComment.objects.get()
    assert held.moderation_status == "waiting" and "Ärger" in held.moderation_reason
    response = submit(public_post, comment="Du Schwachkopf")
    assert response.status_code == 403
    rejected = StimmeComment.objects.get(comment="Du Schwachkopf")
    assert rejected.moderation_status == "rejected" and not rejected.is_public
    assert ModerationLogEntry.objects.filter(
        comment=rejected, action="rejected", actor=None
    ).exists()


def test_blocked_word_in_reader_name_rejects_without_confirmation(
    client, public_post, submit, post_moderation
):
    post_moderation.blocked_words = "viagra"
    post_moderation.save()
    assert submit(public_post, name="Viagra Shop").status_code == 403
    assert not PendingComment.objects.exists()
    assert StimmeComment.objects.get().moderation_status == "rejected"


def test_honeypot_is_refused_and_logged(client, public_post, submit):
    assert submit(public_post, website_confirm="http://spam").status_code == 400
    assert not PendingComment.objects.exists()
    assert ModerationLogEntry.objects.filter(
        action="refused", reason__icontains="honeypot"
    ).exists()


def test_form_sent_too_fast_is_refused_text_kept(client, public_post, submit, settings):
    settings.COMMENTS_MIN_SUBMIT_SECONDS = 3
    response = submit(public_post, comment="Schnell getippt")
    assert response.status_code == 400
    assert "Schnell getippt" in response.content.decode()
    assert not PendingComment.objects.exists()
    assert ModerationLogEntry.objects.filter(action="refused").exists()


def _from(client, post, on_commit, headers, **fields):
    with on_commit():
        return client.post(reverse("stimme_comments:post"), form_data(post, **fields), **headers)


def test_flood_answers_429_keyed_on_real_client_ip(client, public_post, on_commit, settings):
    def submit(post, HTTP_X_FORWARDED_FOR, **fields):
        return _from(
            client, post, on_commit, {"HTTP_X_FORWARDED_FOR": HTTP_X_FORWARDED_FOR}, **fields
        )

    settings.COMMENTS_FLOOD_INTERVAL_SECONDS = 15
    settings.TRUSTED_PROXY_COUNT = 1
    first = submit(
        public_post, comment="Eins", email="a@example.org", HTTP_X_FORWARDED_FOR="198.51.100.1"
    )
    assert first.status_code == 302
    again = submit(
        public_post, comment="Zwei", email="b@example.org", HTTP_X_FORWARDED_FOR="198.51.100.1"
    )
    assert again.status_code == 429
    assert again["Retry-After"]
    assert "Zwei" in again.content.decode()  # the text is kept on the friendly page
    # Another real client behind the same proxy is not affected.
    other = submit(
        public_post, comment="Drei", email="c@example.org", HTTP_X_FORWARDED_FOR="198.51.100.2"
    )
    assert other.status_code == 302
    # A forged left-most address does not escape the limit.
    forged = submit(
        public_post,
        comment="Vier",
        email="d@example.org",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1",
    )
    assert forged.status_code == 429


def test_flood_per_email_and_per_hour(client, public_post, on_commit, settings):
    def submit(post, REMOTE_ADDR, **fields):
        return _from(client, post, on_commit, {"REMOTE_ADDR": REMOTE_ADDR}, **fields)

    settings.COMMENTS_FLOOD_INTERVAL_SECONDS = 15
    assert submit(public_post, comment="Eins", REMOTE_ADDR="10.0.0.1").status_code == 302
    assert submit(public_post, comment="Zwei", REMOTE_ADDR="10.0.0.2").status_code == 429
    settings.COMMENTS_FLOOD_INTERVAL_SECONDS = 0
    settings.COMMENTS_FLOOD_PER_HOUR = 2
    assert (
        submit(
            public_post, comment="Drei", email="x@example.org", REMOTE_ADDR="10.0.0.3"
        ).status_code
        == 302
    )
    assert (
        submit(
            public_post, comment="Vier", email="x@example.org", REMOTE_ADDR="10.0.0.4"
        ).status_code
        == 302
    )
    assert (
        submit(
            public_post, comment="Fünf", email="x@example.org", REMOTE_ADDR="10.0.0.5"
        ).status_code
        == 429
    )


def test_same_text_twice_within_five_minutes_is_refused(client, public_post, submit, settings):
    settings.COMMENTS_DUPLICATE_MINUTES = 5
    assert submit(public_post, comment="Gleicher Text").status_code == 302
    assert submit(public_post, comment="gleicher  text").status_code == 403
    assert PendingComment.objects.count() == 1
    PendingComment.objects.update(created_at=timezone.now() - timedelta(minutes=6))
    assert submit(public_post, comment="Gleicher Text").status_code == 302


def test_size_limit(client, public_post, submit):
    assert submit(public_post, comment="x" * 3001).status_code == 400
    assert not PendingComment.objects.exists()


def test_moderators_are_mailed_at_most_once_per_interval(
    client, employee, editor, public_post, submit, site_root
):
    settings = CommentSettings.for_site(site_root.get_site())
    settings.moderation_policy = "all"
    settings.notify_every_minutes = 30
    settings.save()
    client.force_login(employee)
    for n in range(3):
        submit(public_post, comment=f"Wartet {n}")
    mails = OutboxMessage.objects.filter(
        to=editor.email, body_text__contains="/admin/comment-moderation/"
    )
    assert mails.count() == 1
    assert "/admin/comment-moderation/" in mails.get().body_text
    # Within the interval nothing more is sent; after it, one mail with the new count.

    submit(public_post, comment="Wartet 3")
    assert mails.count() == 1
    assert send_digest(now=timezone.now() + timedelta(minutes=31))["sent"] >= 1
    assert mails.count() == 2
    assert "4" in mails.order_by("-pk").first().subject


def test_guidelines_link_on_every_comment_form(client, public_post, site_root):
    page = site_root.add_child(instance=CommunityGuidelinesPage(title="Regeln", slug="regeln"))
    page.save_revision().publish()
    settings = CommentSettings.for_site(site_root.get_site())
    settings.guidelines_page = page
    settings.save()
    html = client.get(public_post.url).content.decode()
    assert "data-guidelines-link" in html and page.url in html
    assert client.get(page.url).status_code == 200
