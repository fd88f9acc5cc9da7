"""The estimator's fixed numbers and its two roundings (to the dollar and to the cent)."""

from decimal import ROUND_HALF_UP, Decimal

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
# The statistics row of paid holidays a year that the estimate and the offer comparison count.
HOLIDAYS_STATISTIC = "paid-holidays"

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
DOLLAR = Decimal(1)
ZERO = Decimal(0)


def whole_dollars(amount: Decimal) -> int:
    return int(amount.quantize(DOLLAR, rounding=ROUND_HALF_UP))


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)
