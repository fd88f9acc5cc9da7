"""BEA's Regional Price Parity tables (SARPP for states, MARPP for metropolitan areas),
as downloaded in CSV, read into rows of the price parity table. Pure: no database.

A file has one row per area and line (line 1 is "RPPs: All items"), the years as
columns, "(NA)" where BEA publishes nothing, and notes below the table. Each area's
all-items parity is taken from the newest year that has one.
"""

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from salaries.pay.places import STATES, oews_code

ALL_ITEMS = "1"
BEA_COLUMNS = {"GeoFIPS", "GeoName", "LineCode"}
# "Abilene, TX (Metropolitan Statistical Area)" → "Abilene, TX"; a trailing * marks a note.
SUFFIX = re.compile(r"\s*\((?:Metropolitan Statistical Area|Metropolitan Portion)\)\s*$")


def is_bea_table(headers: Iterable[str]) -> bool:
    return {str(header).strip() for header in headers if header} >= BEA_COLUMNS


def cell(value) -> str:
    return "" if value is None else str(value).strip().strip('"').strip()


def read_bea_rows(rows: Iterable[Mapping]) -> list[dict]:
    """The all-items parity of every state and metropolitan area in a BEA table."""
    found = []
    for row in rows:
        row = {cell(key): value for key, value in row.items() if key}
        line = cell(row.get("LineCode"))
        geofips = cell(row.get("GeoFIPS"))
        if line not in (ALL_ITEMS, "1.0") or not (len(geofips) == 5 and geofips.isdigit()):
            continue
        code, is_state = oews_code(geofips)
        if is_state and code not in dict(STATES):
            continue  # the nation (00000) and BEA's regions (91000 to 98000)
        if not is_state and (geofips.endswith("999") or geofips.startswith("9")):
            continue  # non-metropolitan portions
        newest = None
        for column, value in row.items():
            if column.isdigit():
                try:
                    rpp = Decimal(cell(value))
                except InvalidOperation:
                    continue  # "(NA)"
                if rpp.is_finite() and rpp > 0 and (newest is None or int(column) > newest[0]):
                    newest = (int(column), rpp)
        if newest is None:
            continue
        name = SUFFIX.sub("", cell(row.get("GeoName")).rstrip("*").strip())
        found.append(
            {
                "area": geofips,
                "name": name,
                "kind": "state" if is_state else "metro",
                "rpp": newest[1].quantize(Decimal("0.001")),
                "year": newest[0],
            }
        )
    return found
