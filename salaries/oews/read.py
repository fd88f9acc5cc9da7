"""Read a BLS OEWS file (CSV or XLSX) into rows for SOC 43-6013. Pure: no database.

BLS publishes OEWS as spreadsheets whose header case and title column change between
years. Reading keeps only the cross-industry rows for 43-6013 in the nation, the states,
the metropolitan and the non-metropolitan areas, and turns BLS's markers into data:
``*``, ``**`` and ``~`` become an empty figure listed in ``withheld``; ``#`` becomes the
top of the published range, listed in ``top_coded``.

XLSX files are read with the standard library (zipfile and expat), not a spreadsheet
library: a metropolitan file has ~140,000 rows of which ~400 are for 43-6013, so the
sheet is decompressed and split into rows as bytes, and only the rows that can hold
43-6013 (plus the first rows, for the header) are parsed as XML. That reads a 20 MB
metropolitan workbook in about 2 s and 85 MB of peak RSS (bench/oews_import.py), where
openpyxl needs 44 s just to walk its rows and python-calamine 4.7 s and 340 MB (and aborts
the whole process, with no exception to catch, on a 9 KB sheet holding one cell at
XFD1048576, as it sizes a grid from the cells). Since uploads come from the web, the
workbook is distrusted throughout: the zip's declared sizes are capped before anything
is unpacked (and zipfile never unpacks more than a part declares), a DTD anywhere is
refused (so no entity expansion or external entity), every count and length is bounded,
and each problem is reported as an OewsError whose message names the part, row or
column, never a traceback or a path.
"""

import calendar
import csv
import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cached_property
from pathlib import PurePath
from xml.parsers import expat

from salaries.oews.checks import ANNUAL_FIELDS, HOURLY_FIELDS, WAGE_LABELS, wage_problems
from salaries.pay.formatting import hourly, money

OCC_CODE = "43-6013"
OCC_TITLE = "Medical Secretaries and Administrative Assistants"
MAX_BYTES = 50 * 1024 * 1024
HEADER_SEARCH_ROWS = 20
# Row problems reported at once before reading stops.
MAX_PROBLEMS = 20
# Distinct areas one occupation may have in a file. BLS's largest file (all data: the
# nation, states and territories, ~390 metropolitan and ~150 non-metropolitan areas)
# holds about 600 for one occupation; a file with far more is not a BLS file, and every
# area becomes a place readers can pick, so it is refused before anything is stored.
MAX_AREAS = 1_000

# Mirrors of salaries.models (this module imports no models; tests check they agree).
NATIONAL, STATE, METRO, NONMETRO = 1, 2, 4, 6
AREA_TYPES = {
    NATIONAL: "National",
    STATE: "State",
    METRO: "Metropolitan area",
    NONMETRO: "Non-metropolitan area",
}
WAGE_FIELDS = [
    "h_mean",
    "a_mean",
    "h_pct10",
    "h_pct25",
    "h_median",
    "h_pct75",
    "h_pct90",
    "a_pct10",
    "a_pct25",
    "a_median",
    "a_pct75",
    "a_pct90",
]
MAX_SALARY = 1_000_000
AREA_MAX_LENGTH = 10
AREA_TITLE_MAX_LENGTH = 200

FIGURE_FIELDS = ["employment", *WAGE_FIELDS]
COLUMN_OF = {"employment": "TOT_EMP", **{name: name.upper() for name in WAGE_FIELDS}}
REQUIRED_COLUMNS = ["AREA", "AREA_TITLE", "AREA_TYPE", "OCC_CODE", *COLUMN_OF.values()]
TITLE_COLUMNS = ["AREA_TITLE", "AREA_NAME"]
WITHHELD_MARKS = {"*", "**", "~"}
TOP_MARK = "#"
MAX_HOURLY = Decimal("9999.99")
MAX_EMPLOYMENT = 2_147_483_647
# Zero-padded width of each area type's code, for spreadsheets that store codes as numbers.
AREA_CODE_WIDTH = {NATIONAL: 2, STATE: 2, METRO: 5, NONMETRO: 7}
LABELS = {
    "area_title": "Area",
    "area_type": "Area type",
    "employment": "Employment",
    **WAGE_LABELS,
    "withheld": "Not published (*, **, ~)",
    "top_coded": "At the top of the range (#)",
}
COMPARED_FIELDS = list(LABELS)

