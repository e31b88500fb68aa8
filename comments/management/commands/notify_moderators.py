"""Cron safety net: mail moderators about waiting comments if the interval has passed."""

from django.core.management.base import BaseCommand

from comments.queue.digest import send_digest


class Command(BaseCommand):
    help = "Mail moderators about comments awaiting approval (batched)."

    def handle(self, *args, **options):
        result = send_digest()
        self.stdout.write(f"moderator mails sent: {result['sent']}")
