"""Crafted OEWS files: each is refused within seconds with a clear message, never a 500.

The workbooks are built here byte by byte with zipfile, so each test shows exactly what
is wrong with its file.
"""

import io
import struct
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from salaries.models import OewsRelease, OewsWage
from salaries.oews import read as oews_read
from salaries.oews.read import OewsError, Period, read_oews

UPLOAD_URL = "/admin/salaries/oewsrelease/upload/"
ROOT = str(Path(__file__).resolve().parents[2])
FAST = 5.0  # seconds: generous for a loaded two-core machine; most take milliseconds
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
HEADER = [
    "AREA", "AREA_TITLE", "AREA_TYPE", "OCC_CODE", "OCC_TITLE", "TOT_EMP", "H_MEAN", "A_MEAN",
    "H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90",
    "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90",
]  # fmt: skip
NATIONAL = [
    "99", "U.S.", 1, "43-6013", "Medical Secretaries and Administrative Assistants", 604780,
    18.31, 38090, 12.58, 14.71, 17.59, 21.47, 25.59, 26180, 30590, 36580, 44650, 53230,
]  # fmt: skip


def column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_xml(ref: str, value, shared: dict | None) -> str:
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    if isinstance(value, bytes):  # raw XML inside the cell
        return f'<c r="{ref}">{value.decode()}</c>'
    text = str(value).replace("&", "&amp;").replace("<", "&lt;")
    if shared is not None:
        index = shared.setdefault(value, len(shared))
        return f'<c r="{ref}" t="s"><v>{index}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet_xml(rows, *, shared: dict | None = None, dimension: str | None = "A1:R3", head=""):
    body = []
    for number, row in enumerate(rows, start=1):
        cells = "".join(
            cell_xml(f"{column(i)}{number}", value, shared)
            for i, value in enumerate(row)
            if value is not None
        )
        body.append(f'<row r="{number}">{cells}</row>')
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{head}'
        f'<worksheet xmlns="{MAIN}" xmlns:r="{RELS}">{dim}'
        f"<sheetData>{''.join(body)}</sheetData></worksheet>"
    ).encode()


def shared_xml(shared: dict) -> bytes:
    items = "".join(
        f"<si><t>{text.replace('&', '&amp;').replace('<', '&lt;')}</t></si>" for text in shared
    )
    return f'<sst xmlns="{MAIN}" count="{len(shared)}">{items}</sst>'.encode()


def workbook_parts(sheet: bytes, *, shared: dict | None = None) -> dict[str, bytes]:
    sst_rel = (
        f'<Relationship Id="rId2" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
        if shared is not None
        else ""
    )
    parts = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.'
        b'openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": (
            f'<Relationships xmlns="{PACKAGE_RELS}"><Relationship Id="rId1" '
            f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>'
            '<sheet name="national_M2019_dl" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{PACKAGE_RELS}"><Relationship Id="rId1" '
            f'Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>{sst_rel}</Relationships>'
        ).encode(),
        "xl/worksheets/sheet1.xml": sheet,
    }
    if shared is not None:
        parts["xl/sharedStrings.xml"] = shared_xml(shared)
    return parts


def zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def workbook(rows=None, *, shared: bool = False, **sheet_options) -> bytes:
    strings = {} if shared else None
    sheet = sheet_xml(rows or [HEADER, NATIONAL], shared=strings, **sheet_options)
    return zipped(workbook_parts(sheet, shared=strings))


def with_part(data: bytes, name: str, content: bytes | None) -> bytes:
    """The workbook with one part replaced (or left out, when content is None)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    if content is None:
        del parts[name]
    else:
        parts[name] = content
    return zipped(parts)


def declare_size(data: bytes, name: str, size: int) -> bytes:
    """Rewrite a part's uncompressed size in both zip headers, leaving its data alone."""
    data = bytearray(data)
    encoded = name.encode()
    local = data.index(b"PK\x03\x04")
    while data[local + 30 : local + 30 + len(encoded)] != encoded:
        local = data.index(b"PK\x03\x04", local + 4)
    struct.pack_into("<I", data, local + 22, size)
    central = data.index(b"PK\x01\x02")
    while data[central + 46 : central + 46 + len(encoded)] != encoded:
        central = data.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 24, size)
    return bytes(data)


