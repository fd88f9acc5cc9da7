"""A pay as people write it: "35,000", "$35k", "19.50/hr", "$19.50 an hour", "42,000 a year".

Pure text reading, no Django: the amount, and the unit when the text names one. Whether
the amount is a believable wage is ``paycheck.pay_problem``'s question, not this one's.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, DecimalException

from salaries.pay.paycheck import PER_HOUR, PER_YEAR

# Why a text is not a pay, for the form to say in its own words.
INVALID = "invalid"
NEGATIVE = "negative"
DECIMALS = "decimals"
TWO_UNITS = "two-units"

# Longer than any pay anyone writes: refused before any pattern looks at it.
MAX_LENGTH = 40
THOUSAND = Decimal(1000)
CENT = Decimal("0.01")

_NUMBER = re.compile(
    r"""(?P<minus>[-\u2212])?\s*\$?\s*(?P<late_minus>[-\u2212])?\s*
    (?P<number>\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+(?:\.\d*)?|\.\d+)
    (?P<exponent>e[-+]?\d+)?
    \s*(?P<thousands>k)?(?P<rest>.*)""",
    re.VERBOSE | re.IGNORECASE | re.ASCII,
)
_PER = r"(?:/|per\b|an?\b|each\b)?\s*"
_UNITS = {
    PER_HOUR: re.compile(rf"^(?:{_PER}(?:hours?|hrs?|h)\b|hourly\b)\s*", re.I | re.A),
    PER_YEAR: re.compile(
        rf"^(?:{_PER}(?:years?|yrs?|annum)\b|yearly\b|annually\b|annual\b)\s*", re.I | re.A
    ),
}


@dataclass(frozen=True)
class PayText:
    amount: Decimal
    per: str | None  # PER_HOUR or PER_YEAR when the text names its unit


class PayTextError(ValueError):
    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def read_pay(text: str) -> PayText:
    """The pay a text states, or PayTextError saying why it states none."""
    text = " ".join(text.split())  # any run of spaces, non-breaking ones too, as one
    if not text or len(text) > MAX_LENGTH:
        raise PayTextError(INVALID)
    found = _NUMBER.fullmatch(text)
    if found is None:
        raise PayTextError(INVALID)
    units = _units(found["rest"])
    if len(set(units)) > 1:
        raise PayTextError(TWO_UNITS)
    if found["minus"] or found["late_minus"]:
        raise PayTextError(NEGATIVE)
    try:
        amount = Decimal(found["number"].replace(",", "") + (found["exponent"] or ""))
        if found["thousands"]:
            amount *= THOUSAND
        # More than two decimal places that are not zeros: a typing slip, not a cent.
        if amount.as_tuple().exponent < -2 and amount != amount.quantize(CENT):
            raise PayTextError(DECIMALS)
    except DecimalException as error:  # beyond what Decimal can hold: no pay
        raise PayTextError(INVALID) from error
    return PayText(amount=amount, per=units[0] if units else None)


def _units(rest: str) -> list[str]:
    """Each unit the words after the number name, in order; INVALID for anything else."""
    units = []
    rest = rest.strip()
    while rest:
        for per, pattern in _UNITS.items():
            matched = pattern.match(rest)
            if matched and matched.end():
                units.append(per)
                rest = rest[matched.end() :]
                break
        else:
            raise PayTextError(INVALID)
    return units
