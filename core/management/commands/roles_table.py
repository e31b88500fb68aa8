"""Print the README's roles and permissions tables, rendered from ``core.roles``."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.roles import roles_markdown

START = "<!-- roles:start -->\n"
END = "<!-- roles:end -->"


class Command(BaseCommand):
    help = "Render the roles table from core.roles; --write-readme puts it into README.md."

    def add_arguments(self, parser):
        parser.add_argument(
            "--write-readme",
            action="store_true",
            help="Replace the table between the roles markers in README.md.",
        )

    def handle(self, *args, write_readme=False, **options):
        table = roles_markdown()
        if not write_readme:
            self.stdout.write(table, ending="")
            return
        readme = Path(settings.BASE_DIR) / "README.md"
        text = readme.read_text(encoding="utf-8")
        if START not in text or END not in text:
            raise CommandError(f"README.md has no {START.strip()} … {END} markers.")
        before, rest = text.split(START, 1)
        _old, after = rest.split(END, 1)
        readme.write_text(before + START + table + END + after, encoding="utf-8")
        self.stdout.write("README.md: roles table updated.")
