from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.archive import ArchiveError, portal_import


class Command(BaseCommand):
    help = (
        "Restore an archive written by export_portal into an empty, migrated database, "
        "after checking every checksum. Refuses a database that already holds data."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The .tar.gz written by export_portal.")

    def handle(self, *args, archive: Path, **options):
        if not archive.is_file():
            raise CommandError(f"{archive} is not a file.")
        try:
            result = portal_import(path=archive)
        except ArchiveError as error:
            raise CommandError(str(error)) from None
        for name in result.newer_migrations:
            self.stderr.write(
                self.style.WARNING(f"Applied here but not when the archive was written: {name}")
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {result.objects} objects and {result.files} files from {archive}."
            )
        )
