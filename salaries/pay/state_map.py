"""The salary page's map of the states: where each tile stands, what figure it shows,
and which colour it takes. Pure: no Django, no database.

The map is a tile grid (every state and DC one square of the same size, placed roughly
where it lies), so small states are as easy to see and to tap as large ones.
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from salaries.pay.places import STATES, state_slug

HUNDRED = Decimal(100)
COLUMNS, ROWS = 11, 8

PUBLISHED = "published"
ESTIMATE = "estimate"
NOT_ON_FILE = "not on file"
GRADES = (PUBLISHED, ESTIMATE, NOT_ON_FILE)


@dataclass(frozen=True)
class Tile:
    code: str  # the state's FIPS code, as OEWS and BEA write it
    abbreviation: str
    column: int
    row: int


# The common 11-column tile grid of the United States, one line a row from the north.
# (FIPS code, postal abbreviation, column, row)
GRID = (
    ("02", "AK", 0, 0), ("23", "ME", 10, 0),
    ("55", "WI", 5, 1), ("50", "VT", 9, 1), ("33", "NH", 10, 1),
    ("53", "WA", 0, 2), ("16", "ID", 1, 2), ("30", "MT", 2, 2), ("38", "ND", 3, 2),
    ("27", "MN", 4, 2), ("17", "IL", 5, 2), ("26", "MI", 6, 2), ("36", "NY", 8, 2),
    ("25", "MA", 9, 2),
    ("41", "OR", 0, 3), ("32", "NV", 1, 3), ("56", "WY", 2, 3), ("46", "SD", 3, 3),
    ("19", "IA", 4, 3), ("18", "IN", 5, 3), ("39", "OH", 6, 3), ("42", "PA", 7, 3),
    ("34", "NJ", 8, 3), ("09", "CT", 9, 3), ("44", "RI", 10, 3),
    ("06", "CA", 0, 4), ("49", "UT", 1, 4), ("08", "CO", 2, 4), ("31", "NE", 3, 4),
    ("29", "MO", 4, 4), ("21", "KY", 5, 4), ("54", "WV", 6, 4), ("51", "VA", 7, 4),
    ("24", "MD", 8, 4), ("10", "DE", 9, 4),
    ("04", "AZ", 1, 5), ("35", "NM", 2, 5), ("20", "KS", 3, 5), ("05", "AR", 4, 5),
    ("47", "TN", 5, 5), ("37", "NC", 6, 5), ("45", "SC", 7, 5), ("11", "DC", 8, 5),
    ("40", "OK", 3, 6), ("22", "LA", 4, 6), ("28", "MS", 5, 6), ("01", "AL", 6, 6),
    ("13", "GA", 7, 6),
    ("15", "HI", 0, 7), ("48", "TX", 3, 7), ("12", "FL", 8, 7),
)  # fmt: skip
TILES = tuple(Tile(*row) for row in GRID)

# ColorBrewer's five-class YlGnBu, light to dark: sequential and safe for the common
# kinds of colour blindness; the darkest two still differ from the lightest in lightness.
PALETTE = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
DARK_INK, LIGHT_INK = "#000000", "#ffffff"


@dataclass(frozen=True)
class PriceLevel:
    rpp: Decimal  # BEA's regional price parity, the nation being 100
    year: int


@dataclass(frozen=True)
class StateFigure:
    code: str
    name: str
    abbreviation: str
    slug: str  # the estimator's name for the place
    column: int
    row: int
    grade: str  # PUBLISHED, ESTIMATE or NOT_ON_FILE
    pay: Decimal | None  # the yearly median: BLS's, or national pay × RPP / 100
    price: PriceLevel | None
    buys: Decimal | None  # pay ÷ (RPP / 100), in national dollars


def dollars(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def state_figures(
    *,
    own: Mapping[str, int],
    national: Decimal | None,
    parities: Mapping[str, PriceLevel],
    slugs: Mapping[str, str],
) -> list[StateFigure]:
    """Every state and DC, in the map's order: its own BLS median where one is on file,
    else national pay at the state's price level, else nothing.

    own: the BLS yearly median of each state that has one, by FIPS code; national: the
    national median the estimates scale; slugs: the estimator's place names where they
    differ from the state's name written as an address.
    """
    names = dict(STATES)
    figures = []
    for tile in TILES:
        price = parities.get(tile.code)
        if own.get(tile.code) is not None:
            grade, pay = PUBLISHED, Decimal(own[tile.code])
        elif price is not None and national is not None:
            grade, pay = ESTIMATE, dollars(Decimal(national) * price.rpp / HUNDRED)
        else:
            grade, pay = NOT_ON_FILE, None
        buys = None if pay is None or price is None else dollars(pay / (price.rpp / HUNDRED))
        figures.append(
            StateFigure(
                code=tile.code,
                name=names[tile.code],
                abbreviation=tile.abbreviation,
                slug=slugs.get(tile.code) or state_slug(names[tile.code]),
                column=tile.column,
                row=tile.row,
                grade=grade,
                pay=pay,
                price=price,
                buys=buys,
            )
        )
    return figures


@dataclass(frozen=True)
class Bin:
    low: int  # whole dollars, both ends included
    high: int
    colour: str

    @property
    def ink(self) -> str:
        return ink_for(self.colour)


STEP = 1000


def bins(values: Iterable[Decimal]) -> tuple[Bin, ...]:
    """Five bins of one round width (a multiple of $1,000) from a round figure at or
    below the lowest value up past the highest, so every value has exactly one bin."""
    found = [int(dollars(Decimal(value))) for value in values]
    if not found:
        return ()
    low = min(found) // STEP * STEP
    span = max(found) - low + 1
    width = max(STEP, math.ceil(span / len(PALETTE) / STEP) * STEP)
    return tuple(
        Bin(low=low + i * width, high=low + (i + 1) * width - 1, colour=colour)
        for i, colour in enumerate(PALETTE)
    )


def bin_for(value: Decimal, found: tuple[Bin, ...]) -> Bin | None:
    """The bin of a figure as it reads on the page (to the dollar)."""
    amount = int(dollars(Decimal(value)))
    return next((b for b in found if b.low <= amount <= b.high), None)


def luminance(colour: str) -> float:
    """WCAG 2's relative luminance of a #rrggbb colour."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def ink_for(colour: str) -> str:
    """Black or white, whichever reads better on the colour."""
    return max((DARK_INK, LIGHT_INK), key=lambda ink: contrast(colour, ink))
