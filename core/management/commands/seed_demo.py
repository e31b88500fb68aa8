"""Fill the site with demo content for a fictional German company (idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from core.demo import DEMO_PASSWORD, DemoContext, discover_seeders


class Command(BaseCommand):
    help = "Create or complete the demo content; safe to run again."

    def handle(self, *args, **options):
        ctx = DemoContext(stdout=self.stdout)
        with transaction.atomic():
            for module in discover_seeders():
                self.stdout.write(f"Seeding {module.__name__} …")
                module.seed(ctx)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        if settings.DEBUG:
            self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
            for role, username in ctx.credentials:
                self.stdout.write(f"  {role:<10} {username}")
        else:
            self.stdout.write("DEBUG is off: demo accounts got random passwords, none printed.")