# Limits on an XLSX workbook, far above what BLS publishes (a metropolitan workbook is
# 22 MB holding ~170 MB of XML, 140,000 rows and 32 columns).
MAX_UNPACKED = 512 * 1024 * 1024
MAX_PARTS = 1000
MAX_SMALL_PART = 16 * 1024 * 1024  # workbook.xml, relationships
MAX_ROW_BYTES = 1024 * 1024
MAX_ROWS = 1_048_576  # Excel's own limit
MAX_PARSED_ROWS = 50_000  # rows that may hold 43-6013 and so are parsed as XML
MAX_SHARED_STRINGS = 2_000_000
MAX_COLUMN = 16_384  # XFD, Excel's last column
CHUNK = 1024 * 1024

ROW_START = re.compile(rb"<(?:[\w.-]+:)?row[\s/>]")
ROW_END = re.compile(rb"</(?:[\w.-]+:)?row\s*>")
WORKSHEET_START = re.compile(rb"<(?:[\w.-]+:)?worksheet[\s/>]")
WORKSHEET_END = re.compile(rb"</(?:[\w.-]+:)?worksheet\s*>\s*$")
XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
DIGITS = re.compile(r"[0-9]{1,9}")  # not str.isdigit(), which takes "²" that int() refuses
DTD_MARKS = (b"<!DOCTYPE", b"<!ENTITY")


class OewsError(Exception):
    """An OEWS file or period that cannot be imported; the messages are meant for editors.

    ``messages`` lists every problem found (up to MAX_PROBLEMS rows' worth); str() joins them.
    """

    def __init__(self, message: str | Sequence[str]):
        self.messages = [message] if isinstance(message, str) else list(message)
        super().__init__("\n".join(self.messages))


class _Unreadable(Exception):
    """Why an XLSX workbook cannot be read; turned into an OewsError naming the file."""


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
                f'"{_shown(text or "")}" is not a survey period: give the month and year, '
                'for example "May 2023".'
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
    occ_code: str = OCC_CODE

    def values(self) -> dict:
        """Return the OewsWage field values this row stores."""
        return {
            "area_title": self.area_title,
            "area_type": self.area_type,
            "occ_code": self.occ_code,
            **{name: self.figures.get(name) for name in FIGURE_FIELDS},
            "withheld": list(self.withheld),
            "top_coded": list(self.top_coded),
        }

    @cached_property
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
            "occ_code": self.occ_code,
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
            occ_code=data.get("occ_code", OCC_CODE),
        )


def display(name: str, value, *, empty: str = "not published") -> str:
    """Return a stored or read value as an editor reads it."""
    if name in ("withheld", "top_coded"):
        return ", ".join(LABELS[item] for item in value) if value else "none"
    if name == "area_type":
        return AREA_TYPES.get(value, str(value))
    if value is None:
        return empty
    if name in HOURLY_FIELDS:
        return hourly(value)
    if name in ANNUAL_FIELDS:
        return money(value)
    if name == "employment":
        return f"{value:,}"
    return str(value)


def read_oews(
    file_obj, filename: str, *, period: Period | None = None, occ_codes: Iterable[str] = ()
) -> list[OewsRow]:
    """Read the 43-6013 rows of an OEWS CSV or XLSX file, raising OewsError on any problem.

    The period sets the value of ``#`` (the top of the published range); without it, it
    is read from the file name when needed. Rows of the other SOC codes in occ_codes (the
    career ladder's occupations, which editors list) are kept too. Row problems are
    collected (up to MAX_PROBLEMS) and raised together.
    """
    codes = frozenset(occ_codes) | {OCC_CODE}
    data = _read_bytes(file_obj, filename)
    suffix = PurePath(filename).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        if not data.startswith(b"PK"):
            raise OewsError(f'"{filename}" is not an Excel workbook (.xlsx) that can be read.')
        try:
            workbook = _Workbook(data, codes)
            return _read_table(workbook.data_rows(), filename, period, codes)
        except _Unreadable as error:
            raise OewsError(
                f'"{filename}" is not an Excel workbook (.xlsx) that can be read: {error}'
            ) from None
    if suffix in (".csv", ".txt"):
        if data.startswith(b"PK") or b"\x00" in data:
            raise OewsError(f'"{filename}" is not a CSV text file.')
        try:
            lines = enumerate(csv.reader(io.StringIO(_decode(data))), start=1)
            return _read_table(lines, filename, period, codes)
        except csv.Error as error:
            raise OewsError(f'"{filename}" could not be read as CSV: {error}.') from None
    if suffix == ".xls":
        raise OewsError(
            f'"{filename}" is an old Excel 97-2003 file: save it as .xlsx or CSV and upload again.'
        )
    raise OewsError(f'Upload the OEWS data as a CSV or XLSX file; "{filename}" is neither.')


