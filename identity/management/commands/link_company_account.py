from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from identity.models import CompanyAccount


class Command(BaseCommand):
    help = (
        "Link an existing local account to a person at the identity provider, so their "
        "posts, acknowledgements and feed token carry over to the company sign-in."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="the local account")
        parser.add_argument("subject", help="the provider's subject (OIDC_SUBJECT_CLAIM)")
        parser.add_argument("--issuer", default=None, help="default: OIDC_ISSUER")

    def handle(self, username, subject, issuer=None, **options):
        issuer = (issuer or settings.OIDC_ISSUER).rstrip("/")
        if not issuer:
            raise CommandError("No issuer: set OIDC_ISSUER or pass --issuer.")
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account {username!r}.")
        taken = CompanyAccount.objects.filter(issuer=issuer, subject=subject).exclude(user=user)
        if taken.exists():
            raise CommandError(f"{subject!r} is already linked to {taken.first().user}.")
        CompanyAccount.objects.update_or_create(
            user=user, defaults={"issuer": issuer, "subject": subject}
        )
        self.stdout.write(f"{username} is now {subject} at {issuer}")
