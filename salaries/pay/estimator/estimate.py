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

from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property

from salaries.pay import formatting as fmt
from salaries.pay.distribution import Distribution, Parity, Place, Standing, buys
from salaries.pay.estimator.anchored import annual_pay
from salaries.pay.estimator.compensation import Compensation, total_compensation
from salaries.pay.estimator.constants import HOURS_PER_YEAR, cents, whole_dollars
from salaries.pay.estimator.rows import CrossCheck
from salaries.pay.estimator.steps import Line
from salaries.pay.estimator.suggestions import Elsewhere, Suggestion, elsewhere, suggestions
from salaries.pay.estimator.tables import Profile, Tables


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
    def verdict(self) -> str:
        """The plain answer first, for the reader's own profile and place."""
        years = self.profile.years
        experience = f"{years} year{'' if years == 1 else 's'}' experience"
        area = "nationally" if self.national_figures else f"in {self.distribution.area}"
        low, high = self.distribution.middle_half
        return (
            f"With {experience}, typical pay {area} is about {self.typical_text} a year "
            f"({fmt.hourly(self.hourly_typical)} an hour), which is {self.standing.word} "
            f"for these jobs: the middle half of them pay {fmt.money(low)}–{fmt.money(high)}."
        )

    @property
    def where(self) -> str:
        """ "about the 81st percentile of medical secretaries nationally, May 2025" """
        distribution = self.distribution
        area = "nationally" if self.national_figures else f"in {distribution.area}"
        return f"{self.standing.label} of medical secretaries {area}, {distribution.period}"


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
            plain="The same pay by the hour, for a full-time year",
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
        suggestions=suggestions(profile=profile, typical=result.typical, tables=tables),
        elsewhere=elsewhere(
            profile=profile,
            at_home=result.buys if result.buys is not None else result.typical,
            site_scale=worked.site_scale,
            tables=tables,
        ),
    )
