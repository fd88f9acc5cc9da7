"""Every figure and every change as plain rows: the open data files, the API and the
figure pages read them. Building a row is a pure function of the figure, its source and
the site's address; reading the tables and the change log happens in the functions at
the end, each cached per content version.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Max

from careerguide.shared.versioning import cached
from salaries.figures import Figure, figure_label, figure_url, registry
from salaries.models import FigureChange, Grade, Source
from salaries.pay.spreadsheet import escape_formula
from salaries.snapshot import salary_data

SITE_NAME = "PT Care Coordinator Guide"
# This site's own text and estimates.
SITE_LICENCE = "CC BY 4.0"
SITE_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
PUBLIC_DOMAIN = "Public domain (a work of the U.S. federal government)"
# Publishers whose works are the U.S. government's, so in the public domain (17 U.S.C. 105).
FEDERAL_PUBLISHERS = ("U.S. ", "Centers for Medicare & Medicaid Services")
# The site's own editors, named as a publisher.
SITE_PUBLISHERS = ("This guide's editors",)
# At most this many changes a page of the change log (and of the API's).
CHANGES_PER_PAGE = 50
# The feeds and a figure's page show at most this many changes.
RECENT_CHANGES = 50


@dataclass(frozen=True)
class SourceInfo:
    """What a citation and a data row say about a figure's source."""

    slug: str
    publisher: str
    title: str
    url: str
    read_in: str
    read_on: date | None
    recorded_on: date | None  # the day its row was last saved here

    @property
    def date_read(self) -> date | None:
        return self.read_on or self.recorded_on


def licence(grade: str, publisher: str) -> str:
    """Under what terms a figure may be reused: the source's, or this site's own."""
    if grade == Grade.ESTIMATE or publisher.startswith(SITE_PUBLISHERS):
        return f"{SITE_LICENCE}: this site's estimate"
    if publisher.startswith(FEDERAL_PUBLISHERS):
        return PUBLIC_DOMAIN
    return f"© {publisher}, quoted under fair use"


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def long_date(when: date | None) -> str:
    return f"{when:%B} {when.day}, {when.year}" if when else ""


def citation(figure: Figure, source: SourceInfo | None) -> str:
    """A line to copy into a reference list: publisher, title, period, address, date read."""
    page = absolute(figure.url)
    if source is None:
        return f"{SITE_NAME}, “{figure.label}”, {figure.as_of}, {page}."
    if figure.grade == Grade.ESTIMATE:
        return (
            f"{SITE_NAME}, “{figure.label}” ({figure.grade_text}), {figure.as_of}, {page}; "
            f"from {source.publisher}, “{source.title}”."
        )
    address = source.url or source.read_in
    when = (
        f"read on {long_date(source.read_on)}"
        if source.read_on
        else (f"recorded on {long_date(source.recorded_on)}" if source.recorded_on else "")
    )
    parts = [source.publisher, f"“{source.title}”", figure.as_of, address, when]
    return ", ".join(part for part in parts if part) + f"; quoted by {SITE_NAME}, {page}."


# The columns of the figures file, in order; the JSON rows carry the same keys.
FIGURE_COLUMNS = [
    "name", "label", "value", "period", "period_date", "grade", "grade_text", "source",
    "publisher", "source_title", "source_url", "read_in", "date_read", "licence",
    "overdue_since", "page", "citation",
]  # fmt: skip


def figure_row(figure: Figure, source: SourceInfo | None) -> dict:
    """One figure as the data files and the API give it."""
    return {
        "name": figure.key,
        "label": figure.label,
        "value": figure.text,
        "period": figure.as_of,
        "period_date": figure.as_of_date.isoformat() if figure.as_of_date else None,
        "grade": figure.grade,
        "grade_text": figure.grade_text,
        "source": figure.source_slug,
        "publisher": source.publisher if source else "",
        "source_title": source.title if source else figure.source_name,
        "source_url": source.url if source else "",
        "read_in": source.read_in if source else "",
        "date_read": source.date_read.isoformat() if source and source.date_read else None,
        "licence": licence(figure.grade, source.publisher if source else ""),
        "overdue_since": figure.overdue_since.isoformat() if figure.overdue_since else None,
        "page": absolute(figure.url),
        "citation": citation(figure, source),
    }


# Figures worked out from others (the method page's worked example, the pay-factors
# examples): they move whenever what they are made from does.
DERIVED_PREFIXES = ("method.",)
DERIVED_SUFFIXES = (".example_range",)


def is_derived(name: str) -> bool:
    return name.startswith(DERIVED_PREFIXES) or name.endswith(DERIVED_SUFFIXES)


