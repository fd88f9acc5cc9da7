"""Where a pay stands: pure arithmetic for the pay check (and any page comparing offers).

No Django and no database: it reads the same frozen tables as the estimator.
"""

from dataclasses import dataclass
from decimal import Decimal

from salaries.pay import formatting as fmt
from salaries.pay.distribution import Distribution, Place, Standing, buys
from salaries.pay.estimator import HOURS_PER_YEAR, Estimate, Tables, estimate, typical_profile

PER_HOUR = "hour"
PER_YEAR = "year"
# Below a dollar an hour, or above a million dollars a year, a pay is a typing slip.
MIN_HOURLY = Decimal(1)
MONTHS = 12
MAX_ANNUAL = Decimal(1_000_000)
MIN_ANNUAL = MIN_HOURLY * HOURS_PER_YEAR
MAX_HOURLY = (MAX_ANNUAL / HOURS_PER_YEAR).quantize(Decimal("0.01"))


@dataclass(frozen=True, kw_only=True)
class Comparison:
    """A pay against one area's distribution."""

    distribution: Distribution
    standing: Standing
    national: bool  # the national distribution

    @property
    def where(self) -> str:
        area = "nationally" if self.national else f"in {self.distribution.area}"
        return f"{self.standing.label} of medical secretaries {area}"

    @property
    def area_phrase(self) -> str:
        return "nationally" if self.national else f"in {self.distribution.area}"


def middle_half_text(distribution: Distribution) -> str:
    """ "$39,520–$47,960 a year ($19.00–$23.06 an hour)" """
    low, high = distribution.middle_half
    hours = Decimal(HOURS_PER_YEAR)
    return (
        f"{fmt.money(low)}–{fmt.money(high)} a year "
        f"({fmt.hourly(low / hours)}–{fmt.hourly(high / hours)} an hour)"
    )


@dataclass(frozen=True, kw_only=True)
class PayCheck:
    annual: Decimal
    hourly: Decimal
    per: str
    place: Place
    national: Comparison
    area: Comparison | None  # None for national pay, or where no figures describe the place
    buys: Decimal | None  # the pay in national dollars: ÷ (RPP / 100)
    typical: Estimate  # what a mid-career coordinator earns there

    @property
    def annual_text(self) -> str:
        return fmt.money(self.annual)

    @property
    def slip(self) -> str:
        typed = self.hourly if self.per == PER_HOUR else self.annual
        return slip_question(
            full_time=self.annual, typed=typed, per=self.per, national=self.national
        )

    @property
    def hourly_text(self) -> str:
        return fmt.hourly(self.hourly)

    @property
    def pay_text(self) -> str:
        if self.per == PER_HOUR:
            return f"{self.hourly_text} an hour ({self.annual_text} a year)"
        return f"{self.annual_text} a year ({self.hourly_text} an hour)"

    @property
    def buys_text(self) -> str:
        return fmt.money(self.buys) if self.buys is not None else ""

    @property
    def interpolated(self) -> bool:
        return any(c.standing.interpolated for c in (self.national, self.area) if c)

    @property
    def nearest(self) -> Comparison:
        """The comparison closest to where the reader works: the place's own, else the nation's."""
        return self.area or self.national

    @property
    def verdict(self) -> str:
        """The plain answer first: "$19.50 an hour is typical in Columbus, OH: the middle
        half of these jobs there pay …"."""
        near = self.nearest
        pay = (
            self.hourly_text + " an hour" if self.per == PER_HOUR else self.annual_text + " a year"
        )
        there = "there" if not near.national else "nationally"
        return (
            f"{pay} is {near.standing.word} for medical secretaries and administrative "
            f"assistants {near.area_phrase}: the middle half of these jobs {there} pay "
            f"{middle_half_text(near.distribution)}."
        )


def annual_of(amount: Decimal, per: str) -> Decimal:
    return amount * HOURS_PER_YEAR if per == PER_HOUR else amount


def check_pay(*, amount: Decimal, per: str, location: str, tables: Tables) -> PayCheck:
    """Place a pay in the national distribution and in the area's, where one is on file."""
    if amount <= 0:
        raise ValueError("Pay must be above zero.")
    annual = annual_of(amount, per)
    place = tables.places[location]
    nation = tables.national
    national = Comparison(distribution=nation, standing=nation.standing(annual), national=True)
    area = None
    if not place.is_national:
        found = tables.distribution(location)
        if found.own_rows or found.parity is not None:
            area = Comparison(distribution=found, standing=found.standing(annual), national=False)
    bought = buys(annual, area.distribution.parity if area else None) or buys(annual, place.parity)
    return PayCheck(
        annual=annual,
        hourly=annual / HOURS_PER_YEAR,
        per=per,
        place=place,
        national=national,
        area=area,
        buys=None if place.is_national else bought,
        typical=estimate(
            profile=typical_profile(tables=tables, location=location), tables=tables, suggest=False
        ),
    )


def slip_question(*, full_time: Decimal, typed: Decimal, per: str, national: Comparison) -> str:
    """A question for a pay whose full-time year is under half BLS's national 10th
    percentile: allowed (a part-time year can be small), but more often a slip, such as a
    month's pay typed as a year's. Empty otherwise."""
    distribution = national.distribution
    lowest = distribution.lowest
    if full_time * 2 >= lowest:
        return ""
    pay = f"{fmt.hourly(typed)} an hour" if per == PER_HOUR else f"{fmt.money(typed)} a year"
    text = (
        f"{pay} is less than half the lowest pay BLS publishes for this job nationally "
        f"({fmt.money(lowest)} a year, the 10th percentile, {distribution.period}). "
    )
    if per == PER_YEAR:
        return text + (
            f"If it is a month's pay, that is {fmt.money(typed * MONTHS)} a year; if "
            "it is a part-time year's, it is placed here as if it were full-time."
        )
    return text + "Check the amount, and whether it is an hour or a year."


def pay_problem(pay: Decimal, per: str) -> str | None:
    """Why a pay cannot be a real wage for this work (a typing slip), or None: the
    one rule the pay check and the offer comparison both apply."""
    lowest, highest = (MIN_HOURLY, MAX_HOURLY) if per == PER_HOUR else (MIN_ANNUAL, MAX_ANNUAL)
    unit = "an hour" if per == PER_HOUR else "a year"
    if pay < lowest:
        return (
            f"{fmt.hourly(pay)} {unit} is below any real wage for this work; check the "
            "amount, and whether it is an hour or a year."
        )
    if pay > highest:
        most = fmt.hourly(highest) if per == PER_HOUR else fmt.money(highest)
        return f"Enter at most {most} {unit}, or check whether it is an hour or a year."
    return None
