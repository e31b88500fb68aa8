"""Notification emails on publish: recipients, content, one per person, preferences, digest."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

import pytest

from internal.models import NotificationPreference, PostNotification
from internal.notifications import muted
from operations.mail import MAX_ATTEMPTS, queue_mail, retry_delay, send_due
from operations.models import OutboxMessage

pytestmark = pytest.mark.django_db

Frequency = NotificationPreference.Frequency


@pytest.fixture
def staff(colleague):
    return {
        "jonas": colleague("jonas.berger", "dev", "Husum"),
        "lukas": colleague("lukas.petersen", "sales", "Kiel"),
        "aylin": colleague("aylin.demir", "hr", "Husum"),
    }


@pytest.fixture
def publish(make_post, django_capture_on_commit_callbacks):
    """Publish a post and run what happens after the commit (the task, the outbox)."""

    def run(title, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return make_post(title, **kwargs)

    return run


def _recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_audience_gets_one_email_each(publish, staff, departments):
    post = publish(
        "Neue Prüfstände im Klimalabor",
        departments=[departments["dev"], departments["sales"]],
        teaser="Zwei zusätzliche Prüfstände ab März.",
    )
    assert _recipients() == ["jonas.berger@nordlicht.example", "lukas.petersen@nordlicht.example"]
    message = next(m for m in mail.outbox if m.to == ["jonas.berger@nordlicht.example"])
    assert "Neue Prüfstände im Klimalabor" in message.subject
    assert f"http://testserver{post.url}" in message.body
    assert "Zwei zusätzliche Prüfstände ab März." in message.body
    assert "/intern/einstellungen/" in message.body
    html = message.alternatives[0].content
    assert f'href="http://testserver{post.url}"' in html
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).count() == 2


def test_all_staff_post_reaches_every_employee_but_nobody_else(
    publish, staff, django_user_model, employee
):
    django_user_model.objects.create_user(
        "extern", email="extern@example.com", password="x-1234567"
    )
    inactive = staff["aylin"]
    inactive.is_active = False
    inactive.save()
    publish("Sommerfest am Hafen")
    recipients = _recipients()
    assert "jonas.berger@nordlicht.example" in recipients
    assert "jana.employee@nordlicht.example" in recipients  # employee without a profile
    assert "extern@example.com" not in recipients
    assert "aylin.demir@nordlicht.example" not in recipients
    assert len(recipients) == len(set(recipients))


def test_republishing_does_not_mail_again(publish, staff, django_capture_on_commit_callbacks):
    post = publish("Phishing-Welle")
    count = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        post.title = "Phishing-Welle (Update)"
        post.save_revision().publish()
    assert len(mail.outbox) == count


def test_asking_to_confirm_again_mails_the_audience_again(
    publish, staff, django_capture_on_commit_callbacks
):
    post = publish("Reisekostenrichtlinie", must_read=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post.acknowledgement_version += 1
        post.save_revision().publish()
    assert len(mail.outbox) == 3
    assert "Bitte lesen Sie sie erneut" in mail.outbox[0].body


def test_confidential_post_mails_only_its_audience_and_not_its_teaser(publish, staff, departments):
    publish(
        "Gehaltsrunde 2026",
        departments=[departments["hr"]],
        confidential=True,
        teaser="Die neuen Gehaltsbänder im Entwurf.",
    )
    assert _recipients() == ["aylin.demir@nordlicht.example"]
    assert "Gehaltsbänder" not in mail.outbox[0].body
    assert "Gehaltsbänder" not in mail.outbox[0].alternatives[0].content


def test_preferences_decide_what_comes_at_once(publish, staff):
    NotificationPreference.objects.create(user=staff["lukas"], frequency=Frequency.DAILY_DIGEST)
    NotificationPreference.objects.create(user=staff["aylin"], frequency=Frequency.MUST_READS)
    publish("Neue Kollegen im Mai")
    assert _recipients() == ["jonas.berger@nordlicht.example"]
    mail.outbox.clear()
    publish("Datenschutz-Schulung", must_read=True)
    assert len(_recipients()) == 3  # must-reads come at once for everyone
    assert all("Bitte lesen und bestätigen" in message.subject for message in mail.outbox)


def _command(name, *args):
    """Run a management command as cron would: its commits (and after-commit work) happen."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command(name, *args, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_daily_digest_collects_what_digest_readers_have_not_seen(publish, staff):
    NotificationPreference.objects.create(user=staff["lukas"], frequency=Frequency.DAILY_DIGEST)
    publish("Neue Kollegen im Mai")
    publish("Datenschutz-Schulung", must_read=True)
    mail.outbox.clear()

    _command("send_internal_digest", "--now")
    assert _recipients() == ["lukas.petersen@nordlicht.example"]
    digest = mail.outbox[0]
    assert "Neue Kollegen im Mai" in digest.body
    assert "Datenschutz-Schulung" not in digest.body  # already mailed at once
    assert "zusammenfassung" in digest.subject.lower()

    mail.outbox.clear()
    _command("send_internal_digest", "--now")
    assert mail.outbox == []  # nothing new since the last digest