def read_oews_files(
    files: Sequence[tuple[object, str]],
    *,
    period: Period | None = None,
    occ_codes: Iterable[str] = (),
) -> list[OewsRow]:
    """Read several OEWS files, given as (file object, name) pairs, as one.

    BLS's metropolitan zip holds two workbooks, one for the metropolitan and one for the
    non-metropolitan areas, which make one release. Each file is read by read_oews; when
    there are several, every problem names its file. An area in two files must have the
    same figures in both.
    """
    if len(files) == 1:
        [(file_obj, filename)] = files
        return read_oews(file_obj, filename, period=period, occ_codes=occ_codes)
    kept: dict[tuple[str, str], tuple[OewsRow, str]] = {}
    for file_obj, filename in files:
        try:
            rows = read_oews(file_obj, filename, period=period, occ_codes=occ_codes)
        except OewsError as error:
            raise OewsError(
                [m if filename in m else f"{filename}: {m}" for m in error.messages]
            ) from None
        for row in rows:
            key = (row.occ_code, row.area)
            if key not in kept:
                kept[key] = (row, filename)
            elif kept[key][0].values() != row.values():
                raise OewsError(
                    f"Area {row.area} ({_shown(row.area_title)}) is in both {kept[key][1]} and "
                    f"{filename} with different figures; import one of them."
                )
    _check_area_count({key: row for key, (row, _) in kept.items()}, files="These files have")
    return sorted((row for row, _ in kept.values()), key=_row_order)


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


def _shown(text: str, limit: int = 40) -> str:
    """Quote at most `limit` characters of a value from the file in a message."""
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "…"


# --- XLSX ---------------------------------------------------------------------------


def _local(name: str) -> str:
    """An element or attribute name without its namespace prefix (expat runs without
    namespace processing, so ``x:row`` arrives as it is written)."""
    return name.rpartition(":")[2]


def _parser(part: str) -> expat.XMLParserType:
    """An expat parser that refuses any DTD: no entity can be declared, so none expands,
    and nothing outside the workbook is ever fetched."""

    def refuse(*args):
        raise _Unreadable(f"{part} declares a DTD or entities, which a workbook never needs.")

    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    return parser


def _feed(parser: expat.XMLParserType, data: bytes, part: str, *, final: bool) -> None:
    try:
        parser.Parse(data, final)
    except expat.ExpatError as error:
        reason = expat.ErrorString(error.code)
        raise _Unreadable(f"{part} is not well-formed XML ({reason}).") from None


def _check_head(head: bytes, part: str) -> None:
    """Require UTF-8 (as Excel writes), so the byte-level checks below see every tag."""
    head = head.removeprefix(b"\xef\xbb\xbf")
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):
        raise _Unreadable(f"{part} is not UTF-8 XML.")
    match = XML_ENCODING.match(head)
    if match and match.group(1).lower() not in (b"utf-8", b"utf8"):
        raise _Unreadable(f"{part} is not UTF-8 XML.")


def _check_no_dtd(data: bytes, part: str) -> None:
    if any(mark in data for mark in DTD_MARKS):
        raise _Unreadable(f"{part} declares a DTD or entities, which a workbook never needs.")


def _column(ref: str | None, previous: int, part: str) -> int:
    """The 0-based column of a cell from its reference (B7 -> 1), else the next one."""
    if ref is None:
        return previous + 1
    match = CELL_REF.fullmatch(ref)
    if not match:
        raise _Unreadable(f'{part} has a cell reference "{_shown(ref)}" that is not valid.')
    index = 0
    for letter in match.group(1):
        index = index * 26 + ord(letter) - 64
    if index > MAX_COLUMN:
        raise _Unreadable(f'{part} has a cell beyond Excel\'s last column ("{_shown(ref)}").')
    return index - 1


