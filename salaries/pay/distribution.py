"""Where pay stands in the OEWS wage distribution for SOC 43-6013, and what it buys.

Pure arithmetic on frozen values (no Django, no database): the estimator, the pay check
and any later page that compares offers all read the same distribution from here.

* A distribution is the five annual percentiles BLS publishes (10th, 25th, median,
  75th, 90th) for an area: its own OEWS rows when they are on file, otherwise the
  national ones scaled by the area's BEA Regional Price Parity (RPP / 100).
* When the newest release with all five percentiles is older than the newest published
  median, every percentile is multiplied by the ratio of the two medians: an
  approximation that keeps the shape and moves the level, said on every page.
* Between published percentiles a pay's percentile is interpolated in a straight line;
  beyond the 10th or the 90th it is "below the 10th" or "above the 90th", never a number.
"""

from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from salaries.pay import formatting as fmt

PERCENTILES = (10, 25, 50, 75, 90)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
# A pay this close to a published percentile is at it: half a cent an hour over a
# 2,080-hour year, the rounding of BLS's hourly figures.
AT_PERCENTILE = Decimal("10.40")
NATIONAL = "national"
STATE = "state"
METRO = "metro"


@dataclass(frozen=True)
class SourceRef:
    name: str  # "Publisher: name", as the sources page titles it
    slug: str
    as_of: str  # ISO date

    # Cached: the tables, and so their sources, are shared by every request.
    @cached_property
    def as_of_label(self) -> str:
        return date.fromisoformat(self.as_of).strftime("%B %Y")


@dataclass(frozen=True, kw_only=True)
class Release:
    """One OEWS survey period."""

    period: str  # "May 2019", as BLS names it
    survey_date: str  # ISO date, for ordering
    source: SourceRef


@dataclass(frozen=True, kw_only=True)
class Wages:
    """One area's annual OEWS figures in one release; None where BLS published none."""

    area: str  # the OEWS area code: "99" national, "39" Ohio, "41860" a metro area
    area_title: str
    kind: str  # NATIONAL, STATE or METRO
    release: Release
    percentiles: tuple[int | None, ...]  # 10th, 25th, median, 75th, 90th

    @property
    def median(self) -> int | None:
        return self.percentiles[2]

    @property
    def is_complete(self) -> bool:
        values = self.percentiles
        return all(value is not None and value > 0 for value in values) and list(values) == sorted(
            values
        )


@dataclass(frozen=True, kw_only=True)
class Parity:
    """A BEA Regional Price Parity: the area's price level, the nation being 100."""

    rpp: Decimal
    year: int
    source: SourceRef


@dataclass(frozen=True, kw_only=True)
class Place:
    slug: str
    name: str
    kind: str  # NATIONAL, STATE or METRO
    oews_area: str
    parity: Parity | None = None

    @property
    def is_national(self) -> bool:
        return self.kind == NATIONAL


@dataclass(frozen=True, kw_only=True)
class Forward:
    """How the percentiles were brought forward to a newer median."""

    to: Release
    factor: Decimal  # newer median ÷ median of the percentiles' release
    national: bool  # True when the area had no newer median and the nation's change was used


