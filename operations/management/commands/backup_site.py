"""Back up the database and the uploaded originals into a dated folder (``make backup``)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from operations import backup


class Command(BaseCommand):
    help = (
        "Write the database (pg_dump, or SQLite's backup API) and the uploaded originals "
        "to a new folder such as backups/2026-11-23T140512/."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--into",
            default=str(settings.BASE_DIR / "backups"),
            help="Folder that receives the dated backup folder (default: backups/).",
        )
        parser.add_argument(
            "--output", help="Exact folder to write instead of a dated one; must not exist."
        )
        parser.add_argument("--database", default="default", help="Database alias.")

    def handle(self, *args, **options):
        target = (
            Path(options["output"])
            if options["output"]
            else backup.timestamped_folder(Path(options["into"]))
        )
        try:
            self.stdout.write(f"Backing up {backup.database_label(options['database'])} …")
            manifest = backup.create_backup(target, using=options["database"])
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        media = manifest["media"]
        if media is None:
            self.stdout.write(
                self.style.WARNING(
                    "Uploads are not on local disk (object storage): back them up there."
                )
            )
        else:
            self.stdout.write(
                f"Uploads: {media['files']} files, {media['bytes'] / 1_048_576:.1f} MiB "
                "(renditions left out: they are regenerated from the originals)."
            )
        self.stdout.write(self.style.SUCCESS(f"Backup written to {target}"))
