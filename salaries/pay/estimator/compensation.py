"""Total compensation: base pay plus bonus, 401(k) match, health insurance, paid vacation
and paid holidays."""

from dataclasses import dataclass
from decimal import Decimal

from salaries.pay import formatting as fmt
from salaries.pay.distribution import SourceRef
from salaries.pay.estimator.constants import HUNDRED, WORKING_DAYS_PER_YEAR, whole_dollars
from salaries.pay.estimator.rows import Benefits, Employer
from salaries.pay.estimator.steps import Span


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


def total_compensation(
    *, typical: Decimal, contribution: Decimal | None, benefits: Benefits, employer: Employer
) -> Compensation:
    """Base pay plus bonus, 401(k) match, health insurance, paid vacation and paid holidays,
    each rounded once.

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
        workers = access.medical_workers
        insured = f" Counted at {fmt.percent(medical)}: the share of {workers} offered one."
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
        days_off("Paid vacation", benefits.pto_days, day, benefits.pto_source),
    )
    if benefits.holidays is not None:
        items += (days_off("Paid holidays", benefits.holidays, day, benefits.holidays_source),)
    return Compensation(items=items, contribution=contribution, employer=employer)


def days_off(label: str, days: Decimal | int, day: Decimal, source: SourceRef | None) -> PayItem:
    """Paid days off valued at a day's pay."""
    return PayItem(
        label=label,
        detail=f"{fmt.number(days)} days at a day's pay ({fmt.money(day)}).",
        amount=whole_dollars(days * day),
        source=source,
    )
