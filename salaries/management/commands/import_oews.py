import os
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from salaries.models import Occupation
from salaries.oews.importing import apply_import, describe_plan, plan_import
from salaries.oews.read import OewsError, read_oews, resolve_period


class Command(BaseCommand):
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
        self.verbosity = options["verbosity"]
        started = time.perf_counter()
        try:
            resolved = resolve_period(period, file.name)
            with file.open("rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                self.progress(f"Reading {file.name} ({size / 1024 / 1024:.1f} MB)…")
                rows = read_oews(
                    handle, file.name, period=resolved, occ_codes=Occupation.objects.codes()
                )
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        except OewsError as error:
            raise CommandError("\n".join(error.messages)) from error
        self.progress(f"Read {len(rows)} areas for {resolved.label} in {self.since(started)}.")
        plan = plan_import(rows, resolved)
        for line in describe_plan(plan, detail=self.verbosity > 1):
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Dry run: nothing written.")
            return
        self.progress("Writing in one transaction…")
        result = apply_import(plan)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {result.release}: {result.created} new, {result.updated} changed, "
                f"{result.unchanged} unchanged areas ({self.since(started)} in all)."
            )
        )

    def progress(self, message: str) -> None:
        if self.verbosity > 0:
            self.stdout.write(message)
            self.stdout.flush()

    def since(self, started: float) -> str:
        return f"{time.perf_counter() - started:.1f} s"
