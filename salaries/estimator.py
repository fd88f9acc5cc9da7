"""The salary estimate, anchored to the real wage distribution (see "How the estimate works").

``salaries.snapshot.estimator_tables`` turns the salary tables into the plain frozen
values of ``Tables``; ``estimate`` is pure arithmetic on them (no database, cache,
request or template), so "What would raise it" can rerun it freely and tests can
build tables by hand.

The method, in order:

1. The guide's experience bands become a smooth curve on the salary sites' scale: it
   climbs from each band's low end to the next, never more than 10% in a year, and
   after the start of the last band rises to that band's middle over as many years as
   the band before it lasted, then stays flat (no source measures later raises).
2. Education is the head start its higher starting pay buys on that curve, so it counts
   most at the start of a career and not at all on the plateau.
3. One certification adds its premium (the sources give one premium for holding one or
   more); skills add a premium only where a source gives one.
4. The employer type moves the figure by its percentage.
5. The result is divided by the salary sites' national median for the job title, and
   that ratio is applied to the BLS median of the reader's area (the level comes from
   BLS, the differences between readers from the salary sites).
6. Every figure stays between the area's 10th and 90th percentiles; where the answers
   point beyond, it stops there and the result says so.
"""

import math
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from urllib.parse import urlencode

from . import formatting as fmt
from .distribution import (
    NATIONAL,
    Distribution,
    Parity,
    Place,
    SourceRef,
    Standing,
    Wages,
    area_distribution,
    buys,
)

__all__ = ["SourceRef"]  # re-exported: rows of every table carry one

# A full-time year: 40 hours a week for 52 weeks, the convention BLS uses.
HOURS_PER_YEAR = 2080
# Working days in a year (5 a week for 52 weeks), to value a day of paid time off.
WORKING_DAYS_PER_YEAR = 260
MAX_YEARS = 60
MORE_YEARS = 2
MAX_SUGGESTIONS = 3
MAX_ELSEWHERE = 3
# The most the experience curve may rise in one year (10%).
MAX_YEARLY_RISE = Decimal("1.10")
DEFAULT_LOCATION = "united-states"
DEFAULT_EMPLOYER = "corporate-chain"
# The salary sites' national median for the job title: the source whose scale the
# guide's ranges are on.
REFERENCE_SOURCE = "guide-national"

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
DOLLAR = Decimal(1)
ZERO = Decimal(0)


def whole_dollars(amount: Decimal) -> int:
    return int(amount.quantize(DOLLAR, rounding=ROUND_HALF_UP))


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, kw_only=True)
class Row:
    name: str
    slug: str
    source: SourceRef


@dataclass(frozen=True, kw_only=True)
class Band(Row):
    years_from: int
    years_to: int | None  # the year the next band starts; None for the open-ended last band
    low: int
    high: int
    high_is_open: bool = False

    @property
    def years_label(self) -> str:
        return fmt.years_label(self.years_from, self.years_to)

    @property
    def middle(self) -> Decimal:
        return (Decimal(self.low) + Decimal(self.high)) / 2


@dataclass(frozen=True, kw_only=True)
class Level(Row):
    start_low: int


@dataclass(frozen=True, kw_only=True)
class Premium(Row):
    low: int
    high: int
    abbreviation: str = ""

    @property
    def label(self) -> str:
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    @property
    def short(self) -> str:
        return self.abbreviation or self.name

    @property
    def middle(self) -> Decimal:
        return (Decimal(self.low) + Decimal(self.high)) / 2


@dataclass(frozen=True, kw_only=True)
class Adjustment(Row):
    low: Decimal  # percent against the national figure
    high: Decimal

    @property
    def middle(self) -> Decimal:
        return (Decimal(self.low) + Decimal(self.high)) / 2


@dataclass(frozen=True, kw_only=True)
class Access:
    """The share of workers offered medical care and retirement plans at such employers."""

    medical: Decimal  # percent
    retirement: Decimal  # percent
    note: str  # which workers the figures describe
    source: SourceRef


