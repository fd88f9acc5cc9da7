"""Job offers side by side: what each is worth a year, and which is worth more.

Pure arithmetic (no Django, no database) on what the reader stated. An answer left blank
is not stated: it counts for nothing in the verdict, and the comparison lists it with what
a typical employer gives (from the salary tables, with their sources) and whether that
would change which offer is worth more, alone and all together (gaps too small to matter
one at a time can change the answer together). Two gaps are filled without any employer
figure, and each says so where it is used: hourly pay with no hours is read as a full-time
week, and a match with no contribution stated counts as if you put in enough to get all of
it.

An offer's yearly worth is the sum of its parts, each rounded to the dollar once:

* Base pay: the yearly pay as stated, or the hourly pay × hours a week × 52.
* Overtime: the hourly rate × 1.5 × paid overtime hours a week × 52 (a salary's hourly
  rate is the salary ÷ (hours a week × 52)).
* Shift differential: its dollars an hour × the hours a week it is paid × 52.
* Expected bonus: as stated.
* 401(k) match: base pay × the share of pay matched (what you put in, up to the cap) ×
  the match rate. "3% of pay" is a match of 100% of what you put in, up to 3% of pay.
* Health insurance: the employer's share of the premium, a year. Your own premium is not
  taken off as well: it is part of what buys the same cover, so taking it off besides
  counting only the employer's share would count a difference in premiums twice (an offer
  paying 80% of a plan against one paying 50% of it differs by 30% of the premium, not
  60%). A plan described in words ("the employer pays most of it") is that share of a
  typical single-coverage premium; a premium given alone leaves the employer the rest.
* Paid time off: days of paid leave and paid holidays × a day's pay (base pay ÷ 260).

Value per hour worked divides everything except the time-off line by the hours actually
worked (overtime included), so days off show as fewer hours and are not counted twice.
The total in national dollars divides by the place's BEA price parity ÷ 100, and where
the pay stands is the pay check's answer (``salaries.pay.paycheck``) for its hourly rate.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from salaries.pay import formatting as fmt
from salaries.pay.distribution import Place, SourceRef, buys
from salaries.pay.estimator import DEFAULT_LOCATION, HOURS_PER_YEAR, WORKING_DAYS_PER_YEAR, Tables
from salaries.pay.paycheck import (
    MONTHS,
    PER_HOUR,
    PER_YEAR,
    PayCheck,
    check_pay,
    slip_question,
)

WEEKS_PER_YEAR = 52
DAYS_PER_WEEK = WORKING_DAYS_PER_YEAR // WEEKS_PER_YEAR
# The full-time week behind BLS's yearly figures (2,080 hours ÷ 52 weeks = 40).
FULL_TIME_HOURS = Decimal(HOURS_PER_YEAR) / WEEKS_PER_YEAR
MAX_HOURS = Decimal(80)
MAX_OVERTIME_HOURS = Decimal(40)
OVERTIME_RATE = Decimal("1.5")
# The salary tables' own upper limit for a match rate (BenefitAssumptions.match_rate).
MAX_MATCH_RATE = Decimal(200)
# A match "of what you put in" at or below this, with no cap, is read as a cap on pay.
MIXUP_MAX_RATE = Decimal(10)
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

# How an offer states its 401(k) match.
MATCH_UNSTATED = "unstated"
MATCH_NONE = "none"
MATCH_OF_PAY = "pay"  # "a 3% match": 3% of pay, when you put in at least that
MATCH_OF_CONTRIBUTION = "contribution"  # "50% of what you put in, up to 6% of pay"
MATCH_FORMS = (MATCH_UNSTATED, MATCH_OF_PAY, MATCH_OF_CONTRIBUTION, MATCH_NONE)

# How an offer states its health insurance: in words, in dollars, or not at all.
HEALTH_UNSTATED = "unstated"
HEALTH_NONE = "none"
HEALTH_MOST = "most"
HEALTH_HALF = "half"
HEALTH_LITTLE = "little"
HEALTH_AMOUNTS = "amounts"
HEALTH_WORDS = {HEALTH_MOST: "most", HEALTH_HALF: "about half", HEALTH_LITTLE: "little"}
HEALTH_FORMS = (HEALTH_UNSTATED, *HEALTH_WORDS, HEALTH_AMOUNTS, HEALTH_NONE)

# The parts of an offer's worth, in the order the page lists them, named as a sentence
# says them ("base pay decides it").
BASE = "base"
OVERTIME = "overtime"
SHIFT = "shift"
BONUS = "bonus"
MATCH = "match"
HEALTH = "health"
TIME_OFF = "time_off"
PRICES = "prices"
PART_NAMES = {
    BASE: "base pay",
    OVERTIME: "overtime",
    SHIFT: "the shift differential",
    BONUS: "the bonus",
    MATCH: "the 401(k) match",
    HEALTH: "the employer's share of health insurance",
    TIME_OFF: "paid time off",
    PRICES: "the cost of living",
}
# Parts shown only when some offer has them: most offers state neither.
OCCASIONAL = (OVERTIME, SHIFT)

# The answers an offer may leave unsaid that a typical employer gives, in page order.
PTO = "pto_days"
HOLIDAYS = "holidays"
UNSTATED_ITEMS = (MATCH, HEALTH, PTO, HOLIDAYS, BONUS)
ITEM_LABELS = {
    MATCH: "401(k) match",
    HEALTH: "Health insurance",
    PTO: "Paid leave",
    HOLIDAYS: "Paid holidays",
    BONUS: "Bonus",
}


def whole_dollars(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True, kw_only=True)
class Figure:
    """A figure from the salary tables: its value, how the page says it, and its source."""

    value: Decimal
    text: str  # "11 days", "$7,034 a year"
    basis: str  # what the figure is: "the average paid vacation days …"
    source: SourceRef | None = None


@dataclass(frozen=True, kw_only=True)
class Typical:
    """What a typical employer gives, from the salary tables.

    None of it is counted in a verdict: each figure answers "what if this offer, silent
    here, is typical?", and the health figures turn a plan described in words into dollars.
    """

    hours: Figure  # the full-time week that hourly pay with no hours is read as
    match_rate: Figure  # % of what you put in
    match_cap: Figure  # % of pay
    contribution: Figure  # % of pay
    employer_health: Figure  # $ a year
    premium: Figure  # $ a year, the worker's share
    single_premium: Figure  # $ a year, the whole single-coverage premium
    shares: dict[str, Figure] = field(default_factory=dict)  # HEALTH_WORDS key → % employer pays
    pto_days: Figure
    holidays: Figure | None = None  # None where editors have removed the row
    bonus: Figure | None = None  # the top of the usual range; its text names the range

    def listed(self) -> tuple[tuple[str, Figure], ...]:
        """Each typical figure with what it is, as the page lists them."""
        rows = [
            ("Hours a week, for hourly pay with none given", self.hours),
            ("401(k) match", self.match_rate),
            ("Matched up to", self.match_cap),
            ("What you put in", self.contribution),
            ("Employer's share of health insurance", self.employer_health),
            ("Your health premium", self.premium),
            ("A whole single-coverage premium", self.single_premium),
            ("Paid vacation", self.pto_days),
            ("Paid holidays", self.holidays),
            ("Bonus", self.bonus),
        ]
        return tuple((label, figure) for label, figure in rows if figure is not None)

    @property
    def match_text(self) -> str:
        return (
            f"{fmt.percent(self.match_rate.value)} of what you put in, up to "
            f"{fmt.percent(self.match_cap.value)} of pay"
        )

    @property
    def health_text(self) -> str:
        return (
            f"{fmt.money(self.employer_health.value)} toward a single-coverage premium, "
            f"you paying {fmt.money(self.premium.value)}"
        )

    @property
    def shares_source(self) -> SourceRef | None:
        return next((share.source for share in self.shares.values() if share.source), None)

    @property
    def shares_text(self) -> str:
        """How words for a plan are read: "most as 80%, about half as 50%, little as 20%"."""
        return ", ".join(
            f"“{HEALTH_WORDS[key]}” as {fmt.percent(share.value)}"
            for key, share in self.shares.items()
        )


@dataclass(frozen=True, kw_only=True)
class Terms:
    """One offer as the reader gave it: None where an answer was left blank."""

    letter: str  # "a", "b" or "c"
    pay: Decimal
    per: str = PER_YEAR
    label: str = ""
    hours: Decimal | None = None  # a week
    overtime_hours: Decimal | None = None  # paid overtime hours a week
    shift_pay: Decimal | None = None  # $ an hour on top of the pay
    shift_hours: Decimal | None = None  # the hours a week it is paid for
    bonus: Decimal | None = None  # $ a year
    match_form: str = ""  # a MATCH_* form; blank: read from the amounts given
    match_pay: Decimal | None = None  # % of pay, for MATCH_OF_PAY
    match_rate: Decimal | None = None  # % of your contribution
    match_cap: Decimal | None = None  # % of pay
    contribution: Decimal | None = None  # % of pay
    health: str = ""  # a HEALTH_* form; blank: read from the amounts given
    premium: Decimal | None = None  # $ per premium_per
    premium_per: str = PER_MONTH
    employer_health: Decimal | None = None  # $ per premium_per
    pto_days: Decimal | None = None
    holidays: Decimal | None = None
    location: str = DEFAULT_LOCATION

    @property
    def name(self) -> str:
        return self.label or f"Offer {self.letter.upper()}"


def match_form(terms: Terms) -> str:
    """How the offer states its match: as chosen, else as the amounts given show
    (links made before the choice existed give only a rate and a cap)."""
    if terms.match_form:
        return terms.match_form
    if terms.match_pay is not None:
        return MATCH_OF_PAY
    if terms.match_rate is not None or terms.match_cap is not None:
        return MATCH_OF_CONTRIBUTION
    return MATCH_UNSTATED


def health_form(terms: Terms) -> str:
    """How the offer states its health insurance; dollars chosen but none given say nothing."""
    given = terms.premium is not None or terms.employer_health is not None
    if terms.health and terms.health != HEALTH_AMOUNTS:
        return terms.health
    return HEALTH_AMOUNTS if given else HEALTH_UNSTATED


@dataclass(frozen=True, kw_only=True)
class MatchReading:
    """An offer's 401(k) match as read: a rate of what you put in, up to a cap on pay."""

    stated: bool
    rate: Decimal | None = None  # % of what you put in
    cap: Decimal | None = None  # % of pay
    of_pay: bool = False  # stated as a share of pay
    mixup: bool = False  # entered as a small share of what you put in, with no cap
    missing: str = ""  # "cap" or "rate": the half an incomplete match leaves out