class _Workbook:
    """An XLSX file opened defensively: see the module's docstring."""

    def __init__(self, data: bytes, codes: frozenset[str] = frozenset({OCC_CODE})):
        self.codes = codes
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            raise _Unreadable("it is not a complete zip archive.") from None
        if len(infos) > MAX_PARTS:
            raise _Unreadable(f"it holds {len(infos):,} parts, more than a workbook has.")
        unpacked = sum(info.file_size for info in infos)
        if unpacked > MAX_UNPACKED:
            raise _Unreadable(
                f"it would unpack to {unpacked / 1024 / 1024:,.0f} MB, more than the "
                f"{MAX_UNPACKED // 1024 // 1024} MB any OEWS workbook needs."
            )
        self.names = {info.filename for info in infos}
        self.workbook = self._office_document()
        if self.workbook not in self.names:
            raise _Unreadable("it is a zip archive but not an Excel workbook (no workbook part).")
        self.sheets, shared_part = self._sheets()
        self.shared = self._shared_strings(shared_part) if shared_part else []
        self.needles = self._needles()

    # Parts

    def _chunks(self, part: str) -> Iterator[bytes]:
        """The part's bytes, decompressed a chunk at a time (never beyond its declared size:
        zipfile stops there, and a part that held more fails its CRC check)."""
        if part not in self.names:
            raise _Unreadable(f"its part {part} is missing.")
        try:
            with self.zip.open(part) as stream:
                while chunk := stream.read(CHUNK):
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
            raise _Unreadable(f"its part {part} is damaged ({_zip_reason(error)}).") from None
        except (NotImplementedError, RuntimeError):
            # Unsupported compression, or encryption.
            raise _Unreadable(f"its part {part} is encrypted or compressed oddly.") from None

    def _small_part(self, part: str) -> bytes:
        if part in self.names and self.zip.getinfo(part).file_size > MAX_SMALL_PART:
            raise _Unreadable(f"its part {part} is too large.")
        data = b"".join(self._chunks(part))
        _check_head(data[:200], part)
        _check_no_dtd(data, part)
        return data

    def _elements(self, part: str) -> list[tuple[str, dict]]:
        """The (local name, attributes) of every element of a small XML part."""
        found = []
        parser = _parser(part)
        parser.StartElementHandler = lambda name, attrs: found.append((_local(name), attrs))
        _feed(parser, self._small_part(part), part, final=True)
        return found

    def _relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Id -> (type, part name) from a .rels part, targets resolved against `part`."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", f"{name}.rels")
        if rels not in self.names:
            return {}
        found = {}
        for tag, attrs in self._elements(rels):
            if tag == "Relationship" and attrs.get("TargetMode") != "External":
                target = attrs.get("Target", "")
                if target.startswith("/"):
                    target = target.lstrip("/")
                else:
                    target = posixpath.normpath(posixpath.join(folder, target))
                found[attrs.get("Id", "")] = (attrs.get("Type", ""), target)
        return found

    def _office_document(self) -> str:
        for kind, target in self._relationships("").values():
            if kind.endswith("/officeDocument"):
                return target
        return "xl/workbook.xml"

    def _sheets(self) -> tuple[list[tuple[str, str]], str | None]:
        """[(sheet name, part)] in workbook order, and the shared strings part if any."""
        relationships = self._relationships(self.workbook)
        sheets = []
        for tag, attrs in self._elements(self.workbook):
            if tag != "sheet":
                continue
            rel = next((v for k, v in attrs.items() if ":" in k and _local(k) == "id"), None)
            kind, target = relationships.get(rel, ("", ""))
            if not kind.endswith("/worksheet"):
                continue  # chart sheets and the like
            sheets.append((attrs.get("name", ""), target))
        if not sheets:
            raise _Unreadable("its workbook lists no worksheet.")
        shared = next((t for k, t in relationships.values() if k.endswith("/sharedStrings")), None)
        return sheets, shared

    def _shared_strings(self, part: str) -> list[str]:
        """Every shared string, in order, streamed: the text of each <si>, phonetic runs left
        out."""
        strings: list[str] = []
        state = {"texts": None, "in_t": False, "phonetic": 0}

        def start(name, attrs):
            local = _local(name)
            if local == "si":
                state["texts"] = []
            elif local == "rPh":
                state["phonetic"] += 1
            elif local == "t" and state["texts"] is not None and not state["phonetic"]:
                state["in_t"] = True

        def end(name):
            local = _local(name)
            if local == "si":
                strings.append("".join(state["texts"] or ()))
                state["texts"] = None
                if len(strings) > MAX_SHARED_STRINGS:
                    raise _Unreadable(f"{part} holds more strings than a workbook needs.")
            elif local == "rPh":
                state["phonetic"] -= 1
            elif local == "t":
                state["in_t"] = False

        def text(data):
            if state["in_t"] and state["texts"] is not None:  # (a <si> nested in a <t>)
                state["texts"].append(data)

        parser = _parser(part)
        parser.StartElementHandler, parser.EndElementHandler = start, end
        parser.CharacterDataHandler = text
        first = True
        for chunk in self._chunks(part):
            if first:
                _check_head(chunk[:200], part)
                first = False
            _check_no_dtd(chunk, part)
            _feed(parser, chunk, part, final=False)
        _feed(parser, b"", part, final=True)
        return strings

    def _needles(self) -> re.Pattern:
        """A pattern found in every row that can hold 43-6013: the code itself (inline), a
        reference to a shared string that is the code, or a character reference (which
        could spell the code)."""
        needles = [code.encode() for code in sorted(self.codes)] + [b"&#"]
        needles += [
            b">%d<" % index for index, text in enumerate(self.shared) if text.strip() in self.codes
        ]
        return re.compile(b"|".join(re.escape(needle) for needle in needles))

    # Sheets

    def data_rows(self) -> Iterator[tuple[int, list]]:
        """The rows of the sheet with the OEWS header (BLS workbooks also hold field
        descriptions): the first HEADER_SEARCH_ROWS in full, then those that can hold
        43-6013."""
        part = self.sheets[0][1]
        for _, candidate in self.sheets:
            head = self._rows(candidate, limit=HEADER_SEARCH_ROWS)
            if any("OCC_CODE" in _names(cells) for _, cells in head):
                part = candidate
                break
        return self._rows(part, needles=self.needles)

    def _rows(self, part: str, *, needles: re.Pattern | None = None, limit: int | None = None):
        """Yield (row number, cells); past the first HEADER_SEARCH_ROWS rows, only those
        whose bytes hold a needle. With a limit, return a list of the first rows."""
        rows = self._scan(part, needles)
        if limit is None:
            return rows
        head = []
        for row in rows:
            head.append(row)
            if len(head) >= limit:
                break
        rows.close()
        return head

    def _scan(self, part: str, needles: re.Pattern | None) -> Iterator[tuple[int, list]]:
        buffer = b""
        seen = parsed = 0
        started = False
        for chunk in self._chunks(part):
            if not started:
                _check_head(chunk[:200], part)
                if not WORKSHEET_START.search(chunk[:4096]):
                    raise _Unreadable(f"{part} is not a worksheet.")
                started = True
            buffer += chunk
            _check_no_dtd(buffer, part)
            start = 0
            for end in ROW_END.finditer(buffer):
                segment = buffer[start : end.end()]
                start = end.end()
                seen += 1
                if seen > MAX_ROWS:
                    raise _Unreadable(f"{part} has more rows than Excel allows.")
                if seen > HEADER_SEARCH_ROWS and not (needles and needles.search(segment)):
                    continue
                parsed += 1
                if parsed > MAX_PARSED_ROWS:
                    raise _Unreadable(f"{part} has more rows for {OCC_CODE} than BLS publishes.")
                yield from self._parse_rows(segment, part, seen)
            buffer = buffer[start:]
            if len(buffer) > MAX_ROW_BYTES:
                raise _Unreadable(f"{part} has a row over 1 MB, or no row ends where it should.")
        if not started:
            raise _Unreadable(f"{part} is empty.")
        if not WORKSHEET_END.search(buffer):
            raise _Unreadable(f"{part} ends early (the file is cut short or damaged).")

    def _parse_rows(self, segment: bytes, part: str, seen: int) -> list[tuple[int, list]]:
        """Parse the rows in one segment of the sheet (a row, after any empty ones)."""
        first = ROW_START.search(segment)
        if first is None:
            raise _Unreadable(f"{part} has a row end without its start.")
        rows: list[tuple[int, list]] = []
        cell: dict = {}
        cells: dict[int, str] = {}
        state = {"line": seen, "column": -1, "capture": None, "inline": False, "phonetic": 0}

        def start(name, attrs):
            local = _local(name)
            if local == "row":
                cells.clear()
                state["column"] = -1
                ref = attrs.get("r")
                if ref is not None:
                    if not DIGITS.fullmatch(ref) or not 0 < int(ref) <= MAX_ROWS:
                        raise _Unreadable(f'{part} has a row number "{_shown(ref)}".')
                    state["line"] = int(ref)
            elif local == "c":
                state["column"] = _column(attrs.get("r"), state["column"], part)
                cell.clear()
                cell.update(type=attrs.get("t", "n"), value=[], inline=[])
            elif local == "v":
                state["capture"] = cell.get("value")
            elif local == "is":
                state["inline"] = True
            elif local == "rPh":
                state["phonetic"] += 1
            elif local == "t" and state["inline"] and not state["phonetic"]:
                state["capture"] = cell.get("inline")

        def end(name):
            local = _local(name)
            if local == "row":
                width = max(cells, default=-1) + 1
                rows.append((state["line"], [cells.get(index) for index in range(width)]))
            elif local == "c":
                value = self._cell_value(cell, part)
                if value is not None:
                    cells[state["column"]] = value
            elif local in ("v", "t"):
                state["capture"] = None
            elif local == "is":
                state["inline"] = False
            elif local == "rPh":
                state["phonetic"] -= 1

        def text(data):
            if state["capture"] is not None:
                state["capture"].append(data)

        parser = _parser(part)
        parser.StartElementHandler, parser.EndElementHandler = start, end
        parser.CharacterDataHandler = text
        _feed(parser, b"<rows>" + segment[first.start() :] + b"</rows>", part, final=True)
        return rows

    def _cell_value(self, cell: dict, part: str) -> str | None:
        kind = cell.get("type")
        value = "".join(cell.get("value", ()))
        if kind == "inlineStr":
            return "".join(cell.get("inline", ())) or None
        if kind == "s":
            value = value.strip()
            if not DIGITS.fullmatch(value) or int(value) >= len(self.shared):
                raise _Unreadable(f'{part} refers to a shared string "{_shown(value)}" it lacks.')
            return self.shared[int(value)]
        if kind == "b":
            return "TRUE" if value.strip() == "1" else "FALSE"
        # Numbers stay as written ("20.5"), so no float rounding or overflow comes in.
        return value.strip() or None


