"""Read a BLS OEWS file for SOC 43-6013 (pure), preview it, and apply it in one transaction.

BLS publishes OEWS as spreadsheets whose header case and title column change between
years. Reading keeps only the cross-industry rows for 43-6013 in the nation, the states,
the metropolitan and the non-metropolitan areas, and turns BLS's markers into data:
``*``, ``**`` and ``~`` become an empty figure listed in ``withheld``; ``#`` becomes the
top of the published range, listed in ``top_coded``.
"""

import calendar
import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from pathlib import PurePath

import openpyxl
from django.db import transaction
from django.db.models import Min
from openpyxl.utils.exceptions import InvalidFileException
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from careerguide.cache import bump_version

from .formatting import hourly, money
from .models import MAX_SALARY, WAGE_FIELDS, AreaType, Measure, OewsRelease, OewsWage, Source

OCC_CODE = "43-6013"
OCC_TITLE = "Medical Secretaries and Administrative Assistants"
MAX_BYTES = 50 * 1024 * 1024
HEADER_SEARCH_ROWS = 20
HOURLY_FIELDS = [name for name in WAGE_FIELDS if name.startswith("h_")]
ANNUAL_FIELDS = [name for name in WAGE_FIELDS if name.startswith("a_")]
FIGURE_FIELDS = ["employment", *WAGE_FIELDS]
COLUMN_OF = {"employment": "TOT_EMP", **{name: name.upper() for name in WAGE_FIELDS}}
REQUIRED_COLUMNS = ["AREA", "AREA_TITLE", "AREA_TYPE", "OCC_CODE", *COLUMN_OF.values()]
TITLE_COLUMNS = ["AREA_TITLE", "AREA_NAME"]
WITHHELD_MARKS = {"*", "**", "~"}
TOP_MARK = "#"
MAX_HOURLY = Decimal("9999.99")
MAX_EMPLOYMENT = 2_147_483_647
# Zero-padded width of each area type's code, for spreadsheets that store codes as numbers.
AREA_CODE_WIDTH = {AreaType.NATIONAL: 2, AreaType.STATE: 2, AreaType.METRO: 5, AreaType.NONMETRO: 7}
PERCENTILES = {
    "hourly": ["h_pct10", "h_pct25", "h_median", "h_pct75", "h_pct90"],
    "annual": ["a_pct10", "a_pct25", "a_median", "a_pct75", "a_pct90"],
}
LABELS = {
    "area_title": "Area",
    "area_type": "Area type",
    "employment": "Employment",
    "h_mean": "Hourly mean",
    "a_mean": "Annual mean",
    "h_pct10": "Hourly 10th percentile",
    "h_pct25": "Hourly 25th percentile",
    "h_median": "Hourly median",
    "h_pct75": "Hourly 75th percentile",
    "h_pct90": "Hourly 90th percentile",
    "a_pct10": "Annual 10th percentile",
    "a_pct25": "Annual 25th percentile",
    "a_median": "Annual median",
    "a_pct75": "Annual 75th percentile",
    "a_pct90": "Annual 90th percentile",
    "withheld": "Not published (*, **, ~)",
    "top_coded": "At the top of the range (#)",
}
COMPARED_FIELDS = list(LABELS)


class OewsError(Exception):
    """An OEWS file or period that cannot be imported; the message is meant for editors."""


