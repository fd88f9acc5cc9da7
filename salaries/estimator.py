"""The salary estimate, one explainable way (see the "How the estimate works" page).

``salaries.snapshot.estimator_tables`` turns the salary tables into the plain frozen
values of ``Tables``, and ``estimate`` is pure arithmetic on them: no database, so it
can be rerun freely for "What would raise it" and tested with hand-built tables.
"""

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from urllib.parse import urlencode

from . import formatting as fmt

# A full-time year: 40 hours a week for 52 weeks, the convention BLS uses.
HOURS_PER_YEAR = 2080
# Working days in a year (5 a week for 52 weeks), to value a day of paid time off.
WORKING_DAYS_PER_YEAR = 260
MAX_YEARS = 60
MORE_YEARS = 2
MAX_SUGGESTIONS = 3
DEFAULT_LOCATION = "mid-sized"
DEFAULT_EMPLOYER = "corporate-chain"

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
DOLLAR = Decimal(1)


def whole_dollars(amount: Decimal) -> int:
    return int(amount.quantize(DOLLAR, rounding=ROUND_HALF_UP))


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


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
        if self.years_to is None:
            return f"{self.years_from}+ years"
        return f"{self.years_from}–{self.years_to - 1} years"


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


@dataclass(frozen=True, kw_only=True)
class Adjustment(Row):
    low: Decimal  # percent against the national figure
    high: Decimal


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
class Tables:
    """Every row the estimate reads, keyed by slug in the editors' order."""

    bands: tuple[Band, ...] = ()
    education: dict[str, Level] = field(default_factory=dict)
    certifications: dict[str, Premium] = field(default_factory=dict)
    skills: dict[str, Premium] = field(default_factory=dict)
    employers: dict[str, Adjustment] = field(default_factory=dict)
    locations: dict[str, Adjustment] = field(default_factory=dict)
    benefits: Benefits | None = None

    @property
    def is_complete(self) -> bool:
        """Whether there is enough data for an estimate (certifications and skills may be empty)."""
        return bool(
            self.bands and self.education and self.employers and self.locations and self.benefits
        )

    @property
    def lowest_start(self) -> int:
        return min(level.start_low for level in self.education.values())

    def band_for(self, years: int) -> Band:
        holding = [band for band in self.bands if band.years_from <= years]
        return holding[-1] if holding else self.bands[0]


@dataclass(frozen=True, kw_only=True)
class Profile:
    years: int
    education: str
    employer: str
    location: str
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

    # Spelled out figure by figure rather than zipped: suggestions run these many times.
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

    def per_hour(self) -> "Span":
        return Span(
            self.low / HOURS_PER_YEAR, self.typical / HOURS_PER_YEAR, self.high / HOURS_PER_YEAR
        )


@dataclass(frozen=True, kw_only=True)
class Line:
    """One step of the breakdown: its effect on the low, typical and high figures."""

    step: int
    label: str
    row: str
    kind: str  # "start", "amount", "percent" or "hourly"
    effect: Span
    percents: Span | None = None
    source: SourceRef | None = None

    @property
    def step_label(self) -> str:
        return f"{self.step}. {self.label}"

    @property
    def cells(self) -> tuple["Cell", ...]:
        """The low, typical and high effects as the breakdown table shows them."""
        return tuple(
            Cell(
                label=part.capitalize(),
                amount=self.amount_text(getattr(self.effect, part)),
                percent=fmt.signed_percent(getattr(self.percents, part)) if self.percents else "",
            )
            for part in ("low", "typical", "high")
        )

    def amount_text(self, amount: Decimal) -> str:
        if self.kind == "start":
            return fmt.money(amount)
        if self.kind == "hourly":
            return fmt.hourly(amount)
        return ("+" if amount >= 0 else "") + fmt.money(amount)


@dataclass(frozen=True, kw_only=True)
class Cell:
    label: str
    amount: str
    percent: str = ""


@dataclass(frozen=True, kw_only=True)
class Suggestion:
    kind: str
    label: str
    gain: int  # dollars a year added to the typical estimate
    profile: Profile

    @property
    def gain_text(self) -> str:
        return "+" + fmt.money(self.gain)


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

    @property
    def total(self) -> int:
        return sum(item.amount for item in self.items)

    @property
    def total_text(self) -> str:
        return fmt.money(self.total)