@dataclass(frozen=True, kw_only=True)
class Distribution:
    """The five annual percentiles of one area, and where they came from."""

    area: str  # "the U.S.", "Ohio"
    annual: tuple[Decimal, ...]  # 10th, 25th, median, 75th, 90th
    release: Release  # the release the percentiles were published in
    forward: Forward | None = None
    parity: Parity | None = None  # set when scaled from the national figures by an RPP
    own_rows: bool = True  # False when the area has no OEWS rows of its own on file

    @property
    def median(self) -> Decimal:
        return self.annual[2]

    @property
    def lowest(self) -> Decimal:
        return self.annual[0]

    @property
    def highest(self) -> Decimal:
        return self.annual[-1]

    @property
    def period(self) -> str:
        """The release the figures describe, after any bringing forward."""
        return (self.forward.to if self.forward else self.release).period

    @property
    def median_source(self) -> SourceRef:
        """The source of the median the figures rest on (the newer release when brought
        forward)."""
        return (self.forward.to if self.forward else self.release).source

    @property
    def is_published(self) -> bool:
        """The percentiles are BLS's own for this area and release, as BLS published them."""
        return self.forward is None and self.parity is None

    @property
    def method(self) -> str:
        """How this site made the figures, in a phrase; empty when they are BLS's own."""
        steps = []
        if self.forward:
            median = "national median" if self.forward.national else "median"
            steps.append(
                f"{self.release.period}'s spread scaled to the {self.forward.to.period} {median}"
            )
        if self.parity:
            steps.append(
                f"national pay adjusted to {self.area}'s price level "
                f"({fmt.number(self.parity.rpp.normalize())} in {self.parity.year}, BEA)"
            )
        return "; ".join(steps)

    @property
    def provenance(self) -> str:
        """Which release gave the figures and their grade, as readers see it."""
        if self.is_published:
            return "published by BLS"
        return f"this site's estimate: {self.method}"

    @property
    def middle_half(self) -> tuple[Decimal, Decimal]:
        """The 25th and 75th percentiles: what the middle half of workers earn."""
        return self.annual[1], self.annual[3]

    def pay_at(self, percentile: Decimal | int) -> Decimal:
        """The pay at a percentile from 10 to 90, read along straight lines between them."""
        percentile = Decimal(percentile)
        if not PERCENTILES[0] <= percentile <= PERCENTILES[-1]:
            raise ValueError("BLS publishes percentiles from the 10th to the 90th only.")
        for (p0, v0), (p1, v1) in zip(
            zip(PERCENTILES, self.annual, strict=True),
            zip(PERCENTILES[1:], self.annual[1:], strict=True),
            strict=True,
        ):
            if percentile <= p1:
                return v0 + (v1 - v0) * (percentile - p0) / (p1 - p0)
        return self.highest

    def standing(self, pay: Decimal | int) -> "Standing":
        """Where a yearly pay falls among the published percentiles."""
        pay = Decimal(pay)
        for percentile, value in zip(PERCENTILES, self.annual, strict=True):
            if abs(pay - value) <= AT_PERCENTILE:
                return Standing(side="within", percentile=Decimal(percentile), published=True)
        if pay < self.lowest:
            return Standing(side="below")
        if pay > self.highest:
            return Standing(side="above")
        for (p0, v0), (p1, v1) in zip(
            zip(PERCENTILES, self.annual, strict=True),
            zip(PERCENTILES[1:], self.annual[1:], strict=True),
            strict=True,
        ):
            if v0 < pay < v1:
                return Standing(side="within", percentile=p0 + (p1 - p0) * (pay - v0) / (v1 - v0))
        raise AssertionError("unreachable: the percentiles are in order")

    def scaled(self, factor: Decimal) -> tuple[Decimal, ...]:
        """The percentiles times factor, to the cent."""
        return tuple(
            (value * factor).quantize(CENT, rounding=ROUND_HALF_UP) for value in self.annual
        )