def read_match(terms: Terms) -> MatchReading:
    form = match_form(terms)
    if form == MATCH_NONE:
        return MatchReading(stated=True, rate=ZERO, cap=ZERO)
    if form == MATCH_OF_PAY:
        if terms.match_pay is None:
            return MatchReading(stated=False)
        return MatchReading(stated=True, rate=HUNDRED, cap=terms.match_pay, of_pay=True)
    if form != MATCH_OF_CONTRIBUTION:
        return MatchReading(stated=False)
    rate, cap = terms.match_rate, terms.match_cap
    if rate is not None and (cap is not None or rate == 0):
        return MatchReading(stated=True, rate=rate, cap=cap if cap is not None else ZERO)
    if rate is not None and rate <= MIXUP_MAX_RATE:
        # "A 3% match" typed as 3% of what you put in, with no cap: taken literally it is
        # 3 cents a dollar without limit, which no offer letter means; "up to 3% of pay"
        # is what such letters mean. The comparison counts that reading and says so
        # beside the verdict, rather than refusing the form: the reader sees her answer at
        # once, with the one change that would make it the literal reading.
        return MatchReading(stated=True, rate=HUNDRED, cap=rate, of_pay=True, mixup=True)
    if rate is not None:
        return MatchReading(stated=False, rate=rate, missing="cap")
    if cap is not None:
        return MatchReading(stated=False, cap=cap, missing="rate")
    return MatchReading(stated=False)