def _zip_reason(error: Exception) -> str:
    text = str(error)
    if "CRC" in text:
        return "its contents do not match their checksum"
    return "it cannot be unpacked"


# --- Table -----------------------------------------------------------------------------


def _names(cells: Sequence) -> list[str]:
    return [str(cell or "").strip().lstrip("\ufeff").upper() for cell in cells]


def _read_table(
    rows: Iterable[tuple[int, Sequence]],
    filename: str,
    period: Period | None,
    codes: frozenset[str] = frozenset({OCC_CODE}),
) -> list[OewsRow]:
    rows = iter(rows)
    columns = _find_columns(rows)
    period = period or Period.from_filename(filename)
    read: dict[tuple[str, str], OewsRow] = {}
    problems: list[str] = []
    found_occupation = False
    for line, cells in rows:
        record = {name: cells[index] if index < len(cells) else None for name, index in columns}
        code = _text(record["OCC_CODE"])
        if code not in codes or not _is_cross_industry(record):
            continue
        found_occupation = found_occupation or code == OCC_CODE
        try:
            area_type = _area_type(record, line)
            if area_type not in AREA_TYPES:
                continue
            row = replace(_parse_row(record, line, area_type, period), occ_code=code)
        except _RowProblems as error:
            problems.extend(error.messages)
        else:
            key = (code, row.area)
            if key in read:
                problems.append(
                    f"Rows {read[key].line} and {line} are both for area {row.area} "
                    f"({_shown(row.area_title)}); the file must have one row per area."
                )
            else:
                read[key] = row
        if len(problems) >= MAX_PROBLEMS:
            raise OewsError(
                problems[:MAX_PROBLEMS]
                + [f"Reading stopped after {MAX_PROBLEMS} problems; correct these and try again."]
            )
    _check_area_count(read)
    if problems:
        raise OewsError(problems)
    if not found_occupation:
        raise OewsError(f"This file has no rows for SOC {OCC_CODE} {OCC_TITLE}.")
    if not any(row.occ_code == OCC_CODE for row in read.values()):
        raise OewsError(
            f"This file has rows for SOC {OCC_CODE} but none for the nation, a state, "
            "a metropolitan or a non-metropolitan area."
        )
    return sorted(read.values(), key=_row_order)