@dataclass(frozen=True, kw_only=True)
class Standing:
    """A pay's place in a distribution: a percentile, or beyond the published ones."""

    side: str  # "below" the 10th, "within", "above" the 90th
    percentile: Decimal | None = None
    published: bool = False  # exactly at a percentile BLS publishes

    @property
    def rounded(self) -> int | None:
        if self.percentile is None:
            return None
        return int(self.percentile.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def label(self) -> str:
        """Say it as a reader would: "about the 81st percentile", "the median"."""
        if self.side == "below":
            return f"below the {ordinal(PERCENTILES[0])} percentile"
        if self.side == "above":
            return f"above the {ordinal(PERCENTILES[-1])} percentile"
        if self.rounded == 50 and self.published:
            return "the median (50th percentile)"
        if self.published:
            return f"the {ordinal(self.rounded)} percentile"
        return f"about the {ordinal(self.rounded)} percentile"

    @property
    def interpolated(self) -> bool:
        return self.side == "within" and not self.published

    @property
    def word(self) -> str:
        """The standing in a reader's words: low (below the middle half of workers),
        typical (within it) or high (above it)."""
        if self.side == "below" or (self.percentile is not None and self.percentile < 25):
            return "low"
        if self.side == "above" or (self.percentile is not None and self.percentile > 75):
            return "high"
        return "typical"


def ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def newest(rows: list[Wages]) -> Wages | None:
    return max(rows, key=lambda row: row.release.survey_date, default=None)


def distribution_of(rows: list[Wages], *, national: list[Wages], area: str) -> Distribution | None:
    """The area's percentiles from its newest complete release, brought forward when a
    newer median exists: the area's own, else the nation's change between the releases."""
    full = newest([row for row in rows if row.is_complete])
    if full is None:
        return None
    annual = tuple(Decimal(value) for value in full.percentiles)
    distribution = Distribution(area=area, annual=annual, release=full.release)
    forward = forward_for(full, rows, national=False) or forward_for(
        full, national, national=rows is not national
    )
    if forward is None:
        return distribution
    return replace(distribution, annual=distribution.scaled(forward.factor), forward=forward)


def forward_for(full: Wages, rows: list[Wages], *, national: bool) -> Forward | None:
    """The ratio of the newest median in rows to their median in the release of full."""
    with_median = [row for row in rows if row.median]
    later = newest(
        [row for row in with_median if row.release.survey_date > full.release.survey_date]
    )
    same = next((row for row in with_median if row.release == full.release), None)
    if later is None or same is None:
        return None
    return Forward(
        to=later.release, factor=Decimal(later.median) / Decimal(same.median), national=national
    )


@dataclass(frozen=True)
class WageIndex:
    """Wage rows grouped once: the nation's, and each area's by (kind, OEWS area code), so
    a place's distribution reads its own rows only, however many areas are on file."""

    national: list[Wages]
    by_area: dict[tuple[str, str], list[Wages]]

    @classmethod
    def of(cls, wages: tuple[Wages, ...]) -> "WageIndex":
        national: list[Wages] = []
        by_area: dict[tuple[str, str], list[Wages]] = {}
        for row in wages:
            if row.kind == NATIONAL:
                national.append(row)
            else:
                by_area.setdefault((row.kind, row.area), []).append(row)
        return cls(national=national, by_area=by_area)

    @cached_property
    def nation(self) -> Distribution | None:
        return distribution_of(self.national, national=self.national, area="the U.S.")

    def distribution(self, place: Place) -> Distribution | None:
        """The place's own OEWS rows when on file; else the national figures times
        RPP / 100; else (no price parity either) the national figures as they are."""
        nation = self.nation
        if place.is_national or nation is None:
            return nation
        own = self.by_area.get((place.kind, place.oews_area))
        if own:
            found = distribution_of(own, national=self.national, area=place.name)
            if found is not None:
                return replace(found, parity=None) if place.parity is None else found
        if place.parity is None:
            return replace(nation, own_rows=False)
        return replace(
            nation,
            area=place.name,
            annual=nation.scaled(place.parity.rpp / HUNDRED),
            parity=place.parity,
            own_rows=False,
        )


def area_distribution(place: Place, wages: tuple[Wages, ...]) -> Distribution | None:
    """One place's distribution (see ``WageIndex.distribution``); for many places, index
    the rows once with ``WageIndex.of`` instead."""
    return WageIndex.of(wages).distribution(place)


def buys(pay: Decimal | int, parity: Parity | None) -> Decimal | None:
    """What a pay buys in national dollars: pay ÷ (RPP / 100)."""
    if parity is None or parity.rpp <= 0:
        return None
    return Decimal(pay) / (parity.rpp / HUNDRED)
