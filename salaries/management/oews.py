"""What the two OEWS commands share: import_oews reads a file on disk, fetch_oews one it
downloads from BLS; from there both read it with the admin upload's reader, print the same
preview and write it the same way."""

import time

from django.core.management.base import BaseCommand, CommandError

from salaries.models import Occupation
from salaries.oews.importing import apply_import, describe_plan, plan_import
from salaries.oews.read import OewsError, Period, read_oews_files


class OewsCommand(BaseCommand):
    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        self.started = time.perf_counter()

    def import_files(
        self, files: list[tuple[object, str]], period: Period, *, write: bool, not_written: str
    ) -> None:
        """Read the files (pairs of file object and name) as one release for the period,
        print what would change, and write it in one transaction when ``write``."""
        try:
            rows = read_oews_files(files, period=period, occ_codes=Occupation.objects.codes())
        except OewsError as error:
            raise CommandError("\n".join(error.messages)) from error
        self.progress(f"Read {len(rows)} areas for {period.label} in {self.since()}.")
        plan = plan_import(rows, period)
        for line in describe_plan(plan, detail=self.verbosity > 1):
            self.stdout.write(line)
        if not write:
            self.stdout.write(not_written)
            return
        self.progress("Writing in one transaction…")
        result = apply_import(plan)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {result.release}: {result.created} new, {result.updated} changed, "
                f"{result.unchanged} unchanged areas ({self.since()} in all)."
            )
        )

    def progress(self, message: str) -> None:
        if self.verbosity > 0:
            self.stdout.write(message)
            self.stdout.flush()

    def since(self) -> str:
        return f"{time.perf_counter() - self.started:.1f} s"