@dataclass(frozen=True)
class Period:
    """A survey reference month, such as May 2023."""

    year: int
    month: int = 5

    @classmethod
    def parse(cls, text: str) -> "Period":
        match = re.fullmatch(r"\s*([A-Za-z]+)\.?[\s_-]*(\d{4})\s*", text or "")
        month = _month_number(match.group(1)) if match else None
        if month is None:
            raise OewsError(
                f'"{text}" is not a survey period: give the month and year, for example "May 2023".'
            )
        period = cls(year=int(match.group(2)), month=month)
        if not 1997 <= period.year <= date.today().year:
            raise OewsError(f"{period.label} is not an OEWS survey period (1997 to this year).")
        return period

    @classmethod
    def from_filename(cls, filename: str) -> "Period | None":
        """Read the period from BLS's file names: oesm23nat, national_M2023_dl, all_data_M_2023."""
        stem = PurePath(filename).stem
        if match := re.search(r"oesm(\d{2})(?!\d)", stem, re.IGNORECASE):
            year = int(match.group(1))
            return cls(year=year + (1900 if year >= 97 else 2000))
        if match := re.search(r"(?:^|[^a-z])m_?((?:19|20)\d{2})(?!\d)", stem, re.IGNORECASE):
            return cls(year=int(match.group(1)))
        for match in re.finditer(r"([a-z]+)[\s_-]*((?:19|20)\d{2})(?!\d)", stem, re.IGNORECASE):
            if month := _month_number(match.group(1)):
                return cls(year=int(match.group(2)), month=month)
        return None

    @property
    def label(self) -> str:
        return f"{calendar.month_name[self.month]} {self.year}"

    @property
    def slug(self) -> str:
        return f"{calendar.month_name[self.month].lower()}-{self.year}"

    @property
    def survey_date(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def source_slug(self) -> str:
        if self.month == 5:
            return f"bls-oews-{self.year}"
        return f"bls-oews-{self.slug}"

    @property
    def source_url(self) -> str:
        month = calendar.month_name[self.month].lower()
        return f"https://www.bls.gov/oes/{self.year}/{month}/oes{OCC_CODE.replace('-', '')}.htm"

    @property
    def top_hourly(self) -> Decimal:
        return Decimal("115.00") if self.survey_date >= date(2022, 5, 1) else Decimal("100.00")

    @property
    def top_annual(self) -> int:
        return 239_200 if self.survey_date >= date(2022, 5, 1) else 208_000


def _month_number(name: str) -> int | None:
    name = name.lower()
    for number in range(1, 13):
        if name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower()):
            return number
    return None


def resolve_period(given: str | None, filename: str) -> Period:
    """Return the period the editor gave, else the one the file name states; require one."""
    from_name = Period.from_filename(filename)
    if given and given.strip():
        period = Period.parse(given)
        if from_name and from_name != period:
            raise OewsError(
                f'The period "{period.label}" does not match the file name "{filename}", '
                f"which is for {from_name.label}. Correct the period or rename the file."
            )
        return period
    if from_name is None:
        raise OewsError(
            f'Enter the survey period, for example "May 2023": '
            f'the file name "{filename}" does not say it.'
        )
    return from_name


@dataclass(frozen=True)
class OewsRow:
    """One area's figures for 43-6013 as read from the file."""

    line: int
    area: str
    area_title: str
    area_type: int
    figures: dict = field(default_factory=dict)
    withheld: tuple[str, ...] = ()
    top_coded: tuple[str, ...] = ()

    def values(self) -> dict:
        """Return the OewsWage field values this row stores."""
        return {
            "area_title": self.area_title,
            "area_type": self.area_type,
            "occ_code": OCC_CODE,
            **{name: self.figures.get(name) for name in FIGURE_FIELDS},
            "withheld": list(self.withheld),
            "top_coded": list(self.top_coded),
        }

    @property
    def texts(self) -> dict[str, str]:
        """Return each stored value as an editor reads it."""
        values = self.values()
        return {name: display(name, values[name]) for name in COMPARED_FIELDS}

    def to_json(self) -> dict:
        figures = {
            name: str(value) if isinstance(value, Decimal) else value
            for name, value in self.figures.items()
        }
        return {
            "line": self.line,
            "area": self.area,
            "area_title": self.area_title,
            "area_type": self.area_type,
            "figures": figures,
            "withheld": list(self.withheld),
            "top_coded": list(self.top_coded),
        }

    @classmethod
    def from_json(cls, data: dict) -> "OewsRow":
        figures = {
            name: Decimal(value) if name in HOURLY_FIELDS and value is not None else value
            for name, value in data["figures"].items()
        }
        return cls(
            line=data["line"],
            area=data["area"],
            area_title=data["area_title"],
            area_type=data["area_type"],
            figures=figures,
            withheld=tuple(data["withheld"]),
            top_coded=tuple(data["top_coded"]),
        )


