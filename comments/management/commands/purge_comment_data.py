"""Erase comment personal data past its retention (run daily from cron)."""

from django.core.management.base import BaseCommand

from comments.tasks import purge_comment_data


class Command(BaseCommand):
    help = "Erase old IP addresses and long-expired unconfirmed comments."

    def handle(self, *args, **options):
        result = purge_comment_data.call()
        self.stdout.write(
            f"Erased {result['ip_addresses']} IP addresses, "
            f"deleted {result['unconfirmed']} unconfirmed comments."
        )