@dataclass(frozen=True, kw_only=True)
class Employer(Adjustment):
    access: Access | None = None  # None: no source; the package assumes both are offered


@dataclass(frozen=True, kw_only=True)
class Benefits:
    source: SourceRef
    match_rate: Decimal  # percent of the employee's contribution
    match_cap: Decimal  # percent of salary
    default_contribution: Decimal  # percent of salary
    bonus_low: int
    bonus_high: int
    bonus_source: SourceRef
    health_insurance_value: int
    health_source: SourceRef
    pto_days: int
    pto_source: SourceRef


@dataclass(frozen=True, kw_only=True)
class Reference:
    """The salary sites' national figure the guide's ranges are measured against."""

    median: int
    source: SourceRef


@dataclass(frozen=True, kw_only=True)
class CrossCheck:
    """A salary site's national figure for the job title, shown beside the estimate."""

    label: str  # "Salary.com median"
    amount: int
    source: SourceRef

    @property
    def amount_text(self) -> str:
        return fmt.money(self.amount)


@dataclass(frozen=True, kw_only=True)
class Tables:
    """Every row the estimate reads, keyed by slug in the editors' order."""

    bands: tuple[Band, ...] = ()
    education: dict[str, Level] = field(default_factory=dict)
    certifications: dict[str, Premium] = field(default_factory=dict)
    skills: dict[str, Premium] = field(default_factory=dict)
    employers: dict[str, Employer] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    wages: tuple[Wages, ...] = ()
    benefits: Benefits | None = None
    reference: Reference | None = None
    cross_checks: tuple[CrossCheck, ...] = ()

    @property
    def is_complete(self) -> bool:
        """Whether there is enough data for an estimate (certifications and skills may be empty)."""
        return bool(
            self.bands
            and self.education
            and self.employers
            and self.places
            and self.benefits
            and self.reference
            and self.national is not None
        )

    @cached_property
    def national(self) -> Distribution | None:
        return area_distribution(
            Place(slug=DEFAULT_LOCATION, name="United States", kind=NATIONAL, oews_area=""),
            self.wages,
        )

    @cached_property
    def lowest_level(self) -> Level:
        return min(self.education.values(), key=lambda level: level.start_low)

    @cached_property
    def curve(self) -> tuple[Decimal, ...]:
        return experience_curve(self.bands)

    @cached_property
    def distributions(self) -> dict[str, Distribution | None]:
        """Every place's distribution, worked out once for these tables."""
        return {slug: area_distribution(place, self.wages) for slug, place in self.places.items()}

    def distribution(self, slug: str) -> Distribution:
        found = self.distributions[slug]
        if found is None:
            raise ValueError("No wage distribution is on file.")
        return found

    def band_for(self, years: Decimal | int) -> Band:
        holding = [band for band in self.bands if band.years_from <= years]
        return holding[-1] if holding else self.bands[0]

    @property
    def plateau_from(self) -> int:
        """The first year the experience curve stops rising."""
        curve = self.curve
        top = curve[-1]
        return next(year for year, value in enumerate(curve) if value >= top)


@dataclass(frozen=True, kw_only=True)
class Profile:
    years: int
    education: str
    employer: str
    location: str = DEFAULT_LOCATION
    certifications: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    contribution: Decimal | None = None  # percent of salary; None means the default

    @property
    def query(self) -> str:
        """The estimator's query string for this profile."""
        pairs = [
            ("years", self.years),
            ("education", self.education),
            *[("certifications", slug) for slug in self.certifications],
            *[("skills", slug) for slug in self.skills],
            ("employer", self.employer),
            ("location", self.location),
        ]
        if self.contribution is not None:
            pairs.append(("contribution", fmt.number(self.contribution)))
        return urlencode(pairs)