def _check_area_count(
    read: dict[tuple[str, str], OewsRow], *, files: str = "This file has"
) -> None:
    areas: dict[str, int] = {}
    for code, _ in read:
        areas[code] = areas.get(code, 0) + 1
    code, count = max(areas.items(), key=lambda item: item[1], default=(OCC_CODE, 0))
    if count > MAX_AREAS:
        raise OewsError(
            f"{files} {count:,} areas for SOC {code}; BLS files have at most about 600 "
            f"(the all-areas file), so files with over {MAX_AREAS:,} are refused. Upload the "
            "national, state or metropolitan file as BLS publishes it."
        )


def _row_order(row: OewsRow) -> tuple:
    return (row.occ_code != OCC_CODE, row.occ_code, row.area_type, row.area_title, row.area)


class _RowProblems(OewsError):
    """The problems of one row, collected with the other rows' before reading fails."""


def _find_columns(numbered: Iterator[tuple[int, Sequence]]) -> list[tuple[str, int]]:
    """Consume rows up to the header and return (column name, index) pairs."""
    header, first_names = None, None
    for count, (_, cells) in enumerate(numbered, start=1):
        names = _names(cells)
        if "OCC_CODE" in names:
            header = names
            break
        if first_names is None and any(names):
            first_names = names
        if count >= HEADER_SEARCH_ROWS:
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
    # A plain small number ("4", or "4.0" from a spreadsheet); never Decimal or int() on the
    # raw text, which would build a million-digit number from "1e1000000".
    raw = _text(record["AREA_TYPE"])
    if not re.fullmatch(r"\d{1,3}(\.0*)?", raw):
        raise _RowProblems(f'Row {line}, column AREA_TYPE: "{_shown(raw)}" is not an area type.')
    return int(raw.partition(".")[0])


