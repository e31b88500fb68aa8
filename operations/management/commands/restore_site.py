"""Bring a backup folder back: replace the database, copy the uploads (``make restore``)."""

from django.core.management.base import BaseCommand, CommandError

from operations import backup


class Command(BaseCommand):
    help = (
        "Replace the database with the one in a backup folder (made by backup_site) "
        "and copy its uploads back. Stop the site and the worker first."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A backup folder, e.g. backups/2026-11-23T140512")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )
        parser.add_argument("--database", default="default", help="Database alias.")

    def handle(self, *args, **options):
        using = options["database"]
        try:
            manifest = backup.read_manifest(options["folder"])
            label = backup.database_label(using)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backup of {manifest['database']} ({manifest['engine']}), "
            f"made {manifest['created_at']}."
        )
        if options["interactive"] and not self._confirmed(label):
            raise CommandError("Restore cancelled; nothing was changed.")
        try:
            result = backup.restore_backup(options["folder"], using=using)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        if result["media_skipped"]:
            self.stdout.write(
                self.style.WARNING("Uploads are not on local disk: restore them there.")
            )
        elif result["media"]:
            self.stdout.write(f"Uploads copied back: {result['media']['files']} files.")
        if result["renditions_dropped"]:
            self.stdout.write(
                f"{result['renditions_dropped']} renditions will be regenerated on first view."
            )
        if result["unapplied_migrations"]:
            self.stdout.write(
                self.style.WARNING(
                    f"The backup predates {len(result['unapplied_migrations'])} migrations "
                    "of this code: run `manage.py migrate` next."
                )
            )
        self.stdout.write(self.style.SUCCESS(f"Restored {label} from {options['folder']}."))

    def _confirmed(self, label: str) -> bool:
        try:
            answer = input(f"This replaces the {label} and every cache. Type 'yes' to continue: ")
        except EOFError:
            return False
        return answer.strip().lower() == "yes"