@dataclass(frozen=True, kw_only=True)
class Estimate:
    profile: Profile
    low: int
    typical: int
    high: int
    high_is_open: bool
    hourly_low: Decimal
    hourly_typical: Decimal
    hourly_high: Decimal
    lines: tuple[Line, ...]
    compensation: Compensation
    suggestions: tuple[Suggestion, ...] = ()

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
    def annual_lines(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.kind != "hourly")

    @property
    def hourly_line(self) -> Line:
        return self.lines[-1]


# Reading the tables -------------------------------------------------------------------


# The estimate --------------------------------------------------------------------------


def default_profile(*, tables: Tables) -> Profile:
    """A newcomer: no experience, the lowest education, a corporate chain in a mid-sized city."""
    lowest = min(tables.education.values(), key=lambda level: level.start_low)
    return Profile(
        years=0,
        education=lowest.slug,
        employer=preferred(tables.employers, DEFAULT_EMPLOYER),
        location=preferred(tables.locations, DEFAULT_LOCATION),
    )


def preferred(rows: dict, slug: str) -> str:
    """The slug if the table has it (editors may rename rows), else the table's first row."""
    return slug if slug in rows else next(iter(rows))


def held(slugs: tuple[str, ...], rows: dict[str, Premium]) -> list[Premium]:
    """The rows a reader holds, once each, in the table's order."""
    unknown = set(slugs) - rows.keys()
    if unknown:
        raise ValueError(f"Unknown rows: {', '.join(sorted(unknown))}")
    return [row for slug, row in rows.items() if slug in slugs]


def starting_point(band: Band, years: int) -> Span:
    """The band's low and high, with typical placed by how far through the band the years are."""
    if band.years_to is None:
        return Span.around(band.low, band.high)
    through = Decimal(years - band.years_from) / (band.years_to - band.years_from)
    through = min(max(through, Decimal(0)), Decimal(1))
    low, high = Decimal(band.low), Decimal(band.high)
    return Span(low, low + (high - low) * through, high)


def annual_pay(*, profile: Profile, tables: Tables) -> tuple[Span, list[Line]]:
    """The low, typical and high annual pay for a profile, with the steps that build it."""
    if not tables.is_complete:
        raise ValueError("The salary tables are empty.")
    if not 0 <= profile.years <= MAX_YEARS:
        raise ValueError(f"Years must lie between 0 and {MAX_YEARS}.")
    level = tables.education[profile.education]
    adjustments = [
        ("Employer type", tables.employers[profile.employer]),
        ("Location", tables.locations[profile.location]),
    ]
    extras = [("Certification", row) for row in held(profile.certifications, tables.certifications)]
    extras += [("Skill", row) for row in held(profile.skills, tables.skills)]

    band = tables.band_for(profile.years)
    pay = starting_point(band, profile.years)
    lines = [
        Line(
            step=1,
            label="Experience band",
            row=f"{band.name}, {band.years_label}",
            kind="start",
            effect=pay,
            source=band.source,
        )
    ]

    premium = level.start_low - tables.lowest_start
    education = Span.around(premium, premium)
    pay += education
    lines.append(
        Line(
            step=2,
            label="Education premium",
            row=level.name,
            kind="amount",
            effect=education,
            source=level.source,
        )
    )

    for label, row in extras:
        added = Span.around(row.low, row.high)
        pay += added
        lines.append(
            Line(step=3, label=label, row=row.label, kind="amount", effect=added, source=row.source)
        )
    if not extras:
        none = Span.around(0, 0)
        lines.append(
            Line(
                step=3,
                label="Certifications and skills",
                row="None chosen",
                kind="amount",
                effect=none,
            )
        )

    for label, row in adjustments:
        percents = Span.around(row.low, row.high)
        adjusted = pay.adjusted(percents)
        lines.append(
            Line(
                step=4,
                label=label,
                row=row.name,
                kind="percent",
                effect=adjusted - pay,
                percents=percents,
                source=row.source,
            )
        )
        pay = adjusted
    return pay, lines