def _parse_row(record: dict, line: int, area_type: int, period: Period | None) -> OewsRow:
    """Read one row, raising _RowProblems with every problem it has."""
    problems = []
    area = _text(record["AREA"])
    title = _text(record["AREA_TITLE"])
    for column, value, limit in (
        ("AREA", area, AREA_MAX_LENGTH),
        ("AREA_TITLE", title, AREA_TITLE_MAX_LENGTH),
    ):
        if not value:
            problems.append(f"Row {line}, column {column}: empty.")
        elif len(value) > limit:
            problems.append(
                f'Row {line}, column {column}: "{_shown(value)}" is {len(value):,} characters '
                f"long; at most {limit} fit."
            )
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
            try:
                figures[name] = _number(raw, name, line)
            except _RowProblems as error:
                problems.extend(error.messages)
                figures[name] = None
    # Figures that could not be read are None here, so the rule skips them.
    where = f"Row {line} ({_shown(title)})"
    for _, message in wage_problems(figures, top_coded=top_coded, label=COLUMN_OF.__getitem__):
        problems.append(f"{where}: {message}")
    if problems:
        raise _RowProblems(problems)
    return OewsRow(
        line=line,
        area=area,
        area_title=title,
        area_type=area_type,
        figures=figures,
        withheld=tuple(withheld),
        top_coded=tuple(top_coded),
    )


def _number(raw: str, name: str, line: int) -> int | Decimal | None:
    if raw == "":
        return None
    column = COLUMN_OF[name]
    try:
        value = Decimal(raw.replace(",", "").removeprefix("$"))
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value < 0:
        raise _RowProblems(
            f'Row {line}, column {column}: "{_shown(raw)}" is not a number BLS publishes.'
        )
    if name in HOURLY_FIELDS:
        limit = MAX_HOURLY
    else:
        limit = MAX_EMPLOYMENT if name == "employment" else MAX_SALARY
    if value > limit:
        raise _RowProblems(
            f'Row {line}, column {column}: "{_shown(raw)}" is too large for this figure.'
        )
    if name in HOURLY_FIELDS:
        return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))