@dataclass(frozen=True)
class Span:
    """A low, typical and high figure, carried together through every step."""

    low: Decimal
    typical: Decimal
    high: Decimal

    @classmethod
    def around(cls, low: Decimal | int, high: Decimal | int) -> "Span":
        """A range with its midpoint as the typical figure."""
        return cls(Decimal(low), (Decimal(low) + Decimal(high)) / 2, Decimal(high))

    def __iter__(self):
        return iter((self.low, self.typical, self.high))

    def __add__(self, other: "Span") -> "Span":
        return Span(self.low + other.low, self.typical + other.typical, self.high + other.high)

    def __sub__(self, other: "Span") -> "Span":
        return Span(self.low - other.low, self.typical - other.typical, self.high - other.high)

    def adjusted(self, percents: "Span") -> "Span":
        return Span(
            self.low * (1 + percents.low / HUNDRED),
            self.typical * (1 + percents.typical / HUNDRED),
            self.high * (1 + percents.high / HUNDRED),
        )

    def times(self, factor: Decimal) -> "Span":
        return Span(self.low * factor, self.typical * factor, self.high * factor)

    def within(self, lowest: Decimal, highest: Decimal) -> "Span":
        return Span(*(min(max(value, lowest), highest) for value in self))

    def per_hour(self) -> "Span":
        return self.times(1 / Decimal(HOURS_PER_YEAR))


@dataclass(frozen=True, kw_only=True)
class Cell:
    label: str
    amount: str
    percent: str = ""


@dataclass(frozen=True, kw_only=True)
class Line:
    """One step of the breakdown: its effect on the low, typical and high figures."""

    step: int
    label: str
    row: str
    kind: str  # "start", "amount", "percent", "scale", "bound" or "hourly"
    effect: Span
    percents: Span | None = None
    factor: Decimal | None = None  # for "scale": the multiplier
    source: SourceRef | None = None

    @property
    def step_label(self) -> str:
        return f"{self.step}. {self.label}"

    @property
    def cells(self) -> tuple[Cell, ...]:
        """The low, typical and high effects as the breakdown table shows them."""
        return tuple(
            Cell(
                label=part.capitalize(),
                amount=self.amount_text(getattr(self.effect, part)),
                percent=self.percent_text(part),
            )
            for part in ("low", "typical", "high")
        )

    def percent_text(self, part: str) -> str:
        if self.factor is not None:
            return f"× {self.factor.quantize(Decimal('0.001'), rounding=ROUND_HALF_UP)}"
        if self.percents is not None:
            return fmt.signed_percent(getattr(self.percents, part))
        return ""

    def amount_text(self, amount: Decimal) -> str:
        if self.kind in ("start", "scale", "bound"):
            return fmt.money(amount)
        if self.kind == "hourly":
            return fmt.hourly(amount)
        return ("+" if amount >= 0 else "") + fmt.money(amount)


@dataclass(frozen=True, kw_only=True)
class Suggestion:
    kind: str
    label: str
    detail: str
    gain: int  # dollars a year added to the typical estimate
    profile: Profile

    @property
    def gain_text(self) -> str:
        return "+" + fmt.money(self.gain)


@dataclass(frozen=True, kw_only=True)
class Elsewhere:
    """The same profile in another place: pay there, and what it buys in national dollars."""

    place: Place
    typical: int
    buys: int | None
    profile: Profile

    @property
    def typical_text(self) -> str:
        return fmt.money(self.typical)

    @property
    def buys_text(self) -> str:
        return fmt.money(self.buys) if self.buys is not None else ""


@dataclass(frozen=True, kw_only=True)
class PayItem:
    label: str
    detail: str
    amount: int
    source: SourceRef | None = None

    @property
    def amount_text(self) -> str:
        return fmt.money(self.amount)


@dataclass(frozen=True, kw_only=True)
class Compensation:
    items: tuple[PayItem, ...]
    contribution: Decimal
    employer: Employer

    @property
    def total(self) -> int:
        return sum(item.amount for item in self.items)

    @property
    def total_text(self) -> str:
        return fmt.money(self.total)


