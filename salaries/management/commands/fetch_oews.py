import io
from datetime import date

from django.conf import settings
from django.core.management.base import CommandError

from salaries.management.oews import OewsCommand
from salaries.oews import fetch
from salaries.oews.read import MAX_BYTES, Period


class Command(OewsCommand):
    help = (
        "Download BLS's OEWS file for a year (national, state or metro) and show what it "
        "changes for SOC 43-6013; write it in one transaction only with --confirm."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", required=True, help="The survey year, e.g. 2025 for the May 2025 figures."
        )
        parser.add_argument(
            "--scope",
            choices=list(fetch.SCOPES),
            default="national",
            help="Which of BLS's files: national (default), state or metro (metropolitan "
            "and non-metropolitan areas).",
        )
        parser.add_argument(
            "--confirm", action="store_true", help="Write the import; without it nothing is."
        )

    def handle(self, *args, year: str, scope: str, confirm: bool, **options):
        super().handle(**options)
        try:
            period = Period(fetch.check_year(year, this_year=date.today().year))
            url = fetch.file_url(settings.OEWS_URL_TEMPLATE, period.year, scope)
            zip_name = url.rstrip("/").rpartition("/")[2] or url
            self.progress(f"Downloading {url}…")
            data = fetch.download(
                url,
                period=period,
                user_agent=settings.OEWS_USER_AGENT,
                timeout=settings.OEWS_TIMEOUT,
                max_bytes=getattr(settings, "OEWS_MAX_DOWNLOAD_BYTES", MAX_BYTES),
            )
            self.progress(f"Downloaded {len(data) / 1024 / 1024:.1f} MB in {self.since()}.")
            found = fetch.workbooks(data, zip_name, period)
        except fetch.FetchError as error:
            raise CommandError(str(error)) from None
        self.progress(f"Reading {', '.join(workbook.name for workbook in found)}…")
        self.import_files(
            [(io.BytesIO(workbook.data), workbook.name) for workbook in found],
            period,
            write=confirm,
            not_written="Nothing written: run again with --confirm to import it.",
        )