def estimate(*, profile: Profile, tables: Tables, suggest: bool = True) -> Estimate:
    """Estimate pay for a profile; with suggest, also the single changes that raise it most."""
    pay, lines = annual_pay(profile=profile, tables=tables)
    hourly = pay.per_hour()
    lines.append(
        Line(
            step=5,
            label="Hourly pay",
            row=f"Annual pay ÷ {HOURS_PER_YEAR:,} hours (40 hours × 52 weeks)",
            kind="hourly",
            effect=hourly,
        )
    )

    result = Estimate(
        profile=profile,
        low=whole_dollars(pay.low),
        typical=whole_dollars(pay.typical),
        high=whole_dollars(pay.high),
        high_is_open=tables.band_for(profile.years).high_is_open,
        hourly_low=cents(hourly.low),
        hourly_typical=cents(hourly.typical),
        hourly_high=cents(hourly.high),
        lines=tuple(lines),
        compensation=total_compensation(
            typical=pay.typical, contribution=profile.contribution, benefits=tables.benefits
        ),
    )
    if not suggest:
        return result
    return replace(result, suggestions=suggestions(base=result, tables=tables))


def total_compensation(
    *, typical: Decimal, contribution: Decimal | None, benefits: Benefits
) -> Compensation:
    """Base pay plus bonus, 401(k) match, health insurance and paid time off, each rounded once."""
    if contribution is None:
        contribution = benefits.default_contribution
    matched = min(contribution, benefits.match_cap)
    match = typical * matched / HUNDRED * benefits.match_rate / HUNDRED
    day = typical / WORKING_DAYS_PER_YEAR
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
            ),
            amount=whole_dollars(match),
            source=benefits.source,
        ),
        PayItem(
            label="Health insurance",
            detail="The employer's share of a single worker's premium.",
            amount=benefits.health_insurance_value,
            source=benefits.health_source,
        ),
        PayItem(
            label="Paid time off",
            detail=f"{benefits.pto_days} days at a day's pay ({fmt.money(day)}).",
            amount=whole_dollars(benefits.pto_days * day),
            source=benefits.pto_source,
        ),
    )
    return Compensation(items=items, contribution=contribution)


def middle(row: Premium | Adjustment) -> Decimal:
    return (Decimal(row.low) + Decimal(row.high)) / 2


def changes(*, profile: Profile, tables: Tables):
    """Each single change within reach that could raise typical pay: (kind, label, profile).

    Changes that cannot raise it (a zero premium, an adjustment no better than the
    current one) are skipped before any arithmetic, since typical uses the middles.
    """
    for slug, row in tables.certifications.items():
        if slug not in profile.certifications and middle(row) > 0:
            yield (
                "certification",
                f"Earn the {row.abbreviation or row.name} certification",
                replace(profile, certifications=(*profile.certifications, slug)),
            )
    for slug, row in tables.skills.items():
        if slug not in profile.skills and middle(row) > 0:
            yield (
                "skill",
                f"Add the skill “{row.name}”",
                replace(profile, skills=(*profile.skills, slug)),
            )
    if profile.years < MAX_YEARS:
        years = min(profile.years + MORE_YEARS, MAX_YEARS)
        more = years - profile.years
        yield (
            "experience",
            f"Gain {more} more year{'s' if more > 1 else ''} of experience",
            replace(profile, years=years),
        )
    start = tables.education[profile.education].start_low
    higher = [level for level in tables.education.values() if level.start_low > start]
    if higher:
        level = min(higher, key=lambda level: level.start_low)
        yield (
            "education",
            f"Move up to “{level.name}”",
            replace(profile, education=level.slug),
        )
    current_employer = middle(tables.employers[profile.employer])
    for slug, row in tables.employers.items():
        if middle(row) > current_employer:
            yield (
                "employer",
                f"Switch to “{row.name}”",
                replace(profile, employer=slug),
            )
    current_location = middle(tables.locations[profile.location])
    for slug, row in tables.locations.items():
        if middle(row) > current_location:
            yield (
                "location",
                f"Move to “{row.name}”",
                replace(profile, location=slug),
            )


def suggestions(*, base: Estimate, tables: Tables) -> tuple[Suggestion, ...]:
    """The largest gains to typical pay, the best change of each kind, from one change each."""
    best: dict[str, Suggestion] = {}
    for kind, label, changed in changes(profile=base.profile, tables=tables):
        # Only the typical figure counts, so skip the rest of a full estimate.
        pay, _ = annual_pay(profile=changed, tables=tables)
        gain = whole_dollars(pay.typical) - base.typical
        if gain > 0 and (kind not in best or gain > best[kind].gain):
            best[kind] = Suggestion(kind=kind, label=label, gain=gain, profile=changed)
    ranked = sorted(best.values(), key=lambda suggestion: -suggestion.gain)
    return tuple(ranked[:MAX_SUGGESTIONS])