def read_oews(file_obj, filename: str, *, period: Period | None = None) -> list[OewsRow]:
    """Read the 43-6013 rows of an OEWS CSV or XLSX file, raising OewsError on any problem.

    The period sets the value of ``#`` (the top of the published range); without it, it
    is read from the file name when needed.
    """
    data = _read_bytes(file_obj, filename)
    suffix = PurePath(filename).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        if not data.startswith(b"PK"):
            raise OewsError(f'"{filename}" is not an Excel workbook (.xlsx) that can be read.')
        book = _open_workbook(data, filename)
        try:
            return _read_table(_data_sheet(book).iter_rows(values_only=True), filename, period)
        finally:
            book.close()
    if suffix in (".csv", ".txt"):
        if data.startswith(b"PK") or b"\x00" in data:
            raise OewsError(f'"{filename}" is not a CSV text file.')
        try:
            return _read_table(csv.reader(io.StringIO(_decode(data))), filename, period)
        except csv.Error as error:
            raise OewsError(f'"{filename}" could not be read as CSV: {error}.') from error
    if suffix == ".xls":
        raise OewsError(
            f'"{filename}" is an old Excel 97-2003 file: save it as .xlsx or CSV and upload again.'
        )
    raise OewsError(f'Upload the OEWS data as a CSV or XLSX file; "{filename}" is neither.')


def _read_bytes(file_obj, filename: str) -> bytes:
    size = getattr(file_obj, "size", None)
    if size is None and hasattr(file_obj, "seek"):
        file_obj.seek(0, io.SEEK_END)
        size = file_obj.tell()
    if size is not None and size > MAX_BYTES:
        raise OewsError(_too_large(filename, size))
    if hasattr(file_obj, "seek"):
        file_obj.seek(0)
    data = file_obj.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise OewsError(_too_large(filename, len(data)))
    if not data or data.isspace():
        raise OewsError(f'"{filename}" is empty.')
    return data


def _too_large(filename: str, size: int) -> str:
    return (
        f'"{filename}" is {size / 1024 / 1024:.1f} MB; files over {MAX_BYTES // 1024 // 1024} MB '
        "are refused. Use the national, state or metropolitan file rather than all data."
    )


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Files saved from Excel on Windows.
        return data.decode("cp1252", errors="replace")


def _open_workbook(data: bytes, filename: str):
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise OewsError(
            f'"{filename}" is not an Excel workbook (.xlsx) that can be read.'
        ) from error


def _data_sheet(book):
    """Return the sheet with the OEWS header; BLS workbooks also hold field descriptions."""
    for sheet in book.worksheets:
        for cells in sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True):
            if "OCC_CODE" in _names(cells):
                return sheet
    return book.worksheets[0]


def _names(cells: Sequence) -> list[str]:
    return [str(cell or "").strip().lstrip("\ufeff").upper() for cell in cells]


def _read_table(rows: Iterable[Sequence], filename: str, period: Period | None) -> list[OewsRow]:
    numbered = enumerate(rows, start=1)
    columns = _find_columns(numbered)
    period = period or Period.from_filename(filename)
    read: dict[str, OewsRow] = {}
    found_occupation = False
    for line, cells in numbered:
        record = {name: cells[index] if index < len(cells) else None for name, index in columns}
        if _text(record["OCC_CODE"]) != OCC_CODE or not _is_cross_industry(record):
            continue
        found_occupation = True
        area_type = _area_type(record, line)
        if area_type not in AreaType.values:
            continue
        row = _parse_row(record, line, area_type, period)
        if row.area in read:
            raise OewsError(
                f"Rows {read[row.area].line} and {line} are both for area {row.area} "
                f"({row.area_title}); the file must have one row per area."
            )
        read[row.area] = row
    if not found_occupation:
        raise OewsError(f"This file has no rows for SOC {OCC_CODE} {OCC_TITLE}.")
    if not read:
        raise OewsError(
            f"This file has rows for SOC {OCC_CODE} but none for the nation, a state, "
            "a metropolitan or a non-metropolitan area."
        )
    return sorted(read.values(), key=lambda row: (row.area_type, row.area_title, row.area))


