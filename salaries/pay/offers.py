"""Job offers side by side: what each is worth a year, and which is worth more.

Pure arithmetic (no Django, no database) on what the reader typed, every blank taking a
stated default from the salary tables. An offer's yearly worth is the sum of its parts,
each rounded to the dollar once:

* Base pay: the yearly pay as stated, or the hourly pay × hours a week × 52.
* Expected bonus: as stated; none unless the offer names one.
* 401(k) match: base pay × the share of pay the employer matches (your contribution, up
  to its cap) × the match rate.
* Health insurance: the employer's share of the premium, a year.
* Your premium: what you pay toward it, a year, taken off.
* Paid time off: days of paid leave and paid holidays × a day's pay (base pay ÷ 260, five
  days a week for 52 weeks): what you are paid for days you do not work.

Value per hour worked divides everything except the time-off line by the hours actually
worked, so days off show as fewer hours and are not counted twice. The total in national
dollars divides by the place's BEA price parity ÷ 100, and where the pay stands in the
wage distribution is the pay check's answer (``salaries.paycheck``) for its hourly rate.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from salaries.pay import formatting as fmt
from salaries.pay.distribution import Place, SourceRef, buys
from salaries.pay.estimator import DEFAULT_LOCATION, HOURS_PER_YEAR, WORKING_DAYS_PER_YEAR, Tables
from salaries.pay.paycheck import PER_HOUR, PER_YEAR, PayCheck, check_pay

WEEKS_PER_YEAR = 52
DAYS_PER_WEEK = WORKING_DAYS_PER_YEAR // WEEKS_PER_YEAR
# The full-time week behind BLS's yearly figures (2,080 hours ÷ 52 weeks = 40).
FULL_TIME_HOURS = Decimal(HOURS_PER_YEAR) / WEEKS_PER_YEAR
MAX_HOURS = Decimal(80)
# The salary tables' own upper limit for a match rate (BenefitAssumptions.match_rate).
MAX_MATCH_RATE = Decimal(200)
MONTHS = 12
HUNDRED = Decimal(100)
ZERO = Decimal(0)
LETTERS = ("a", "b", "c")

# How often a premium is taken, and how many times a year.
PER_WEEK = "week"
PER_TWO_WEEKS = "two-weeks"
PER_HALF_MONTH = "half-month"
PER_MONTH = "month"
PREMIUM_PERIODS = {
    PER_MONTH: (MONTHS, "a month"),
    PER_WEEK: (WEEKS_PER_YEAR, "a weekly paycheck"),
    PER_TWO_WEEKS: (WEEKS_PER_YEAR // 2, "a paycheck every two weeks"),
    PER_HALF_MONTH: (2 * MONTHS, "a paycheck twice a month"),
    PER_YEAR: (1, "a year"),
}

# The parts of an offer's worth, in the order the page lists them, named as a sentence
# says them ("base pay decides it").
BASE = "base"
BONUS = "bonus"
MATCH = "match"
HEALTH = "health"
PREMIUM = "premium"
TIME_OFF = "time_off"
PRICES = "prices"
PART_NAMES = {
    BASE: "base pay",
    BONUS: "the bonus",
    MATCH: "the 401(k) match",
    HEALTH: "the employer's share of health insurance",
    PREMIUM: "your health premium",
    TIME_OFF: "paid time off",
    PRICES: "the cost of living",
}


def whole_dollars(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True, kw_only=True)
class Stated:
    """A default for a blank answer: its value, how the page says it, and its source."""

    value: Decimal
    text: str  # "11 days", "$7,034 a year"
    basis: str  # what the figure is: "the average for private-industry workers …"
    source: SourceRef | None = None


@dataclass(frozen=True, kw_only=True)
class Assumptions:
    """The stated default of every answer an offer may leave blank."""

    hours: Stated
    bonus: Stated
    match_rate: Stated
    match_cap: Stated
    contribution: Stated
    employer_health: Stated  # $ a year
    premium: Stated  # $ a year
    pto_days: Stated
    holidays: Stated

    def named(self, name: str) -> Stated:
        return getattr(self, name)

    def listed(self) -> tuple[tuple[str, Stated], ...]:
        """Each default with the answer it stands for, as the page lists them."""
        return tuple(
            (label[0].upper() + label[1:], self.named(name))
            for name, label in ASSUMPTION_NAMES.items()
        )


@dataclass(frozen=True, kw_only=True)
class Terms:
    """One offer as the reader typed it: None where an answer was left blank."""

    letter: str  # "a", "b" or "c"
    pay: Decimal
    per: str = PER_YEAR
    label: str = ""
    hours: Decimal | None = None  # a week
    bonus: Decimal | None = None  # $ a year
    match_rate: Decimal | None = None  # % of your contribution
    match_cap: Decimal | None = None  # % of pay
    contribution: Decimal | None = None  # % of pay
    premium: Decimal | None = None  # $ per premium_per
    premium_per: str = PER_MONTH
    employer_health: Decimal | None = None  # $ per premium_per
    pto_days: Decimal | None = None
    holidays: Decimal | None = None
    location: str = DEFAULT_LOCATION

    @property
    def name(self) -> str:
        return self.label or f"Offer {self.letter.upper()}"


@dataclass(frozen=True, kw_only=True)
class Part:
    """One line of an offer's yearly worth, with how it was worked out."""

    key: str
    label: str
    amount: int  # $ a year; negative for a cost
    method: str
    sources: tuple[SourceRef, ...] = ()  # empty: the reader's own figures alone
    assumed: tuple[str, ...] = ()  # the stated defaults it rests on

    @property
    def amount_text(self) -> str:
        return fmt.money(self.amount)