def refused(data: bytes, filename: str = "oesm19nat.xlsx") -> str:
    """Read the file, requiring a quick OewsError; return its message."""
    started = time.perf_counter()
    with pytest.raises(OewsError) as caught:
        read_oews(io.BytesIO(data), filename, period=Period(2019))
    assert time.perf_counter() - started < FAST
    message = str(caught.value)
    assert "Traceback" not in message
    assert ROOT not in message and "site-packages" not in message
    return message


def read_quickly(data: bytes, filename: str = "oesm19nat.xlsx"):
    started = time.perf_counter()
    rows = read_oews(io.BytesIO(data), filename, period=Period(2019))
    assert time.perf_counter() - started < FAST
    return rows


def billion_laughs(root: str) -> str:
    """A DTD whose &lol9; expands to a billion "lol"s."""
    entities = ['<!ENTITY lol0 "lol">']
    for level in range(1, 10):
        entities.append(f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">')
    return f"<!DOCTYPE {root} [{''.join(entities)}]>"


def number(text: str) -> bytes:
    """A numeric cell's raw XML, so a file can hold what no spreadsheet would write."""
    return f"<v>{text}</v>".encode()


# Each hostile file, and the words its message must hold.
XXE = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
PARAMETER_ENTITY = '<!DOCTYPE worksheet [<!ENTITY % p SYSTEM "http://example.com/x.dtd"> %p;]>'
EXPONENT_ROW = ["99", "U.S.", number("1e1000000"), *NATIONAL[3:]]
WAGE_EXPONENT_ROW = [*NATIONAL[:10], number("1e1000000"), *NATIONAL[11:]]
TINY_EXPONENT_ROW = [*NATIONAL[:10], number("1e-999999999"), *NATIONAL[11:]]
LONG_AREA_ROW = ["9" * 11, *NATIONAL[1:]]
LONG_TITLE_ROW = ["99", "U.S. " * 41, *NATIONAL[2:]]
HUGE_TITLE_ROW = ["99", "A" * 100_000, *NATIONAL[2:]]
BROKEN_SHEET = (
    f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData><row r="1">'
    '<c r="A1" t="inlineStr"><is><t>AREA</t></is></row></sheetData></worksheet>'
).encode()


def hostile_files() -> dict[str, tuple[bytes, str]]:
    good = workbook()
    return {
        "exponent in AREA_TYPE": (
            workbook([HEADER, EXPONENT_ROW]),
            'Row 2, column AREA_TYPE: "1e1000000" is not an area type.',
        ),
        "exponent in a wage": (
            workbook([HEADER, WAGE_EXPONENT_ROW]),
            'Row 2, column H_MEDIAN: "1e1000000" is too large for this figure.',
        ),
        "tiny exponent in a wage": (
            workbook([HEADER, TINY_EXPONENT_ROW]),
            "H_MEDIAN (0.00) must be above zero",
        ),
        "truncated zip": (good[: len(good) // 2], "not a complete zip archive"),
        "zip that is not a workbook": (
            zipped({"notes.txt": b"hello"}),
            "a zip archive but not an Excel workbook",
        ),
        "missing sheet XML": (
            with_part(good, "xl/worksheets/sheet1.xml", None),
            "its part xl/worksheets/sheet1.xml is missing",
        ),
        "sheet XML not well-formed": (
            with_part(good, "xl/worksheets/sheet1.xml", BROKEN_SHEET),
            "xl/worksheets/sheet1.xml is not well-formed XML (mismatched tag)",
        ),
        "sheet XML cut short": (
            with_part(good, "xl/worksheets/sheet1.xml", sheet_xml([HEADER, NATIONAL])[:-40]),
            "xl/worksheets/sheet1.xml ends early",
        ),
        "sheet that is not XML": (
            with_part(good, "xl/worksheets/sheet1.xml", b"\x00\x01 not a sheet at all"),
            "not a worksheet",
        ),
        "part whose data fails its checksum": (
            declare_size(good, "xl/worksheets/sheet1.xml", 300),
            "xl/worksheets/sheet1.xml is damaged",
        ),
        "billion laughs in the sheet": (
            workbook(head=billion_laughs("worksheet")),
            "xl/worksheets/sheet1.xml declares a DTD or entities",
        ),
        "billion laughs in shared strings": (
            with_part(
                workbook(shared=True),
                "xl/sharedStrings.xml",
                (
                    billion_laughs("sst") + f'<sst xmlns="{MAIN}"><si><t>&lol9;</t></si></sst>'
                ).encode(),
            ),
            "xl/sharedStrings.xml declares a DTD or entities",
        ),
        "external entity": (workbook(head=XXE), "declares a DTD or entities"),
        "parameter entity": (workbook(head=PARAMETER_ENTITY), "declares a DTD or entities"),
        "DTD in the workbook part": (
            with_part(
                good,
                "xl/workbook.xml",
                b'<?xml version="1.0"?><!DOCTYPE workbook SYSTEM "http://example.com/wb.dtd">'
                + workbook_parts(b"")["xl/workbook.xml"],
            ),
            "xl/workbook.xml declares a DTD or entities",
        ),
        "entity used without a DTD": (
            workbook([HEADER, [*NATIONAL[:1], b"<is><t>&xxe;</t></is>", *NATIONAL[2:]]]),
            "not well-formed XML (undefined entity)",
        ),
        "UTF-16 sheet hiding a DTD": (
            with_part(
                good,
                "xl/worksheets/sheet1.xml",
                ('<?xml version="1.0" encoding="UTF-16"?>' + XXE).encode("utf-16"),
            ),
            "is not UTF-8 XML",
        ),
        "zip bomb declaring gigabytes": (
            declare_size(good, "xl/worksheets/sheet1.xml", 3_500_000_000),
            "would unpack to 3,338 MB, more than the 512 MB",
        ),
        "thousands of parts": (
            zipped(
                {**workbook_parts(sheet_xml([HEADER, NATIONAL]))}
                | {f"xl/media/{i}.bin": b"" for i in range(1500)}
            ),
            "holds 1,505 parts",
        ),  # fmt: skip
        "area code longer than the field": (
            workbook([HEADER, LONG_AREA_ROW]),
            'Row 2, column AREA: "99999999999" is 11 characters long; at most 10 fit.',
        ),
        "area title longer than the field": (
            workbook([HEADER, LONG_TITLE_ROW]),
            "is 204 characters long; at most 200 fit.",
        ),
        "100,000-character area title": (
            workbook([HEADER, HUGE_TITLE_ROW]),
            f'"{"A" * 40}…" is 100,000 characters long; at most 200 fit.',
        ),
        "shared string index out of range": (
            with_part(workbook(shared=True), "xl/sharedStrings.xml", shared_xml({})),
            'refers to a shared string "0" it lacks',
        ),
        "row number that is not a number": (
            with_part(
                good,
                "xl/worksheets/sheet1.xml",
                sheet_xml([HEADER, NATIONAL]).replace(b'<row r="2">', '<row r="²">'.encode()),
            ),
            'has a row number "²"',
        ),
        "cell beyond the last column": (
            with_part(
                good,
                "xl/worksheets/sheet1.xml",
                sheet_xml([HEADER, NATIONAL]).replace(b'<c r="R2">', b'<c r="XFE2">'),
            ),
            'has a cell beyond Excel\'s last column ("XFE2")',
        ),
    }


CASES = hostile_files()


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_file_is_refused_quickly_with_a_clear_message(name):
    data, words = CASES[name]
    assert words in refused(data)


def test_messages_name_the_file_but_no_server_path(tmp_path):
    path = tmp_path / "oesm19nat.xlsx"
    path.write_bytes(CASES["truncated zip"][0])
    with path.open("rb") as handle, pytest.raises(OewsError) as caught:
        read_oews(handle, path.name)
    assert str(caught.value).startswith('"oesm19nat.xlsx" is not an Excel workbook')
    assert str(tmp_path) not in str(caught.value)


def test_real_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch):
    # A real bomb (64 MB of spaces in a 64 KB zip) against a lowered cap; the cap is
    # checked on the sizes the zip declares, and zipfile never unpacks past them.
    monkeypatch.setattr(oews_read, "MAX_UNPACKED", 8 * 1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in workbook_parts(sheet_xml([HEADER, NATIONAL])).items():
            archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet2.xml", "w") as bomb:
            for _ in range(64):
                bomb.write(b" " * 1024 * 1024)
    assert len(buffer.getvalue()) < 200_000
    assert "would unpack to 64 MB, more than the 8 MB" in refused(buffer.getvalue())


def test_huge_exponents_in_csv_are_refused_quickly():
    header = ",".join(HEADER)
    for row, words in [
        (["99", "U.S.", "1e1000000", *NATIONAL[3:]], '"1e1000000" is not an area type'),
        (["99", "U.S.", "1e999999999", *NATIONAL[3:]], '"1e999999999" is not an area type'),
        ([*NATIONAL[:10], "1e1000000", *NATIONAL[11:]], 'H_MEDIAN: "1e1000000" is too large'),
    ]:
        text = f"{header}\n{','.join(map(str, row))}\n"
        assert words in refused(text.encode(), "oesm19nat.csv")


def test_odd_but_well_formed_nesting_is_read_or_refused_cleanly():
    strings: dict = {}
    sheet = sheet_xml([HEADER, NATIONAL], shared=strings)
    parts = workbook_parts(sheet, shared=strings)
    parts["xl/sharedStrings.xml"] = parts["xl/sharedStrings.xml"].replace(
        b"<si><t>AREA</t></si>", b"<si><t>AR<si><t>x</t></si>EA</t></si>"
    )
    message = refused(zipped(parts))
    assert "missing these OEWS columns" in message or "shared string" in message


def test_workbook_without_dimension_or_with_a_false_one_is_read():
    # The dimension tag is optional and never trusted: nothing is sized from it.
    for dimension in (None, "A1:XFD1048576"):
        [row] = read_quickly(workbook(dimension=dimension))
        assert row.figures["a_median"] == 36_580


def test_one_cell_at_excels_last_row_and_column_is_read_without_a_grid():
    # A 1 KB file that makes grid-building readers allocate 17 billion cells.
    rows = [HEADER, NATIONAL] + [[] for _ in range(3)]
    data = workbook(rows, dimension=None)
    sheet = sheet_xml(rows, dimension=None).replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
    )
    [row] = read_quickly(with_part(data, "xl/worksheets/sheet1.xml", sheet))
    assert row.area == "99"


def test_shared_strings_prefixed_tags_and_rich_text_are_read():
    strings: dict = {}
    sheet = sheet_xml([HEADER, NATIONAL], shared=strings)
    prefixed = (
        sheet.replace(b"<worksheet xmlns=", b"<x:worksheet xmlns:x=")
        .replace(b"</worksheet>", b"</x:worksheet>")
        .replace(b"<sheetData>", b"<x:sheetData>")
        .replace(b"</sheetData>", b"</x:sheetData>")
        .replace(b"<row ", b"<x:row ")
        .replace(b"</row>", b"</x:row>")
        .replace(b"<c ", b"<x:c ")
        .replace(b"</c>", b"</x:c>")
        .replace(b"<v>", b"<x:v>")
        .replace(b"</v>", b"</x:v>")
    )
    parts = workbook_parts(prefixed, shared=strings)
    # The title as rich text with a phonetic run, as Excel writes for some locales.
    parts["xl/sharedStrings.xml"] = parts["xl/sharedStrings.xml"].replace(
        b"<si><t>U.S.</t></si>", b"<si><r><t>U.</t></r><r><t>S.</t></r><rPh><t>yu</t></rPh></si>"
    )
    [row] = read_quickly(zipped(parts))
    assert (row.area, row.area_title, row.figures["h_median"]) == ("99", "U.S.", Decimal("17.59"))


def test_rows_that_cannot_hold_43_6013_are_not_parsed():
    # A malformed row for another occupation is skipped as bytes; the 43-6013 row is read.
    other = ["99", "U.S.", 1, "43-6011", *NATIONAL[4:]]
    malformed = [*other[:4], b"<is><t>&undefined;</t></is>", *other[5:]]
    rows = [HEADER] + [other] * 25 + [malformed] * 5 + [NATIONAL]
    [row] = read_quickly(workbook(rows))
    assert row.line == 32


# Through the admin upload --------------------------------------------------------------

ADMIN_CASES = [
    "exponent in AREA_TYPE",
    "truncated zip",
    "zip that is not a workbook",
    "missing sheet XML",
    "sheet XML not well-formed",
    "billion laughs in the sheet",
    "external entity",
    "zip bomb declaring gigabytes",
    "area code longer than the field",
    "100,000-character area title",
]


@pytest.mark.parametrize("name", ADMIN_CASES)
def test_admin_upload_of_a_hostile_file_answers_400_with_the_message(admin_client, name):
    data, words = CASES[name]
    upload = io.BytesIO(data)
    upload.name = "oesm19nat.xlsx"
    started = time.perf_counter()
    response = admin_client.post(UPLOAD_URL, {"file": upload, "period": "May 2019"})
    assert time.perf_counter() - started < FAST
    assert response.status_code == 400
    html = response.content.decode()
    assert words.replace('"', "&quot;") in html
    assert "Traceback" not in html and ROOT not in html
    assert not OewsRelease.objects.exists() and not OewsWage.objects.exists()
    assert "oews_import" not in admin_client.session