@dataclass(frozen=True, kw_only=True)
class Part:
    """One line of an offer's yearly worth, with how it was worked out."""

    key: str
    label: str
    amount: int  # $ a year; negative for a cost; 0 when not stated
    method: str
    sources: tuple[SourceRef, ...] = ()  # empty: the reader's own figures alone
    assumed: tuple[str, ...] = ()  # the gaps it fills without an employer figure
    stated: bool = True  # False: the offer says nothing, and nothing is counted

    @property
    def amount_text(self) -> str:
        return fmt.money(self.amount) if self.stated else "Not stated"


# What each filled gap is called where the page says a figure rests on it.
ASSUMPTION_NAMES = {
    "hours": "a full-time week",
    "contribution": "putting in enough for the whole match",
}


@dataclass(frozen=True, kw_only=True)
class Worth:
    """An offer's yearly worth, part by part, before any place is considered."""

    terms: Terms
    base: Decimal  # $ a year, unrounded
    hours: Decimal  # a week, overtime apart
    overtime_hours: Decimal
    days_off: Decimal  # paid leave and paid holidays, as stated
    parts: tuple[Part, ...]
    answers: dict[str, Decimal]  # the gaps filled (hours, contribution) as used
    match: MatchReading
    unstated: tuple[str, ...]  # UNSTATED_ITEMS the offer says nothing about

    @property
    def total(self) -> int:
        return sum(part.amount for part in self.parts)

    def part(self, key: str) -> Part:
        return next(part for part in self.parts if part.key == key)

    @property
    def hourly(self) -> Decimal:
        """The base pay per paid hour (days off included): what the pay check places."""
        return self.base / (self.hours * WEEKS_PER_YEAR)

    @property
    def hours_worked(self) -> Decimal:
        """A year's hours, overtime included, less the days off at a day's share."""
        return (self.hours + self.overtime_hours) * (WEEKS_PER_YEAR - self.days_off / DAYS_PER_WEEK)

    @property
    def per_hour_worked(self) -> Decimal:
        return (self.total - self.part(TIME_OFF).amount) / self.hours_worked

    @property
    def note(self) -> str:
        """What the reader should know about how an answer was read, or ""."""
        if not self.match.mixup:
            return ""
        share = fmt.percent(self.match.cap)
        return (
            f"Did you mean a match of up to {share} of pay? {self.terms.name}'s match was "
            f"entered as {share} of what you put in, with no limit. Offer letters that say "
            f"“a {share} match” mean up to {share} of pay, so that is what is counted "
            f"({self.part(MATCH).amount_text} a year). If the offer really adds "
            f"{fmt.number(self.match.cap)} cents for each dollar you put in, give its limit "
            "too (matched up to what share of pay)."
        )