@dataclass(frozen=True, kw_only=True)
class Worth:
    """An offer's yearly worth, part by part, before any place is considered."""

    terms: Terms
    base: Decimal  # $ a year, unrounded
    hours: Decimal  # a week
    days_off: Decimal  # paid leave and paid holidays
    parts: tuple[Part, ...]
    answers: dict[str, Decimal]  # every answer as used, defaults filled; premiums a year

    @property
    def total(self) -> int:
        return sum(part.amount for part in self.parts)

    def part(self, key: str) -> Part:
        return next(part for part in self.parts if part.key == key)

    @property
    def hourly(self) -> Decimal:
        """The pay per paid hour (days off included): what the pay check places."""
        return self.base / (self.hours * WEEKS_PER_YEAR)

    @property
    def hours_worked(self) -> Decimal:
        """A year's hours less the days off, at the offer's hours a day."""
        return self.hours * (WEEKS_PER_YEAR - self.days_off / DAYS_PER_WEEK)

    @property
    def per_hour_worked(self) -> Decimal:
        return (self.total - self.part(TIME_OFF).amount) / self.hours_worked


def worth(terms: Terms, *, assumptions: Assumptions) -> Worth:
    """Value an offer a year, part by part, each blank answer taking its stated default."""
    assumed: list[str] = []

    def answer(name: str) -> Decimal:
        value = getattr(terms, name)
        if value is None:
            assumed.append(name)
            return assumptions.named(name).value
        return value

    def rests_on(*names: str) -> tuple[str, ...]:
        return tuple(name for name in names if name in assumed)

    def sources(*names: str) -> tuple[SourceRef, ...]:
        found = (assumptions.named(name).source for name in rests_on(*names))
        return tuple(dict.fromkeys(source for source in found if source))

    hours = answer("hours")
    if terms.per == PER_HOUR:
        base = terms.pay * hours * WEEKS_PER_YEAR
        base_method = (
            f"{fmt.hourly(terms.pay)} an hour × {fmt.number(hours)} hours a week × "
            f"{WEEKS_PER_YEAR} weeks."
        )
    else:
        base = terms.pay
        base_method = "The yearly pay as offered."
    bonus = answer("bonus")
    rate, cap, contribution = answer("match_rate"), answer("match_cap"), answer("contribution")
    matched = min(contribution, cap)
    periods, period_text = PREMIUM_PERIODS[terms.premium_per]

    def yearly(key: str, label: str, name: str, *, cost: bool = False) -> tuple[Part, Decimal]:
        """A premium share typed per paycheck or month (or its default a year), a year."""
        typed = getattr(terms, name)
        amount = answer(name) if typed is None else typed * periods
        method = (
            assumptions.named(name).basis
            if typed is None
            else f"{fmt.hourly(typed)} {period_text}, × {periods} a year"
            + (", taken off." if cost else ".")
        )
        part = Part(
            key=key,
            label=label,
            amount=-whole_dollars(amount) if cost else whole_dollars(amount),
            method=method,
            sources=sources(name),
            assumed=rests_on(name),
        )
        return part, amount

    health, employer = yearly(HEALTH, "Health insurance (employer's share)", "employer_health")
    paid, premium = yearly(PREMIUM, "Your health premium", "premium", cost=True)
    pto, holidays = answer("pto_days"), answer("holidays")
    days_off = pto + holidays
    day = base / WORKING_DAYS_PER_YEAR

    parts = (
        Part(key=BASE, label="Base pay", amount=whole_dollars(base), method=base_method),
        Part(
            key=BONUS,
            label="Expected bonus",
            amount=whole_dollars(bonus),
            method="As offered." if "bonus" not in assumed else assumptions.bonus.basis,
            assumed=rests_on("bonus"),
        ),
        Part(
            key=MATCH,
            label="401(k) match",
            amount=whole_dollars(base * matched / HUNDRED * rate / HUNDRED),
            method=f"{fmt.percent(rate)} of the {fmt.percent(matched)} of pay matched "
            f"(you put in {fmt.percent(contribution)}, matched up to {fmt.percent(cap)}).",
            sources=sources("match_rate", "match_cap", "contribution"),
            assumed=rests_on("match_rate", "match_cap", "contribution"),
        ),
        health,
        paid,
        Part(
            key=TIME_OFF,
            label="Paid time off and holidays",
            amount=whole_dollars(days_off * day),
            method=f"{fmt.number(pto)} days of paid leave and {fmt.number(holidays)} paid "
            f"holidays at a day's pay ({fmt.money(day)}: base pay ÷ {WORKING_DAYS_PER_YEAR}).",
            sources=sources("pto_days", "holidays"),
            assumed=rests_on("pto_days", "holidays"),
        ),
    )
    answers = {
        "hours": hours,
        "bonus": bonus,
        "match_rate": rate,
        "match_cap": cap,
        "contribution": contribution,
        "premium": premium,
        "employer_health": employer,
        "pto_days": pto,
        "holidays": holidays,
    }
    return Worth(
        terms=terms, base=base, hours=hours, days_off=days_off, parts=parts, answers=answers
    )


