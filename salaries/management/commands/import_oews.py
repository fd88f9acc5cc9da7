import os
from pathlib import Path

from django.core.management.base import CommandError

from salaries.management.oews import OewsCommand
from salaries.oews.read import OewsError, resolve_period


class Command(OewsCommand):
    help = (
        "Import a BLS OEWS file (CSV or XLSX) for SOC 43-6013: show what changes, then write "
        "it in one transaction unless --dry-run."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The OEWS spreadsheet, .xlsx or .csv.")
        parser.add_argument(
            "--period",
            help='Survey period, e.g. "May 2023". Read from names like oesm23nat.xlsx if left out.',
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show the preview and write nothing."
        )

    def handle(self, *args, file: Path, period: str | None, dry_run: bool, **options):
        super().handle(**options)
        try:
            resolved = resolve_period(period, file.name)
        except OewsError as error:
            raise CommandError("\n".join(error.messages)) from error
        try:
            with file.open("rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                self.progress(f"Reading {file.name} ({size / 1024 / 1024:.1f} MB)…")
                self.import_files(
                    [(handle, file.name)],
                    resolved,
                    write=not dry_run,
                    not_written="Dry run: nothing written.",
                )
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
