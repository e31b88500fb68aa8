"""Send waiting mail from the outbox now (cron safety net for the outbox task)."""

from django.core.management.base import BaseCommand

from operations.mail import send_due


class Command(BaseCommand):
    help = "Send due messages from the mail outbox; failed ones are retried later."

    def handle(self, *args, **options):
        total = 0
        while sent := send_due():
            total += sent
        self.stdout.write(f"{total} message(s) sent.")
