from django.core.management.base import BaseCommand

from identity.leavers import deactivate_dormant


class Command(BaseCommand):
    help = (
        "Deactivate company accounts with no sign-in for IDENTITY_DORMANT_DAYS days "
        "(for providers without SCIM). Run it daily, e.g. from cron."
    )

    def handle(self, *args, **options):
        names = deactivate_dormant()
        self.stdout.write(f"{len(names)} deactivated" + (f": {', '.join(names)}" if names else ""))
