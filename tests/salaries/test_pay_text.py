"""Reading a pay as people write it: "35,000", "$35k", "19.50/hr", "42,000 a year"."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salaries.pay.pay_text import (
    DECIMALS,
    INVALID,
    NEGATIVE,
    TWO_UNITS,
    PayText,
    PayTextError,
    read_pay,
)
from salaries.pay.paycheck import PER_HOUR, PER_YEAR


@pytest.mark.parametrize(
    ("text", "amount", "per"),
    [
        ("35000", Decimal(35000), None),
        ("35,000", Decimal(35000), None),
        ("$35k", Decimal(35000), None),
        ("35K", Decimal(35000), None),
        ("$35.5k", Decimal(35500), None),
        ("19.50/hr", Decimal("19.50"), PER_HOUR),
        ("$19.50 an hour", Decimal("19.50"), PER_HOUR),
        ("$19.50/hour", Decimal("19.50"), PER_HOUR),
        ("19.50 per hour", Decimal("19.50"), PER_HOUR),
        ("$19.50 / hr", Decimal("19.50"), PER_HOUR),
        ("19.50 hourly", Decimal("19.50"), PER_HOUR),
        ("42,000 a year", Decimal(42000), PER_YEAR),
        ("$42,000/yr", Decimal(42000), PER_YEAR),
        ("42k per year", Decimal(42000), PER_YEAR),
        ("42000 annually", Decimal(42000), PER_YEAR),
        ("  $ 1,000,000.00  ", Decimal(1000000), None),
        ("22.5", Decimal("22.5"), None),
        ("\u00a042,000\u00a0A YEAR", Decimal(42000), PER_YEAR),
    ],
)
def test_pay_is_read_as_people_write_it(text, amount, per):
    assert read_pay(text) == PayText(amount=amount, per=per)


def test_scientific_notation_is_read_so_the_range_check_can_refuse_it():
    # "1e999" is a number, just an absurd one: the caller's range check says so.
    assert read_pay("1e999").amount == Decimal("1e999")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("lots", INVALID),
        ("<script>alert(1)</script>", INVALID),
        ("", INVALID),
        ("35,00", INVALID),
        ("3,5000", INVALID),
        ("19.50 a week", INVALID),
        ("NaN", INVALID),
        ("Infinity", INVALID),
        ("1" * 60, INVALID),
        ("k", INVALID),
        ("$", INVALID),
        ("-5", NEGATIVE),
        ("−45,000 a year", NEGATIVE),
        ("$-19.50/hr", NEGATIVE),
        ("19.555", DECIMALS),
        ("1e-999999999", DECIMALS),
        ("$19.50 an hour a year", TWO_UNITS),
        ("42k/yr hourly", TWO_UNITS),
    ],
)
def test_what_cannot_be_a_pay_is_refused_with_a_reason(text, problem):
    with pytest.raises(PayTextError) as refused:
        read_pay(text)
    assert refused.value.problem == problem


def test_the_same_unit_twice_is_not_a_contradiction():
    assert read_pay("19.50/hr hourly") == PayText(amount=Decimal("19.50"), per=PER_HOUR)


@given(st.text(max_size=40))
def test_any_text_is_read_or_refused_never_crashes(text):
    try:
        found = read_pay(text)
    except PayTextError as refused:
        assert refused.problem in {INVALID, NEGATIVE, DECIMALS, TWO_UNITS}
    else:
        assert found.amount >= 0 and found.amount.is_finite()
        assert found.per in {None, PER_HOUR, PER_YEAR}


@given(st.decimals(min_value=0, max_value=10**6, places=2))
def test_a_plain_number_reads_as_itself(amount):
    assert read_pay(str(amount)).amount == amount
    assert read_pay(f"${amount:,} a year") == PayText(amount=amount, per=PER_YEAR)
