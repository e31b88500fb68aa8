"""Cron safety net: mail moderators about waiting comments if the interval has passed."""

from django.core.management.base import BaseCommand

from comments.queue.digest import send_digest
from comments.tasks import send_digest_at


class Command(BaseCommand):
    help = "Mail moderators about comments awaiting approval (batched)."

    def handle(self, *args, **options):
        result = send_digest(send_later=send_digest_at)
        self.stdout.write(f"moderator mails sent: {result['sent']}")