def worth(terms: Terms, *, typical: Typical) -> Worth:
    """Value an offer a year, part by part, counting only what it states."""
    assumed: list[str] = []
    hours = terms.hours
    if hours is None:
        hours = typical.hours.value
        assumed.append("hours")
    hours_text = f"{fmt.number(hours)} hours a week" + (
        " (none given: a full-time week)" if terms.hours is None else ""
    )
    if terms.per == PER_HOUR:
        base, rate = terms.pay * hours * WEEKS_PER_YEAR, terms.pay
        base_method = f"{fmt.hourly(terms.pay)} an hour × {hours_text} × {WEEKS_PER_YEAR} weeks."
    else:
        base, rate = terms.pay, terms.pay / (hours * WEEKS_PER_YEAR)
        base_method = "The yearly pay as offered."
    day = base / WORKING_DAYS_PER_YEAR
    parts = [
        Part(
            key=BASE,
            label="Base pay",
            amount=whole_dollars(base),
            method=base_method,
            assumed=("hours",) if terms.per == PER_HOUR and "hours" in assumed else (),
        ),
        overtime_part(terms, rate=rate, hours_text=hours_text, assumed="hours" in assumed),
        shift_part(terms),
        Part(
            key=BONUS,
            label="Expected bonus",
            amount=whole_dollars(terms.bonus or ZERO),
            method="As offered." if terms.bonus is not None else "Not stated: not counted.",
            stated=terms.bonus is not None,
        ),
    ]
    match = read_match(terms)
    match_part, contribution = valued_match(terms, match, base)
    if match_part.assumed:
        assumed.append("contribution")
    parts.append(match_part)
    parts.append(health_part(terms, typical))
    parts.append(time_off_part(terms, day))
    unstated = [MATCH] if not match.stated else []
    if health_form(terms) == HEALTH_UNSTATED:
        unstated.append(HEALTH)
    unstated.extend(name for name in (PTO, HOLIDAYS, BONUS) if getattr(terms, name) is None)
    answers = {"hours": hours}
    if contribution is not None:
        answers["contribution"] = contribution
    return Worth(
        terms=terms,
        base=base,
        hours=hours,
        overtime_hours=terms.overtime_hours or ZERO,
        days_off=(terms.pto_days or ZERO) + (terms.holidays or ZERO),
        parts=tuple(parts),
        answers=answers,
        match=match,
        unstated=tuple(item for item in UNSTATED_ITEMS if item in unstated),
    )


def overtime_part(terms: Terms, *, rate: Decimal, hours_text: str, assumed: bool) -> Part:
    overtime = terms.overtime_hours or ZERO
    if terms.per == PER_HOUR:
        rate_text = f"{fmt.hourly(rate)} an hour"
    else:
        rate_text = (
            f"{fmt.hourly(rate)} an hour (the salary ÷ {hours_text} × {WEEKS_PER_YEAR} weeks)"
        )
    return Part(
        key=OVERTIME,
        label="Overtime",
        amount=whole_dollars(rate * OVERTIME_RATE * overtime * WEEKS_PER_YEAR),
        method=(
            f"{rate_text} × {fmt.number(OVERTIME_RATE)} × {fmt.number(overtime)} hours a week × "
            f"{WEEKS_PER_YEAR} weeks."
            if overtime
            else "None stated."
        ),
        assumed=("hours",) if overtime and assumed and terms.per == PER_YEAR else (),
    )


def shift_part(terms: Terms) -> Part:
    extra, hours = terms.shift_pay or ZERO, terms.shift_hours or ZERO
    return Part(
        key=SHIFT,
        label="Shift differential",
        amount=whole_dollars(extra * hours * WEEKS_PER_YEAR),
        method=(
            f"{fmt.hourly(extra)} an hour more for {fmt.number(hours)} hours a week × "
            f"{WEEKS_PER_YEAR} weeks."
            if extra and hours
            else "None stated."
        ),
    )