def change_row(change: FigureChange, figures: dict[str, Figure]) -> dict:
    """One change as the change log, its feed and the API give it. A figure no longer
    shown keeps its entries, without a page to link to."""
    figure = figures.get(change.name)
    return {
        "id": change.pk,
        "date": change.changed_at.isoformat(),
        "name": change.name,
        "label": figure.label if figure else figure_label(change.name),
        "old": change.old_text,
        "new": change.new_text,
        "reason": change.reason,
        "correction": change.is_correction,
        "source": change.source_slug,
        "source_name": change.source_name,
        "period": change.period,
        "page": absolute(figure_url(change.name)) if figure else None,
        "edit": change.edit,
        "derived": is_derived(change.name),
    }


def csv_bytes(rows: list[dict], columns: list[str]) -> bytes:
    """A CSV that Excel opens cleanly: UTF-8 with a byte order mark, every text cell that
    a spreadsheet would run as a formula defused as the admin's exports do."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([escape_formula("" if row[c] is None else str(row[c])) for c in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# Reading the tables, cached per content version ----------------------------------------


def recorded_dates() -> dict[str, date]:
    """The day each source's row was last saved here, by slug (one query)."""
    rows = Source.history.values("slug").annotate(last=Max("history_date"))
    return {row["slug"]: row["last"].date() for row in rows}


def sources() -> dict[str, SourceInfo]:
    """Every source as citations give it, by slug."""

    def build() -> dict[str, SourceInfo]:
        recorded = recorded_dates()
        return {
            source.slug: SourceInfo(
                slug=source.slug,
                publisher=source.publisher,
                title=source.name,
                url=source.url,
                read_in=source.reported_in,
                read_on=source.read_on,
                recorded_on=recorded.get(source.slug),
            )
            for source in salary_data().sources
        }

    return cached("open-data-sources", build)


def publisher_licences() -> list[tuple[str, str]]:
    """Each publisher with the licence of its own figures (estimates worked out here from
    them are this site's), in alphabetical order."""
    pairs = {(s.publisher, licence(s.grade, s.publisher)) for s in salary_data().sources}
    return sorted(pairs, key=lambda pair: pair[0].casefold())


def figure_rows() -> list[dict]:
    """Every figure the site shows, in the registry's order."""
    today = date.today()

    def build() -> list[dict]:
        found = sources()
        return [figure_row(f, found.get(f.source_slug)) for f in registry().values()]

    return cached(f"open-data-figures:{today.isoformat()}", build)


def figure_detail(name: str) -> dict | None:
    """One figure's row, with its newest changes; None when the site shows no such figure."""
    figure = registry().get(name)
    if figure is None:
        return None
    row = figure_row(figure, sources().get(figure.source_slug))
    changes = FigureChange.objects.filter(name=name)[:RECENT_CHANGES]
    figures = registry()
    return {**row, "changes": [change_row(change, figures) for change in changes]}


class PageOutOfRange(Exception):
    """A page of the change log past its last one."""


@dataclass(frozen=True)
class ChangePage:
    number: int
    pages: int
    count: int
    rows: list[dict]

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def change_page(number: int) -> ChangePage:
    """One page of the change log, newest first: two queries, however long the log."""

    def build() -> ChangePage:
        paginator = Paginator(FigureChange.objects.all(), CHANGES_PER_PAGE)
        try:
            page = paginator.page(number)
        except EmptyPage:
            raise PageOutOfRange(number) from None
        figures = registry()
        return ChangePage(
            number=number,
            pages=paginator.num_pages,
            count=paginator.count,
            rows=[change_row(change, figures) for change in page.object_list],
        )

    return cached(f"change-page:{number}", build)


# Rows read for the feed: enough for its RECENT_CHANGES edits, however many figures each
# moved (an OEWS release moves about forty).
FEED_ROWS = 2000


def recent_edits() -> list[dict]:
    """The newest edits, each with the figures it changed (the change feed's entries)."""

    def build() -> list[dict]:
        figures = registry()
        rows = [change_row(c, figures) for c in FigureChange.objects.all()[:FEED_ROWS]]
        return group_by_edit(rows)[:RECENT_CHANGES]

    return cached("recent-edits", build)


def group_by_edit(rows: list[dict]) -> list[dict]:
    """Consecutive change rows of one edit together, in order: the edit's date, reason and
    kind once, the figures it changed, and apart those worked out from them."""
    groups: list[dict] = []
    for row in rows:
        if not groups or groups[-1]["edit"] != row["edit"] or not row["edit"]:
            groups.append(
                {
                    "edit": row["edit"],
                    "id": row["id"],
                    "date": row["date"],
                    "when": when(row),
                    "reason": row["reason"],
                    "correction": row["correction"],
                    "changes": [],
                    "derived": [],
                }
            )
        group = groups[-1]
        group["derived" if row["derived"] else "changes"].append({**row, "when": when(row)})
    for group in groups:
        if not group["changes"]:
            group["changes"], group["derived"] = group["derived"], []
    return groups


def when(row: dict) -> datetime:
    return datetime.fromisoformat(row["date"])


def shown_changes(rows: list[dict]) -> list[dict]:
    """Change rows for a template, each with its date as a datetime."""
    return [{**row, "when": when(row)} for row in rows]