def _find_columns(numbered: Iterator[tuple[int, Sequence]]) -> list[tuple[str, int]]:
    """Consume rows up to the header and return (column name, index) pairs."""
    header, first_names = None, None
    for line, cells in numbered:
        names = _names(cells)
        if "OCC_CODE" in names:
            header = names
            break
        if first_names is None and any(names):
            first_names = names
        if line >= HEADER_SEARCH_ROWS:
            break
    names = header or first_names or []
    indexes: dict[str, int] = {}
    for index, name in enumerate(names):
        indexes.setdefault(name, index)
    title = next((name for name in TITLE_COLUMNS if name in indexes), None)
    missing = [
        name
        for name in REQUIRED_COLUMNS
        if name not in indexes and not (name == "AREA_TITLE" and title)
    ]
    if missing:
        raise OewsError(
            f"The file is missing these OEWS columns: {', '.join(missing)}. "
            "Upload the spreadsheet as BLS publishes it."
        )
    wanted = [*REQUIRED_COLUMNS, "I_GROUP", "ANNUAL", "HOURLY"]
    columns = [(name, indexes[name]) for name in wanted if name in indexes and name != "AREA_TITLE"]
    return [*columns, ("AREA_TITLE", indexes[title])]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _is_cross_industry(record: dict) -> bool:
    # Files with industry detail repeat each area once per industry; keep the all-industry row.
    return "I_GROUP" not in record or _text(record["I_GROUP"]).lower() == "cross-industry"


def _is_true(value) -> bool:
    return value is True or _text(value).upper() == "TRUE"


def _area_type(record: dict, line: int) -> int:
    raw = _text(record["AREA_TYPE"])
    try:
        return int(Decimal(raw))
    except (InvalidOperation, ValueError, OverflowError):
        raise OewsError(f'Row {line}, column AREA_TYPE: "{raw}" is not an area type.') from None


def _parse_row(record: dict, line: int, area_type: int, period: Period | None) -> OewsRow:
    area = _text(record["AREA"])
    title = _text(record["AREA_TITLE"])
    if not area or not title:
        column = "AREA" if not area else "AREA_TITLE"
        raise OewsError(f"Row {line}, column {column}: empty.")
    if area.isdigit():
        area = area.zfill(AREA_CODE_WIDTH[area_type])
    unpublished = set()
    if _is_true(record.get("ANNUAL")):
        unpublished.update(HOURLY_FIELDS)
    if _is_true(record.get("HOURLY")):
        unpublished.update(ANNUAL_FIELDS)
    figures, withheld, top_coded = {}, [], []
    for name in FIGURE_FIELDS:
        if name in unpublished:
            figures[name] = None
            withheld.append(name)
            continue
        raw = _text(record[COLUMN_OF[name]])
        if raw in WITHHELD_MARKS:
            figures[name] = None
            withheld.append(name)
        elif raw == TOP_MARK and name != "employment":
            if period is None:
                raise OewsError(
                    f"Row {line}, column {COLUMN_OF[name]}: a # value needs the survey period "
                    '(for example "May 2023") to know the top of the published range.'
                )
            figures[name] = period.top_hourly if name in HOURLY_FIELDS else period.top_annual
            top_coded.append(name)
        else:
            figures[name] = _number(raw, name, line)
    row = OewsRow(
        line=line,
        area=area,
        area_title=title,
        area_type=area_type,
        figures=figures,
        withheld=tuple(withheld),
        top_coded=tuple(top_coded),
    )
    _check_order(row)
    return row


