"""Send the weekly listening summary to editors (cron: Mondays, 07:00)."""

from django.core.management.base import BaseCommand

from insights.tasks import send_weekly_insights


class Command(BaseCommand):
    help = "Queue the weekly listening summary (comments answered, must-read reach) for editors."

    def handle(self, *args, **options):
        # Run in this process: cron should not depend on a worker being up
        # to compute the figures; the mail itself leaves through the outbox.
        queued = send_weekly_insights.call()
        self.stdout.write(f"Weekly summary queued for {queued} recipient(s).")
