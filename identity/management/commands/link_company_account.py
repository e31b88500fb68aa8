from django.core.management.base import BaseCommand, CommandError

from identity.linking import LinkRefused, link_account


class Command(BaseCommand):
    help = (
        "Link an existing local account to a person at the identity provider, so their "
        "posts, acknowledgements and feed token carry over to the company sign-in. "
        "The admin's 'Company accounts' screen applies the same rules."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="the local account")
        parser.add_argument("subject", help="the provider's subject (OIDC_SUBJECT_CLAIM)")
        parser.add_argument("--issuer", default=None, help="default: OIDC_ISSUER")

    def handle(self, username, subject, issuer=None, **options):
        try:
            account = link_account(username, subject, issuer)
        except LinkRefused as refused:
            raise CommandError(str(refused)) from refused
        self.stdout.write(f"{username} is now {account.subject} at {account.issuer}")