@dataclass(frozen=True, kw_only=True)
class Valued:
    """An offer's worth where it is: its total in national dollars and its pay's standing."""

    worth: Worth
    place: Place
    check: PayCheck

    @property
    def terms(self) -> Terms:
        return self.worth.terms

    @property
    def name(self) -> str:
        return self.terms.name

    @property
    def total(self) -> int:
        return self.worth.total

    @property
    def total_text(self) -> str:
        return fmt.money(self.total)

    @property
    def monthly_text(self) -> str:
        return fmt.money(Decimal(self.total) / MONTHS)

    @property
    def base_text(self) -> str:
        return fmt.money(self.worth.base)

    @property
    def offered_text(self) -> str:
        """The pay as the offer states it: "$22.50 an hour, 40 hours a week"."""
        terms, hours = self.terms, fmt.number(self.worth.hours)
        if terms.per == PER_HOUR:
            return f"{fmt.hourly(terms.pay)} an hour, {hours} hours a week"
        return f"{fmt.money(terms.pay)} a year, {hours} hours a week"

    @property
    def per_hour_worked_text(self) -> str:
        return fmt.hourly(self.worth.per_hour_worked)

    @property
    def hours_worked_text(self) -> str:
        return fmt.number(self.worth.hours_worked.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def prices_known(self) -> bool:
        """National pay needs no price parity; any other place needs its own."""
        return self.place.is_national or self.place.parity is not None

    @cached_property
    def national_total(self) -> int | None:
        """The total in national dollars: ÷ (RPP / 100), or as it is for national pay."""
        if self.place.is_national:
            return self.total
        bought = buys(self.total, self.place.parity)
        return None if bought is None else whole_dollars(bought)

    @property
    def national_total_text(self) -> str:
        return fmt.money(self.national_total) if self.national_total is not None else ""


@dataclass(frozen=True, kw_only=True)
class Verdict:
    """Which offer is worth more, by how much, and the part of the gap that decides it."""

    winner: Valued
    runner_up: Valued
    gap: int  # $ a year, in national dollars when at_national_prices
    decider: str  # a key of PART_NAMES
    decider_gap: int
    decisive: bool  # without the decider's difference the runner-up would match or pass
    at_national_prices: bool
    assumed: tuple[str, ...]  # stated defaults behind the decider's difference
    among: int  # how many offers were compared

    @property
    def tie(self) -> bool:
        return self.gap == 0

    @property
    def monthly(self) -> int:
        return whole_dollars(Decimal(self.gap) / MONTHS)

    @property
    def sentence(self) -> str:
        """One plain sentence: which is worth more, by how much a year and a month, and why."""
        prices = " at national prices" if self.at_national_prices else ""
        if self.tie:
            each = self.winner.national_total if self.at_national_prices else self.winner.total
            return (
                f"{self.winner.name} and {self.runner_up.name} are worth the same: "
                f"{fmt.money(each)} a year each{prices}."
            )
        most = "the most" if self.among > 2 else "more"
        runner = self.runner_up.name + (", the next best" if self.among > 2 else "")
        text = (
            f"{self.winner.name} is worth {most}{prices}: {fmt.money(self.gap)} a year "
            f"({fmt.money(self.monthly)} a month) more than {runner}; "
            f"{PART_NAMES[self.decider]} decides it"
        )
        if self.decisive:
            text += f", and without that difference {self.runner_up.name} would be worth as much"
        if self.assumed:
            text += f" (it rests on the stated default for {' and '.join(self.assumed)})"
        return text + "."


@dataclass(frozen=True, kw_only=True)
class Comparison:
    offers: tuple[Valued, ...]
    verdict: Verdict | None  # None with a single offer
    at_national_prices: bool
    missing_prices: tuple[Place, ...] = field(default=())  # places compared without a parity

    @property
    def rows(self) -> list[tuple[str, list[tuple[Valued, Part]]]]:
        """Each part's label with every offer's line for it, for a table of offers."""
        return [
            (part.label, [(offer, offer.worth.parts[index]) for offer in self.offers])
            for index, part in enumerate(self.offers[0].worth.parts)
        ]


# The default each stated answer names in a sentence ("the stated default for paid time off").
ASSUMPTION_NAMES = {
    "hours": "hours a week",
    "bonus": "the bonus",
    "match_rate": "the match rate",
    "match_cap": "the match cap",
    "contribution": "your contribution",
    "employer_health": "the employer's share",
    "premium": "your premium",
    "pto_days": "paid leave",
    "holidays": "paid holidays",
}


def rules() -> dict[str, str]:
    """The conventions the method states, as the page says them."""
    return {
        "weeks": str(WEEKS_PER_YEAR),
        "working_days": str(WORKING_DAYS_PER_YEAR),
        "days_a_week": str(DAYS_PER_WEEK),
        "year_hours": fmt.number(HOURS_PER_YEAR),
        "periods": ", ".join(
            f"{text} × {periods}" for periods, text in PREMIUM_PERIODS.values() if periods > 1
        ),
    }


def value(terms: Terms, *, assumptions: Assumptions, tables: Tables) -> Valued:
    """An offer's worth, with its place and the pay check for its hourly rate."""
    found = worth(terms, assumptions=assumptions)
    return Valued(
        worth=found,
        place=tables.places[terms.location],
        check=check_pay(amount=found.hourly, per=PER_HOUR, location=terms.location, tables=tables),
    )


def compare(offers: Sequence[Terms], *, assumptions: Assumptions, tables: Tables) -> Comparison:
    """Value each offer, and with two or more say which is worth more and why.

    Offers in different places are compared in national dollars when every place has a
    price parity (national pay needs none); otherwise in dollars as paid.
    """
    valued = tuple(value(terms, assumptions=assumptions, tables=tables) for terms in offers)
    differ = len({offer.place.slug for offer in valued}) > 1
    at_national = differ and all(offer.prices_known for offer in valued)
    missing = tuple(
        dict.fromkeys(offer.place for offer in valued if differ and not offer.prices_known)
    )
    verdict = None
    if len(valued) > 1:
        verdict = judge(valued, at_national_prices=at_national)
    return Comparison(
        offers=valued, verdict=verdict, at_national_prices=at_national, missing_prices=missing
    )


def compared_parts(offer: Valued, *, at_national_prices: bool) -> dict[str, int]:
    """The parts an offer is compared by; at national prices, the price difference too."""
    parts = {part.key: part.amount for part in offer.worth.parts}
    if at_national_prices:
        parts[PRICES] = offer.national_total - offer.total
    return parts


def judge(offers: Sequence[Valued], *, at_national_prices: bool) -> Verdict:
    """The best offer against the next best; the first named wins a tie."""
    ranked = sorted(
        enumerate(offers),
        key=lambda pair: (
            -(pair[1].national_total if at_national_prices else pair[1].total),
            pair[0],
        ),
    )
    winner, runner = ranked[0][1], ranked[1][1]
    ours = compared_parts(winner, at_national_prices=at_national_prices)
    theirs = compared_parts(runner, at_national_prices=at_national_prices)
    gaps = {key: ours[key] - theirs[key] for key in ours}
    gap = sum(gaps.values())
    # The part with the largest difference in the winner's favour; the earlier part on a tie.
    decider = max(gaps, key=lambda key: (gaps[key], -list(gaps).index(key)))
    # A stated default decides it only where the two offers' answers differ.
    assumed = []
    if decider != PRICES:
        for offer in (winner, runner):
            assumed.extend(
                name
                for name in offer.worth.part(decider).assumed
                if winner.worth.answers[name] != runner.worth.answers[name]
            )
    return Verdict(
        winner=winner,
        runner_up=runner,
        gap=gap,
        decider=decider,
        decider_gap=gaps[decider],
        decisive=gap > 0 and gap - gaps[decider] <= 0,
        at_national_prices=at_national_prices,
        assumed=tuple(ASSUMPTION_NAMES[name] for name in dict.fromkeys(assumed)),
        among=len(offers),
    )