def _number(raw: str, name: str, line: int) -> int | Decimal | None:
    if raw == "":
        return None
    column = COLUMN_OF[name]
    try:
        value = Decimal(raw.replace(",", "").removeprefix("$"))
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value < 0:
        raise OewsError(f'Row {line}, column {column}: "{raw}" is not a number BLS publishes.')
    if name in HOURLY_FIELDS:
        limit = MAX_HOURLY
    else:
        limit = MAX_EMPLOYMENT if name == "employment" else MAX_SALARY
    if value > limit:
        raise OewsError(f'Row {line}, column {column}: "{raw}" is too large for this figure.')
    if name in HOURLY_FIELDS:
        return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def _check_order(row: OewsRow) -> None:
    for names in PERCENTILES.values():
        present = [(name, row.figures[name]) for name in names if row.figures[name] is not None]
        for (prev_name, prev), (name, value) in zip(present, present[1:], strict=False):
            if value < prev:
                raise OewsError(
                    f"Row {row.line} ({row.area_title}): {COLUMN_OF[name]} ({value}) is below "
                    f"{COLUMN_OF[prev_name]} ({prev}); percentiles must not fall from 10th to 90th."
                )


class Status(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class FieldChange:
    name: str
    old: object
    new: object

    @property
    def label(self) -> str:
        return LABELS[self.name]

    @property
    def old_text(self) -> str:
        return display(self.name, self.old, empty="not on file")

    @property
    def new_text(self) -> str:
        return display(self.name, self.new)


@dataclass(frozen=True)
class AreaPlan:
    row: OewsRow
    status: Status
    changes: list[FieldChange]


@dataclass
class ImportPlan:
    """What an import would do, area by area, against what is stored now."""

    period: Period
    rows: list[OewsRow]
    areas: list[AreaPlan]
    release_exists: bool
    national_before: dict | None = None

    def with_status(self, status: Status) -> list[AreaPlan]:
        return [area for area in self.areas if area.status == status]

    @property
    def counts(self) -> dict[str, int]:
        return {status.value: len(self.with_status(status)) for status in Status}

    @property
    def national_after(self) -> dict | None:
        national = next((r for r in self.rows if r.area_type == AreaType.NATIONAL), None)
        return national.values() if national else None

    def national_figures(self) -> list[FieldChange]:
        """Each national figure before and after, or nothing when the file has no nation."""
        after = self.national_after
        if after is None:
            return []
        before = self.national_before or {}
        return [FieldChange(name, before.get(name), after[name]) for name in FIGURE_FIELDS]


def display(name: str, value, *, empty: str = "not published") -> str:
    """Return a stored or read value as an editor reads it."""
    if name in ("withheld", "top_coded"):
        return ", ".join(LABELS[item] for item in value) if value else "none"
    if name == "area_type":
        return AreaType(value).label if value in AreaType.values else str(value)
    if value is None:
        return empty
    if name in HOURLY_FIELDS:
        return hourly(value)
    if name in ANNUAL_FIELDS:
        return money(value)
    if name == "employment":
        return f"{value:,}"
    return str(value)


def stored_values(wage: OewsWage) -> dict:
    return {name: getattr(wage, name) for name in COMPARED_FIELDS}


def compare(before: dict, after: dict) -> list[FieldChange]:
    changes = []
    for name in COMPARED_FIELDS:
        old, new = before.get(name), after.get(name)
        if name in ("withheld", "top_coded"):
            old, new = sorted(old or []), sorted(new or [])
        if old != new:
            changes.append(FieldChange(name, old, new))
    return changes


def plan_import(rows: list[OewsRow], period: Period) -> ImportPlan:
    """Compare the rows read from a file with what is stored for the period, writing nothing."""
    release = OewsRelease.objects.filter(slug=period.slug).first()
    stored = {w.area: stored_values(w) for w in release.wages.all()} if release else {}
    areas = []
    for row in rows:
        before = stored.get(row.area)
        if before is None:
            areas.append(AreaPlan(row, Status.NEW, []))
            continue
        changes = compare(before, row.values())
        areas.append(AreaPlan(row, Status.CHANGED if changes else Status.UNCHANGED, changes))
    national = next((r for r in rows if r.area_type == AreaType.NATIONAL), None)
    return ImportPlan(
        period=period,
        rows=rows,
        areas=areas,
        release_exists=release is not None,
        national_before=stored.get(national.area) if national else None,
    )


def describe_plan(plan: ImportPlan, *, detail: bool = False) -> list[str]:
    """Return the preview as lines of text, for the management command."""
    counts = plan.counts
    lines = [
        f"OEWS {plan.period.label} ({'stored release' if plan.release_exists else 'new release'}): "
        f"{counts['new']} new, {counts['changed']} changed, {counts['unchanged']} unchanged areas."
    ]
    national = plan.national_figures()
    if national:
        lines.append("National figures, now → after import:")
        for change in national:
            mark = "*" if change.old != change.new else " "
            lines.append(f" {mark} {change.label}: {change.old_text} → {change.new_text}")
    if detail:
        for area in plan.with_status(Status.CHANGED):
            lines.append(f"{area.row.area_title} ({area.row.area}):")
            lines.extend(f"   {c.label}: {c.old_text} → {c.new_text}" for c in area.changes)
    return lines


@dataclass(frozen=True)
class ImportResult:
    release: OewsRelease
    created: int
    updated: int
    unchanged: int


def apply_import(plan: ImportPlan, *, user=None) -> ImportResult:
    """Write the plan's rows in one transaction, creating the release and its source if new.

    Rows are compared again inside the transaction, so a preview made before another
    editor's import never overwrites more than the file says.
    """
    period = plan.period
    reason = f"OEWS {period.label} import"
    with transaction.atomic():
        release = _release(period, plan.national_after)
        # Lock the release so two imports of the same period run one after the other.
        release = OewsRelease.objects.select_for_update().get(pk=release.pk)
        stored = {wage.area: wage for wage in release.wages.all()}
        created, updated = [], []
        for row in plan.rows:
            wage = stored.get(row.area)
            values = row.values()
            if wage is None:
                created.append(OewsWage(release=release, area=row.area, **values))
            elif compare(stored_values(wage), values):
                for name, value in values.items():
                    setattr(wage, name, value)
                updated.append(wage)
        if created:
            bulk_create_with_history(
                created, OewsWage, default_user=user, default_change_reason=reason
            )
        if updated:
            bulk_update_with_history(
                updated,
                OewsWage,
                fields=list(plan.rows[0].values()),
                default_user=user,
                default_change_reason=reason,
            )
        # Bulk writes send no save signals, so drop the cached pages here.
        transaction.on_commit(bump_version)
    return ImportResult(
        release, len(created), len(updated), len(plan.rows) - len(created) - len(updated)
    )


def _release(period: Period, national: dict | None) -> OewsRelease:
    typical = national["a_median"] if national else None
    position = Source.objects.filter(slug__startswith="bls-oews-").aggregate(Min("position"))
    source, created = Source.objects.get_or_create(
        slug=period.source_slug,
        defaults={
            "name": f"{OCC_TITLE} (SOC {OCC_CODE}), {period.label}",
            "publisher": "U.S. Bureau of Labor Statistics, OEWS",
            "url": period.source_url,
            "measure": Measure.MEDIAN,
            "typical": typical,
            "as_of": period.survey_date,
            "is_estimate": False,
            "note": "Official survey of employers, imported from the BLS OEWS file.",
            "position": position["position__min"] or 0,
        },
    )
    if not created and source.typical is None and typical is not None:
        source.typical = typical
        source.save(update_fields=["typical"])
    release, _ = OewsRelease.objects.get_or_create(
        slug=period.slug,
        defaults={"period": period.label, "survey_date": period.survey_date, "source": source},
    )
    return release