def test_digest_task_is_enqueued_by_the_command(publish, staff):
    NotificationPreference.objects.create(user=staff["lukas"], frequency=Frequency.DAILY_DIGEST)
    publish("Hafenfest")
    mail.outbox.clear()
    _command("send_internal_digest")
    assert _recipients() == ["lukas.petersen@nordlicht.example"]


def test_publishing_while_muted_sends_nothing(make_post, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), muted():
        make_post("Demo-Inhalt")
    assert mail.outbox == []
    assert not PostNotification.objects.exists()


def test_settings_page_changes_the_preference(client, staff):
    client.force_login(staff["jonas"])
    response = client.get("/intern/einstellungen/")
    assert response.status_code == 200
    assert "Nur Pflichtlektüre" in response.content.decode()
    response = client.post(
        "/intern/einstellungen/", {"action": "notifications", "frequency": "digest"}
    )
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=staff["jonas"]).frequency == "digest"


def test_settings_page_is_for_employees_only(client, django_user_model):
    assert client.get("/intern/einstellungen/").status_code == 302
    client.force_login(django_user_model.objects.create_user("extern", password="x-1234567"))
    assert client.get("/intern/einstellungen/").status_code == 403


# --- The outbox: mail is never lost when SMTP fails ------------------------------


def test_mail_waits_in_the_outbox_while_the_server_is_down(publish, staff, settings):
    settings.EMAIL_BACKEND = "tests.internal.mail_backends.DownBackend"
    before = timezone.now()
    publish("Während der Störung")
    messages = OutboxMessage.objects.all()
    assert messages.count() == 3
    assert all(m.status == OutboxMessage.Status.PENDING for m in messages)
    assert all(m.attempts == 1 and m.next_try_at > before + timedelta(seconds=50) for m in messages)
    assert "mail server down" in messages[0].last_error

    # Not due yet: nothing is tried again.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due() == 0
    # Later, the server is back and the retry delivers everything, once.
    OutboxMessage.objects.update(next_try_at=timezone.now())
    assert send_due() == 3
    assert len(mail.outbox) == 3
    assert send_due() == 0


def test_one_refused_address_does_not_block_the_others(publish, staff, settings):
    settings.EMAIL_BACKEND = "tests.internal.mail_backends.RefusingBackend"
    staff["lukas"].email = "bounce@nordlicht.example"
    staff["lukas"].save()
    publish("Tourenplanung")
    assert _recipients() == ["aylin.demir@nordlicht.example", "jonas.berger@nordlicht.example"]
    refused = OutboxMessage.objects.get(to="bounce@nordlicht.example")
    assert refused.status == OutboxMessage.Status.PENDING
    assert "550" in refused.last_error


def test_backoff_grows_and_gives_up_eventually(settings):
    assert retry_delay(1) == timedelta(minutes=1)
    assert retry_delay(3) == timedelta(minutes=4)
    assert retry_delay(30) == timedelta(hours=6)
    settings.EMAIL_BACKEND = "tests.internal.mail_backends.DownBackend"
    message = queue_mail(to="a@nordlicht.example", subject="Hallo", text="Text", key="k1")
    assert queue_mail(to="a@nordlicht.example", subject="Hallo", text="Text", key="k1") is None
    for _attempt in range(MAX_ATTEMPTS):
        OutboxMessage.objects.filter(pk=message.pk).update(next_try_at=timezone.now())
        send_due()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == MAX_ATTEMPTS


def test_send_outbox_command_is_the_safety_net(settings):
    queue_mail(to="b@nordlicht.example", subject="Hallo", text="Text")
    call_command("send_outbox", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [m.to for m in mail.outbox] == [["b@nordlicht.example"]]