@dataclass(frozen=True, kw_only=True)
class Estimate:
    profile: Profile
    place: Place
    distribution: Distribution
    low: int
    typical: int
    high: int
    hourly_low: Decimal
    hourly_typical: Decimal
    hourly_high: Decimal
    standing: Standing  # where the typical figure falls in the area's distribution
    held: str | None  # "above" or "below" when the answers pointed beyond the bounds
    site_scale: int  # the typical figure on the salary sites' scale, before anchoring
    buys: int | None  # the typical figure in national dollars (÷ RPP / 100)
    lines: tuple[Line, ...]
    compensation: Compensation
    unpriced_skills: tuple[str, ...] = ()
    extra_certifications: tuple[str, ...] = ()
    cross_checks: tuple[CrossCheck, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    elsewhere: tuple[Elsewhere, ...] = ()

    # The figures as the page shows them, each formatted once however often it appears.
    @cached_property
    def low_text(self) -> str:
        return fmt.money(self.low)

    @cached_property
    def typical_text(self) -> str:
        return fmt.money(self.typical)

    @cached_property
    def high_text(self) -> str:
        return fmt.money(self.high, open_ended=self.high_is_open)

    @cached_property
    def range_text(self) -> str:
        return fmt.money_range(self.low, self.high, open_ended=self.high_is_open)

    @property
    def high_is_open(self) -> bool:
        """The high figure sits on the 90th percentile: pay above it exists but is not measured."""
        return self.high >= whole_dollars(self.distribution.highest)

    @property
    def buys_text(self) -> str:
        return fmt.money(self.buys) if self.buys is not None else ""

    @property
    def site_scale_text(self) -> str:
        return fmt.money(self.site_scale)

    @property
    def parity(self) -> Parity | None:
        return self.distribution.parity or self.place.parity

    @property
    def annual_lines(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.kind != "hourly")

    @property
    def hourly_line(self) -> Line:
        return self.lines[-1]

    @property
    def national_figures(self) -> bool:
        """No figures of the place's own: the national distribution is shown as it is."""
        distribution = self.distribution
        return self.place.is_national or (not distribution.own_rows and distribution.parity is None)

    @property
    def where(self) -> str:
        """ "about the 81st percentile of medical secretaries nationally, May 2019" """
        distribution = self.distribution
        area = "nationally" if self.national_figures else f"in {distribution.area}"
        return f"{self.standing.label} of medical secretaries {area}, {distribution.release.period}"


# The experience curve --------------------------------------------------------------------


def experience_curve(bands: tuple[Band, ...]) -> tuple[Decimal, ...]:
    """Typical pay on the salary sites' scale for each whole year from 0 to the plateau.

    It passes through each band's low end at the year the band starts, rises from the
    start of the last band to that band's middle over as many years as the band before
    it lasted, and never falls nor rises more than 10% in a year.
    """
    if not bands:
        return (ZERO,)
    points = [(band.years_from, Decimal(band.low)) for band in bands]
    last = bands[-1]
    ramp = (last.years_from - bands[-2].years_from) if len(bands) > 1 else 0
    points.append((last.years_from + ramp, last.middle))
    if points[0][0] > 0:
        points.insert(0, (0, points[0][1]))
    end = points[-1][0]
    targets = [target_at(points, year) for year in range(end + 1)]
    curve = [targets[0]]
    for target in targets[1:]:
        previous = curve[-1]
        curve.append(min(max(previous, target), previous * MAX_YEARLY_RISE))
    # The 10% limit can leave the curve short of the last point: let it keep climbing.
    top = max(point for _, point in points)
    while curve[-1] < top and len(curve) <= 10 * MAX_YEARS:
        curve.append(min(top, curve[-1] * MAX_YEARLY_RISE))
    return tuple(curve)


def target_at(points: list[tuple[int, Decimal]], year: int) -> Decimal:
    """Interpolate between points by the same percentage each year."""
    for (y0, v0), (y1, v1) in zip(points, points[1:], strict=False):
        if y0 <= year <= y1 and y1 > y0:
            if v0 <= 0 or v1 <= 0:
                return v0 + (v1 - v0) * Decimal(year - y0) / (y1 - y0)
            return v0 * (v1 / v0) ** (Decimal(year - y0) / (y1 - y0))
    return points[-1][1] if year >= points[-1][0] else points[0][1]


def curve_at(curve: tuple[Decimal, ...], years: Decimal) -> Decimal:
    """The curve at a fractional year, by the same percentage through the year."""
    if years >= len(curve) - 1:
        return curve[-1]
    whole = int(years)
    share = years - whole
    v0, v1 = curve[whole], curve[whole + 1]
    if share == 0 or v0 <= 0:
        return v0 + (v1 - v0) * share
    return v0 * (v1 / v0) ** share


def years_for(curve: tuple[Decimal, ...], pay: Decimal) -> Decimal:
    """The first (fractional) year at which the curve reaches pay; its end if never."""
    if pay <= curve[0]:
        return ZERO
    for year, (v0, v1) in enumerate(zip(curve, curve[1:], strict=False)):
        if v0 < pay <= v1:
            if v0 <= 0:
                return Decimal(year) + (pay - v0) / (v1 - v0)
            share = Decimal(math.log(pay / v0) / math.log(v1 / v0))
            return Decimal(year) + min(max(share, ZERO), Decimal(1))
    return Decimal(len(curve) - 1)


def head_start(level: Level, *, tables: Tables) -> Decimal:
    """The years of experience whose pay a level's higher starting pay matches."""
    lowest = tables.lowest_level.start_low
    curve = tables.curve
    if level.start_low <= lowest or lowest <= 0:
        return ZERO
    return years_for(curve, curve[0] * Decimal(level.start_low) / Decimal(lowest))


# The estimate ------------------------------------------------------------------------------


def default_profile(*, tables: Tables) -> Profile:
    """A newcomer: no experience, the lowest education, a corporate chain, national pay."""
    return Profile(
        years=0,
        education=tables.lowest_level.slug,
        employer=preferred(tables.employers, DEFAULT_EMPLOYER),
        location=preferred(tables.places, DEFAULT_LOCATION),
    )


def typical_profile(*, tables: Tables, location: str) -> Profile:
    """A mid-career coordinator: the middle of the middle experience band, nothing added."""
    band = tables.bands[len(tables.bands) // 2]
    years = band.years_from if band.years_to is None else (band.years_from + band.years_to) // 2
    return replace(default_profile(tables=tables), years=min(years, MAX_YEARS), location=location)


def preferred(rows: dict, slug: str) -> str:
    """The slug if the table has it (editors may rename rows), else the table's first row."""
    return slug if slug in rows else next(iter(rows))


def held(slugs: tuple[str, ...], rows: dict[str, Premium]) -> list[Premium]:
    """The rows a reader holds, once each, in the table's order."""
    unknown = set(slugs) - rows.keys()
    if unknown:
        raise ValueError(f"Unknown rows: {', '.join(sorted(unknown))}")
    return [row for slug, row in rows.items() if slug in slugs]


def spread(band: Band, value: Decimal) -> Span:
    """A typical value with the band's own spread around its middle as low and high."""
    middle = band.middle
    if middle <= 0:
        return Span(value, value, value)
    return Span(value * band.low / middle, value, value * band.high / middle)


@dataclass(frozen=True)
class Worked:
    """The estimate's arithmetic before rounding, with its steps."""

    pay: Span
    site_scale: Decimal
    distribution: Distribution
    held: str | None
    lines: list[Line]
    unpriced: tuple[str, ...]
    extra_certifications: tuple[str, ...]


def annual_pay(*, profile: Profile, tables: Tables) -> Worked:
    """The low, typical and high annual pay for a profile, with the steps that build it."""
    if not tables.is_complete:
        raise ValueError("The salary tables are empty.")
    if not 0 <= profile.years <= MAX_YEARS:
        raise ValueError(f"Years must lie between 0 and {MAX_YEARS}.")
    level = tables.education[profile.education]
    employer = tables.employers[profile.employer]
    certifications = held(profile.certifications, tables.certifications)
    skills = held(profile.skills, tables.skills)
    distribution = tables.distribution(profile.location)
    curve = tables.curve
    lines: list[Line] = []

    def add(**kwargs) -> None:
        lines.append(Line(step=len(lines) + 1, **kwargs))

    years = Decimal(profile.years)
    band = tables.band_for(years)
    pay = spread(band, curve_at(curve, years))
    add(
        label="Experience",
        row=f"{profile.years} year{'' if profile.years == 1 else 's'} on the experience curve "
        f"({band.name}, {band.years_label})",
        kind="start",
        effect=pay,
        source=band.source,
    )

    ahead = head_start(level, tables=tables)
    if ahead > 0:
        effective = years + ahead
        with_education = spread(tables.band_for(effective), curve_at(curve, effective))
        added = Span(*(max(ZERO, value) for value in with_education - pay))
        if added.typical > 0:
            add(
                label="Education head start",
                row=f"{level.name}: starting pay like {fmt.number(ahead.quantize(Decimal('0.1')))} "
                "years of experience",
                kind="amount",
                effect=added,
                source=level.source,
            )
            pay += added

    if certifications:
        best = max(certifications, key=lambda row: (row.middle, row.high))
        # One premium counts, each figure the highest any held certification carries, so
        # holding one more never lowers an estimate.
        spans = [Span.around(row.low, row.high) for row in certifications]
        added = Span(*map(max, zip(*spans, strict=True)))
        if added.high > 0:
            row = best.label
            if len(certifications) > 1:
                row += " (one certification counts: the sources give one premium for any)"
            add(label="Certification", row=row, kind="amount", effect=added, source=best.source)
            pay += added
    extra = tuple(row.short for row in certifications[1:]) if len(certifications) > 1 else ()

    for skill in skills:
        if skill.high > 0:
            added = Span.around(skill.low, skill.high)
            add(label="Skill", row=skill.label, kind="amount", effect=added, source=skill.source)
            pay += added
    unpriced = tuple(skill.name for skill in skills if skill.high <= 0)

    if employer.low or employer.high:
        percents = Span.around(employer.low, employer.high)
        adjusted = pay.adjusted(percents)
        add(
            label="Employer type",
            row=employer.name,
            kind="percent",
            effect=adjusted - pay,
            percents=percents,
            source=employer.source,
        )
        pay = adjusted

    site_scale = pay.typical
    reference = tables.reference
    factor = distribution.median / Decimal(reference.median)
    pay = pay.times(factor)
    add(
        label="Anchored to BLS pay",
        row=f"÷ {fmt.money(reference.median)} (salary sites' national median) × "
        f"{fmt.money(distribution.median)} ({median_phrase(distribution)})",
        kind="scale",
        effect=pay,
        factor=factor,
        source=distribution.release.source,
    )

    bounded = pay.within(distribution.lowest, distribution.highest)
    held_at = None
    if pay.typical > distribution.highest:
        held_at = "above"
    elif pay.typical < distribution.lowest:
        held_at = "below"
    if bounded != pay:
        add(
            label="Kept within the 10th to 90th percentiles",
            row=f"{fmt.money(distribution.lowest)} to {fmt.money(distribution.highest)}: "
            "BLS publishes nothing beyond them",
            kind="bound",
            effect=bounded,
            source=distribution.release.source,
        )
    return Worked(
        pay=bounded,
        site_scale=site_scale,
        distribution=distribution,
        held=held_at,
        lines=lines,
        unpriced=unpriced,
        extra_certifications=extra,
    )


def median_phrase(distribution: Distribution) -> str:
    """Which median the anchor uses: "BLS median, U.S., May 2022"."""
    if distribution.parity:
        parity = distribution.parity
        return (
            f"BLS median, U.S., {distribution.period}, × {distribution.area}'s price level, "
            f"{fmt.number(parity.rpp.normalize())} in {parity.year} (BEA)"
        )
    area = distribution.area if distribution.area != "the U.S." else "U.S."
    return f"BLS median, {area}, {distribution.period}"


def estimate(*, profile: Profile, tables: Tables, suggest: bool = True) -> Estimate:
    """Estimate pay for a profile; with suggest, also what would raise it and where it pays more."""
    worked = annual_pay(profile=profile, tables=tables)
    pay = worked.pay
    hourly = pay.per_hour()
    lines = [
        *worked.lines,
        Line(
            step=len(worked.lines) + 1,
            label="Hourly pay",
            row=f"Annual pay ÷ {HOURS_PER_YEAR:,} hours (40 hours × 52 weeks)",
            kind="hourly",
            effect=hourly,
        ),
    ]
    place = tables.places[profile.location]
    bought = buys(pay.typical, worked.distribution.parity or place.parity)
    result = Estimate(
        profile=profile,
        place=place,
        distribution=worked.distribution,
        low=whole_dollars(pay.low),
        typical=whole_dollars(pay.typical),
        high=whole_dollars(pay.high),
        hourly_low=cents(hourly.low),
        hourly_typical=cents(hourly.typical),
        hourly_high=cents(hourly.high),
        standing=worked.distribution.standing(pay.typical),
        held=worked.held,
        site_scale=whole_dollars(worked.site_scale),
        buys=None if place.is_national or bought is None else whole_dollars(bought),
        lines=tuple(lines),
        compensation=total_compensation(
            typical=pay.typical,
            contribution=profile.contribution,
            benefits=tables.benefits,
            employer=tables.employers[profile.employer],
        ),
        unpriced_skills=worked.unpriced,
        extra_certifications=worked.extra_certifications,
        cross_checks=tables.cross_checks,
    )
    if not suggest:
        return result
    return replace(
        result,
        suggestions=suggestions(base=result, tables=tables),
        elsewhere=elsewhere(base=result, tables=tables),
    )


def total_compensation(
    *, typical: Decimal, contribution: Decimal | None, benefits: Benefits, employer: Employer
) -> Compensation:
    """Base pay plus bonus, 401(k) match, health insurance and paid time off, each rounded once.

    Where a source gives the share of workers offered medical care and retirement plans
    at such employers, those two items count at that share (their expected value).
    """
    if contribution is None:
        contribution = benefits.default_contribution
    access = employer.access
    medical = access.medical if access else HUNDRED
    retirement = access.retirement if access else HUNDRED
    matched = min(contribution, benefits.match_cap)
    match = typical * matched / HUNDRED * benefits.match_rate / HUNDRED * retirement / HUNDRED
    day = typical / WORKING_DAYS_PER_YEAR
    if access:
        offered = f" Counted at {fmt.percent(retirement)}: the share of {access.note} offered one."
        insured = f" Counted at {fmt.percent(medical)}: the share of {access.note} offered one."
    else:
        offered = insured = " No source gives a figure for this employer type; assumed offered."
    items = (
        PayItem(
            label="Base pay", detail="Your typical estimate above.", amount=whole_dollars(typical)
        ),
        PayItem(
            label="Expected bonus",
            detail=f"The middle of {fmt.money_range(benefits.bonus_low, benefits.bonus_high)}.",
            amount=whole_dollars(Span.around(benefits.bonus_low, benefits.bonus_high).typical),
            source=benefits.bonus_source,
        ),
        PayItem(
            label="401(k) match",
            detail=(
                f"{fmt.percent(benefits.match_rate)} of your {fmt.percent(contribution)} "
                f"contribution, counting up to {fmt.percent(benefits.match_cap)} of salary."
                + offered
            ),
            amount=whole_dollars(match),
            source=access.source if access else benefits.source,
        ),
        PayItem(
            label="Health insurance",
            detail="The employer's share of a single worker's premium"
            f" ({fmt.money(benefits.health_insurance_value)})." + insured,
            amount=whole_dollars(benefits.health_insurance_value * medical / HUNDRED),
            source=access.source if access else benefits.health_source,
        ),
        PayItem(
            label="Paid time off",
            detail=f"{benefits.pto_days} days at a day's pay ({fmt.money(day)}).",
            amount=whole_dollars(benefits.pto_days * day),
            source=benefits.pto_source,
        ),
    )
    return Compensation(items=items, contribution=contribution, employer=employer)


# What would raise it, and where it pays more ----------------------------------------------


def changes(*, profile: Profile, tables: Tables):
    """The single changes a careers adviser would put to this reader.

    Yields (kind, label, detail, changed profile):

    * One certification, only to someone who holds none (the sources give one premium
      for holding one or more, so a second adds nothing).
    * More experience, until the curve's plateau.
    * More education only before the last experience band: the sources give its effect
      on starting pay alone, so it is no advice for an experienced coordinator.
    * A better-paying employer type, and any skill a source prices.
    Moving elsewhere is not among them: see ``elsewhere``.
    """
    if not profile.certifications:
        for slug, row in tables.certifications.items():
            if row.middle > 0:
                yield (
                    "certification",
                    f"Earn the {row.short} certification",
                    f"Worth {fmt.money_range(row.low, row.high)} a year in the guide's sources; "
                    "one is enough.",
                    replace(profile, certifications=(slug,)),
                )
    for slug, row in tables.skills.items():
        if slug not in profile.skills and row.middle > 0:
            yield (
                "skill",
                f"Add the skill “{row.name}”",
                f"Priced at {fmt.money_range(row.low, row.high)} a year.",
                replace(profile, skills=(*profile.skills, slug)),
            )
    if profile.years < min(MAX_YEARS, tables.plateau_from):
        years = min(profile.years + MORE_YEARS, MAX_YEARS)
        more = years - profile.years
        yield (
            "experience",
            f"Stay in the role {more} more year{'s' if more > 1 else ''}",
            "Pay rises with experience until the curve levels off after "
            f"{tables.plateau_from} years.",
            replace(profile, years=years),
        )
    if profile.years < tables.bands[-1].years_from:
        start = tables.education[profile.education].start_low
        higher = [level for level in tables.education.values() if level.start_low > start]
        if higher:
            level = min(higher, key=lambda level: level.start_low)
            yield (
                "education",
                f"Complete “{level.name}”",
                "Counts as a head start early in a career; the sources say nothing of it later.",
                replace(profile, education=level.slug),
            )
    current = tables.employers[profile.employer].middle
    for slug, row in tables.employers.items():
        if row.middle > current:
            yield (
                "employer",
                f"Look at “{row.name}” employers",
                f"Pay runs {fmt.adjustment_range(row.low, row.high)} the national figure.",
                replace(profile, employer=slug),
            )


def suggestions(*, base: Estimate, tables: Tables) -> tuple[Suggestion, ...]:
    """The largest gains to typical pay, the best change of each kind, from one change each."""
    best: dict[str, Suggestion] = {}
    for kind, label, detail, changed in changes(profile=base.profile, tables=tables):
        worked = annual_pay(profile=changed, tables=tables)
        gain = whole_dollars(worked.pay.typical) - base.typical
        if gain > 0 and (kind not in best or gain > best[kind].gain):
            best[kind] = Suggestion(
                kind=kind, label=label, detail=detail, gain=gain, profile=changed
            )
    ranked = sorted(best.values(), key=lambda suggestion: -suggestion.gain)
    return tuple(ranked[:MAX_SUGGESTIONS])


def elsewhere(*, base: Estimate, tables: Tables) -> tuple[Elsewhere, ...]:
    """The places where the same profile's typical pay is highest, with what it buys there.

    Only places with figures of their own (OEWS rows or a price parity) are compared.
    """
    found = []
    for slug, place in tables.places.items():
        if slug == base.profile.location or place.is_national:
            continue
        distribution = tables.distribution(slug)
        if distribution.parity is None and not distribution.own_rows:
            continue
        changed = replace(base.profile, location=slug)
        typical = whole_dollars(annual_pay(profile=changed, tables=tables).pay.typical)
        if typical <= base.typical:
            continue
        bought = buys(typical, distribution.parity or place.parity)
        found.append(
            Elsewhere(
                place=place,
                typical=typical,
                buys=None if bought is None else whole_dollars(bought),
                profile=changed,
            )
        )
    found.sort(key=lambda item: (-item.typical, item.place.name))
    return tuple(found[:MAX_ELSEWHERE])
