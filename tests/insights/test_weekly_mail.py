"""The weekly summary to editors: who gets it, what it says, that it is sent once."""

from django.core import mail
from django.core.management import call_command

import pytest

from insights.summary import send_weekly_summary
from operations.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_mail(settings):
    """Mail is written in LANGUAGE_CODE; English msgids stay stable when German arrives."""
    settings.LANGUAGE_CODE = "en"


def test_weekly_summary_goes_to_editors_and_moderators_only(
    editor, moderator, employee, author_user, superuser, comment_data
):
    send_weekly_summary()

    recipients = set(OutboxMessage.objects.values_list("to", flat=True))
    assert recipients == {editor.email, moderator.email, superuser.email}


def test_weekly_summary_carries_the_figures(editor, comment_data, reach_data, now):
    send_weekly_summary(now)

    message = OutboxMessage.objects.get(to=editor.email)
    assert "6 of 9" in message.subject
    text = message.body_text
    assert "Public comments received: 9" in text
    assert "With a company answer: 6 (67 %)" in text
    assert "Median time to first answer: 4.0 h" in text
    assert "90 % answered within: 2.0 d" in text
    assert "Public comments still without answer: 3" in text
    answer = f"http://testserver/admin/comment-moderation/{comment_data['c11'].pk}/#company-reply"
    assert answer in text
    assert "Forschung & Entwicklung: 58 % (7 / 12)" in text
    assert "Vertrieb & Service: 100 % (5 / 5)" in text
    assert "Personal & Kultur" not in text
    assert "http://testserver/admin/listening/" in text


def test_moderators_outside_the_staff_get_no_internal_figures(moderator, reach_data):
    send_weekly_summary()

    text = OutboxMessage.objects.get(to=moderator.email).body_text
    assert "must-read" not in text.lower()
    assert "Forschung" not in text


def test_running_twice_the_same_day_mails_once(editor, comment_data):
    assert send_weekly_summary() == 1
    assert send_weekly_summary() == 0
    assert OutboxMessage.objects.filter(to=editor.email).count() == 1


def test_command_queues_and_sends_through_the_outbox(
    editor, comment_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_weekly_insights", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert OutboxMessage.objects.get(to=editor.email).status == OutboxMessage.Status.SENT
