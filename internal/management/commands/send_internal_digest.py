"""Daily digest of internal posts for employees who chose it (run once a day from cron)."""

from django.core.management.base import BaseCommand

from internal.notifications import send_digests
from internal.tasks import send_daily_digest


class Command(BaseCommand):
    help = "Queue the daily digest of new internal posts (one email per reader)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Build the digests in this process instead of enqueueing a task.",
        )

    def handle(self, *args, **options):
        if options["now"]:
            count = send_digests()
            self.stdout.write(f"{count} digest(s) queued.")
        else:
            send_daily_digest.enqueue()
            self.stdout.write("Digest task enqueued.")
