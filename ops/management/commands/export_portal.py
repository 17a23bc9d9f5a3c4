import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.archive import ArchiveError, portal_export


class Command(BaseCommand):
    help = (
        "Write one .tar.gz archive with all the portal's data and uploaded files, "
        "with a manifest of SHA-256 checksums. Restore it with import_portal."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            type=Path,
            help="Archive to write (default: values-portal-<UTC date and time>.tar.gz here).",
        )
        parser.add_argument(
            "--allow-missing-files",
            action="store_true",
            help="Record files that rows refer to but storage lacks, instead of stopping.",
        )

    def handle(self, *args, output: Path | None, allow_missing_files: bool, **options):
        if output is None:
            stamp = dt.datetime.now(tz=dt.UTC).strftime("%Y%m%dT%H%M%SZ")
            output = Path(f"values-portal-{stamp}.tar.gz")
        try:
            manifest = portal_export(path=output, allow_missing_files=allow_missing_files)
        except ArchiveError as error:
            raise CommandError(str(error)) from None
        for name in manifest.missing_files:
            self.stderr.write(self.style.WARNING(f"Missing from storage: {name}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {output}: {manifest.object_count} objects of {len(manifest.data)} "
                f"models and {len(manifest.files)} files."
            )
        )