def valued_match(terms: Terms, match: MatchReading, base: Decimal) -> tuple[Part, Decimal | None]:
    """The match's part, and the contribution it counts (None when there is no match)."""
    label = "401(k) match"
    if not match.stated:
        missing = {
            "cap": "the limit (matched up to what share of pay) is not stated",
            "rate": "the rate (what share of what you put in) is not stated",
        }.get(match.missing, "not stated")
        return Part(
            key=MATCH, label=label, amount=0, method=f"Not counted: {missing}.", stated=False
        ), None
    if match.rate == 0 or match.cap == 0:
        return Part(key=MATCH, label=label, amount=0, method="No match, as offered."), None
    given = terms.contribution
    contribution = match.cap if given is None else given
    matched = min(contribution, match.cap)
    amount = whole_dollars(base * matched / HUNDRED * match.rate / HUNDRED)
    if given is None:
        put_in = f"counted as if you put in at least {fmt.percent(match.cap)}"
    else:
        put_in = f"you put in {fmt.percent(given)}"
    if match.of_pay:
        how = f"{fmt.percent(match.cap)} of pay"
        if match.mixup:
            how += f" (entered as {fmt.percent(match.cap)} of what you put in, with no limit)"
        method = f"{how}, {put_in}: {fmt.money(base)} × {fmt.percent(matched)}."
    else:
        method = (
            f"{fmt.percent(match.rate)} of what you put in, up to {fmt.percent(match.cap)} of "
            f"pay; {put_in}: {fmt.money(base)} × {fmt.percent(matched)} × "
            f"{fmt.percent(match.rate)}."
        )
    part = Part(
        key=MATCH,
        label=label,
        amount=amount,
        method=method,
        assumed=("contribution",) if given is None else (),
    )
    return part, contribution


def health_part(terms: Terms, typical: Typical) -> Part:
    """The employer's share of the premium, a year, as the offer states it; what you pay
    is said in its method, not taken off again (the module's docstring says why)."""
    form = health_form(terms)
    label = "Health insurance (employer's share)"
    whole = typical.single_premium

    def counted(employer: Decimal, premium: Decimal, method: str, *sources) -> Part:
        found = tuple(dict.fromkeys(source for source in sources if source))
        if premium:
            method += " What you pay is part of the cover's price, so it is not taken off again."
        return Part(
            key=HEALTH, label=label, amount=whole_dollars(employer), method=method, sources=found
        )

    if form == HEALTH_NONE:
        return counted(ZERO, ZERO, "No health insurance offered.")
    if form in HEALTH_WORDS:
        share = typical.shares[form]
        employer = whole.value * share.value / HUNDRED
        method = (
            f"The employer pays {HEALTH_WORDS[form]} of the premium: read as "
            f"{fmt.percent(share.value)} of a typical single-coverage premium of "
            f"{fmt.money(whole.value)} a year, {fmt.money(employer)}; you pay the rest, "
            f"{fmt.money(whole.value - employer)}."
        )
        return counted(employer, whole.value - employer, method, whole.source, share.source)
    if form == HEALTH_AMOUNTS:
        periods, period_text = PREMIUM_PERIODS[terms.premium_per]

        def yearly(amount: Decimal) -> tuple[Decimal, str]:
            return amount * periods, f"{fmt.hourly(amount)} {period_text}, × {periods} a year"

        if terms.premium is not None and terms.employer_health is not None:
            (premium, mine), (employer, theirs) = (
                yearly(terms.premium),
                yearly(terms.employer_health),
            )
            method = f"Yours: {mine}; the employer's: {theirs}."
            return counted(employer, premium, method)
        # One side given: the other pays the rest of a typical single-coverage premium.
        if terms.premium is not None:
            premium, mine = yearly(terms.premium)
            employer = max(whole.value - premium, ZERO)
            method = (
                f"Yours: {mine}. The employer's share is not given: the rest of a typical "
                f"single-coverage premium of {fmt.money(whole.value)}, {fmt.money(employer)}."
            )
        else:
            employer, theirs = yearly(terms.employer_health)
            premium = max(whole.value - employer, ZERO)
            method = (
                f"The employer's: {theirs}. Your premium is not given: the rest of a typical "
                f"single-coverage premium of {fmt.money(whole.value)}, {fmt.money(premium)}."
            )
        return counted(employer, premium, method, whole.source)
    return Part(key=HEALTH, label=label, amount=0, method="Not stated: not counted.", stated=False)


def time_off_part(terms: Terms, day: Decimal) -> Part:
    pto, holidays = terms.pto_days, terms.holidays
    label = "Paid time off and holidays"
    if pto is None and holidays is None:
        return Part(
            key=TIME_OFF, label=label, amount=0, method="Not stated: not counted.", stated=False
        )
    said = []
    if pto is not None:
        said.append(f"{fmt.number(pto)} days of paid leave")
    if holidays is not None:
        said.append(f"{fmt.number(holidays)} paid holidays")
    days = (pto or ZERO) + (holidays or ZERO)
    unsaid = ""
    if pto is None:
        unsaid = " Paid leave is not stated: not counted."
    elif holidays is None:
        unsaid = " Paid holidays are not stated: not counted."
    return Part(
        key=TIME_OFF,
        label=label,
        amount=whole_dollars(days * day),
        method=f"{' and '.join(said)} at a day's pay ({fmt.money(day)}: base pay ÷ "
        f"{WORKING_DAYS_PER_YEAR}).{unsaid}",
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
    def slip(self) -> str:
        """The pay check's question for a pay far below BLS's figures, in the offer's unit."""
        typed = self.check.hourly if self.terms.per == PER_HOUR else self.worth.base
        return slip_question(
            full_time=self.check.annual,
            typed=typed,
            per=self.terms.per,
            national=self.check.national,
        )

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
        terms, worth = self.terms, self.worth
        hours = f"{fmt.number(worth.hours)} hours a week"
        if terms.hours is None:
            hours += " (assumed)"
        if worth.overtime_hours:
            hours += f" and {fmt.number(worth.overtime_hours)} of overtime"
        if terms.per == PER_HOUR:
            return f"{fmt.hourly(terms.pay)} an hour, {hours}"
        return f"{fmt.money(terms.pay)} a year, {hours}"

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
        return national(self.total, self.place)

    @property
    def national_total_text(self) -> str:
        return fmt.money(self.national_total) if self.national_total is not None else ""


def national(total: int, place: Place) -> int | None:
    """A total in national dollars: ÷ (RPP / 100), or as it is for national pay."""
    if place.is_national:
        return total
    bought = buys(total, place.parity)
    return None if bought is None else whole_dollars(bought)


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
    assumed: tuple[str, ...]  # the filled gaps behind the decider's difference
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
            more = "more" if self.gap < self.decider_gap else "as much"
            text += f", and without that difference {self.runner_up.name} would be worth {more}"
        if self.assumed:
            text += f" (it rests on {' and '.join(self.assumed)})"
        return text + "."


@dataclass(frozen=True, kw_only=True)
class Unstated:
    """An answer an offer leaves unsaid: what a typical employer gives, and what it would do."""

    offer: Valued
    item: str  # one of UNSTATED_ITEMS
    condition: str  # "If Hospital matches like a typical employer (…)"
    amount: int  # $ a year it would add to the offer
    outcome: str  # "Hospital stays ahead"; "" with a single offer
    changes: bool  # it would change which offer is worth the most
    sources: tuple[SourceRef, ...]

    @property
    def label(self) -> str:
        return f"{self.offer.name}, {ITEM_LABELS[self.item].lower()}"

    @property
    def amount_text(self) -> str:
        return f"{'+' if self.amount >= 0 else ''}{fmt.money(self.amount)} a year"

    @property
    def sentence(self) -> str:
        text = f"{self.condition}, {self.amount_text}"
        return text + (f": {self.outcome}." if self.outcome else ".")


@dataclass(frozen=True, kw_only=True)
class Together:
    """Every answer the offers leave unsaid valued at once, as a typical employer gives
    each: gaps too small to change the answer one at a time can change it together."""

    count: int  # how many answers are filled
    leader: str  # who would be worth the most ("A and B" when level)
    gap: int  # $ a year ahead of the next best (in national dollars when compared so)
    changes: bool  # the leader is not the verdict's winner

    @property
    def sentence(self) -> str:
        if not self.gap:
            return (
                f"All {self.count} together: with every answer left unsaid valued as a typical "
                f"employer gives it, {self.leader} would be worth the same."
            )
        outcome = "would come out ahead" if self.changes else "stays ahead"
        return (
            f"All {self.count} together: with every answer left unsaid valued as a typical "
            f"employer gives it, {self.leader} {outcome}, by {fmt.money(self.gap)} a year."
        )


@dataclass(frozen=True, kw_only=True)
class Comparison:
    offers: tuple[Valued, ...]
    verdict: Verdict | None  # None with a single offer
    at_national_prices: bool
    missing_prices: tuple[Place, ...] = field(default=())  # places compared without a parity
    unstated: tuple[Unstated, ...] = ()
    together: Together | None = None  # with two or more offers and two or more gaps

    @property
    def rows(self) -> list[tuple[str, list[tuple[Valued, Part]]]]:
        """Each part's label with every offer's line for it, for a table of offers; overtime
        and a shift differential only when some offer has them."""
        rows = []
        for index, part in enumerate(self.offers[0].worth.parts):
            cells = [(offer, offer.worth.parts[index]) for offer in self.offers]
            if part.key in OCCASIONAL and not any(cell.amount for _, cell in cells):
                continue
            rows.append((part.label, cells))
        return rows

    @property
    def methods(self) -> list[tuple[Valued, list[Part]]]:
        """Each offer with its parts as the page explains them: the rows the table shows."""
        shown = {label for label, _ in self.rows}
        return [
            (offer, [part for part in offer.worth.parts if part.label in shown])
            for offer in self.offers
        ]

    @property
    def notes(self) -> list[str]:
        return [offer.worth.note for offer in self.offers if offer.worth.note]

    @property
    def unstated_groups(self) -> list[tuple[str, list[Unstated]]]:
        """The unsaid answers, those that could change the verdict first."""
        if self.verdict is None:
            return [("", list(self.unstated))] if self.unstated else []
        groups = [
            ("Could change the answer", [item for item in self.unstated if item.changes]),
            ("Would not change it", [item for item in self.unstated if not item.changes]),
        ]
        return [(title, items) for title, items in groups if items]

    @property
    def changing(self) -> int:
        return sum(item.changes for item in self.unstated)

    @property
    def counted_sentence(self) -> str:
        """What the verdict counts, and how many unsaid answers could change it."""
        if not self.unstated:
            return "It counts what you entered, and the offers leave nothing unsaid."
        count = len(self.unstated)
        answers = "1 answer" if count == 1 else f"{count} answers"
        text = f"It counts only what you entered. The offers leave {answers} unsaid"
        if self.verdict is None:
            return text + " (below)."
        changing = self.changing
        if not changing and self.together is not None and self.together.changes:
            return text + (
                "; at what a typical employer gives, none would change it alone, but all of "
                "them together would (below)."
            )
        if not changing and self.together is not None:
            return text + (
                "; at what a typical employer gives, none would change it, alone or together "
                "(below)."
            )
        if not changing:
            return text + "; at what a typical employer gives, none would change it (below)."
        return text + f"; at what a typical employer gives, {changing} could change it (below)."


def rules() -> dict[str, str]:
    """The conventions the method states, as the page says them."""
    return {
        "weeks": str(WEEKS_PER_YEAR),
        "working_days": str(WORKING_DAYS_PER_YEAR),
        "days_a_week": str(DAYS_PER_WEEK),
        "year_hours": fmt.number(HOURS_PER_YEAR),
        "overtime": fmt.number(OVERTIME_RATE),
        "mixup": fmt.percent(MIXUP_MAX_RATE),
        "periods": ", ".join(
            f"{text} × {periods}" for periods, text in PREMIUM_PERIODS.values() if periods > 1
        ),
    }


def value(terms: Terms, *, typical: Typical, tables: Tables) -> Valued:
    """An offer's worth, with its place and the pay check for its hourly rate."""
    found = worth(terms, typical=typical)
    return Valued(
        worth=found,
        place=tables.places[terms.location],
        check=check_pay(amount=found.hourly, per=PER_HOUR, location=terms.location, tables=tables),
    )


def compare(offers: Sequence[Terms], *, typical: Typical, tables: Tables) -> Comparison:
    """Value each offer, and with two or more say which is worth more and why, and what
    each answer left unsaid would do if the offer were typical there.

    Offers in different places are compared in national dollars when every place has a
    price parity (national pay needs none); otherwise in dollars as paid.
    """
    valued = tuple(value(terms, typical=typical, tables=tables) for terms in offers)
    differ = len({offer.place.slug for offer in valued}) > 1
    at_national = differ and all(offer.prices_known for offer in valued)
    missing = tuple(
        dict.fromkeys(offer.place for offer in valued if differ and not offer.prices_known)
    )
    verdict = None
    if len(valued) > 1:
        verdict = judge(valued, at_national_prices=at_national)
    gaps = unstated(valued, verdict, typical=typical, at_national_prices=at_national)
    return Comparison(
        offers=valued,
        verdict=verdict,
        at_national_prices=at_national,
        missing_prices=missing,
        unstated=gaps,
        together=together(valued, verdict, gaps, typical=typical, at_national_prices=at_national),
    )


def together(
    offers: Sequence[Valued],
    verdict: Verdict | None,
    gaps: Sequence[Unstated],
    *,
    typical: Typical,
    at_national_prices: bool,
) -> Together | None:
    """Who would lead with every listed gap filled at once; None with a single offer or
    fewer than two gaps (one gap is its own line already)."""
    if verdict is None or len(gaps) < 2:
        return None
    totals = []
    for offer in offers:
        terms = offer.terms
        for gap in gaps:
            if gap.offer is offer:
                terms = typical_terms(terms, gap.item, typical)
        total = worth(terms, typical=typical).total
        totals.append(national(total, offer.place) if at_national_prices else total)
    ranked = sorted(range(len(offers)), key=lambda index: (-totals[index], index))
    best, gap = totals[ranked[0]], totals[ranked[0]] - totals[ranked[1]]
    leaders = [offers[index] for index in ranked if totals[index] == best]
    return Together(
        count=len(gaps),
        leader=" and ".join(offer.name for offer in leaders),
        gap=gap,
        changes=bool(gap) == verdict.tie or leaders[0] is not verdict.winner,
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
    # A filled gap decides it only where the two offers' answers differ.
    assumed = []
    if decider != PRICES:
        for offer in (winner, runner):
            assumed.extend(
                f"{ASSUMPTION_NAMES[name]} for {offer.name}"
                for name in offer.worth.part(decider).assumed
                if winner.worth.answers.get(name) != runner.worth.answers.get(name)
            )
    return Verdict(
        winner=winner,
        runner_up=runner,
        gap=gap,
        decider=decider,
        decider_gap=gaps[decider],
        decisive=gap > 0 and gap - gaps[decider] <= 0,
        at_national_prices=at_national_prices,
        assumed=tuple(dict.fromkeys(assumed)),
        among=len(offers),
    )


def typical_terms(terms: Terms, item: str, typical: Typical) -> Terms:
    """The offer as if it were typical in one answer it leaves unsaid (keeping any half of
    that answer it does state, such as a match rate without its cap)."""
    if item == MATCH:
        reading = read_match(terms)
        return replace(
            terms,
            match_form=MATCH_OF_CONTRIBUTION,
            match_rate=reading.rate if reading.rate is not None else typical.match_rate.value,
            match_cap=reading.cap if reading.cap is not None else typical.match_cap.value,
            contribution=(
                terms.contribution if terms.contribution is not None else typical.contribution.value
            ),
        )
    if item == HEALTH:
        return replace(
            terms,
            health=HEALTH_AMOUNTS,
            premium_per=PER_YEAR,
            premium=typical.premium.value,
            employer_health=typical.employer_health.value,
        )
    if item == BONUS:
        return replace(terms, bonus=typical.bonus.value)
    return replace(terms, **{item: getattr(typical, item).value})


def typical_condition(offer: Valued, item: str, typical: Typical) -> tuple[str, tuple]:
    """How the page says "if this offer were typical here", and the figures' sources."""
    name, reading = offer.name, offer.worth.match
    if item == MATCH and reading.missing == "cap":
        cap = fmt.percent(typical.match_cap.value)
        return f"If {name}'s match runs up to {cap} of pay, as is typical", (
            typical.match_cap.source,
        )
    if item == MATCH and reading.missing == "rate":
        rate = fmt.percent(typical.match_rate.value)
        return f"If {name} matches {rate} of what you put in, as is typical", (
            typical.match_rate.source,
        )
    if item == MATCH:
        return f"If {name} matches like a typical employer ({typical.match_text})", (
            typical.match_rate.source,
            typical.match_cap.source,
            typical.contribution.source,
        )
    if item == HEALTH:
        condition = (
            f"If {name} pays toward health insurance like a typical employer "
            f"({typical.health_text})"
        )
        return condition, (typical.employer_health.source, typical.premium.source)
    if item == BONUS:
        return f"If {name} pays a bonus at the top of the usual range ({typical.bonus.text})", (
            typical.bonus.source,
        )
    figure = getattr(typical, item)
    what = "paid vacation" if item == PTO else "paid holidays"
    return f"If {name} gives a typical employer's {what} ({figure.text})", (figure.source,)


def unstated(
    offers: Sequence[Valued],
    verdict: Verdict | None,
    *,
    typical: Typical,
    at_national_prices: bool,
) -> tuple[Unstated, ...]:
    """Each answer an offer leaves unsaid, valued as a typical employer gives it, with
    whether that alone would change which offer is worth the most."""

    def standing(offer: Valued, total: int) -> int:
        return national(total, offer.place) if at_national_prices else total

    def what_it_would_do(offers, index: int, new_total: int) -> tuple[str, bool]:
        """Who would lead with one offer's total changed, and whether that is a change."""
        before = [standing(other, other.total) for other in offers]
        after = [*before[:index], new_total, *before[index + 1 :]]
        leaders_before = [
            o for o, total in zip(offers, before, strict=True) if total == max(before)
        ]
        leaders = [o for o, total in zip(offers, after, strict=True) if total == max(after)]
        names = " and ".join(o.name for o in leaders)
        if leaders == leaders_before:
            return (f"{names} stay level" if len(leaders) > 1 else f"{names} stays ahead"), False
        if len(leaders) > 1:
            return f"{names} would be worth the same", True
        return f"{names} would come out ahead", True

    found = []
    for index, offer in enumerate(offers):
        for item in offer.worth.unstated:
            if item in (BONUS, HOLIDAYS) and getattr(typical, item) is None:
                continue
            filled = worth(typical_terms(offer.terms, item, typical), typical=typical)
            amount = filled.total - offer.total
            condition, sources = typical_condition(offer, item, typical)
            outcome, changes = "", False
            if verdict is not None:
                outcome, changes = what_it_would_do(offers, index, standing(offer, filled.total))
            found.append(
                Unstated(
                    offer=offer,
                    item=item,
                    condition=condition,
                    amount=amount,
                    outcome=outcome,
                    changes=changes,
                    sources=tuple(dict.fromkeys(source for source in sources if source)),
                )
            )
    return tuple(found)
