"""The plain answer first (issue 20): low, typical or high, said in words, with the pay the
middle half of these jobs earn where the reader works."""

from dataclasses import replace
from decimal import Decimal

import pytest

from salaries.pay.distribution import Distribution, Place, Standing
from salaries.pay.paycheck import PER_HOUR, PER_YEAR, Comparison, PayCheck
from tests.salaries.test_distribution import FLAT, MAY_2019

COLUMBUS = Distribution(
    area="Columbus, OH",
    # BLS May 2025, Columbus, OH: 10th, 25th, median, 75th, 90th.
    annual=tuple(Decimal(v) for v in (37960, 39520, 46220, 47960, 54840)),
    release=MAY_2019,
)


@pytest.mark.parametrize(
    "standing, word",
    [
        (Standing(side="below"), "low"),
        (Standing(side="within", percentile=Decimal("24.9")), "low"),
        (Standing(side="within", percentile=Decimal(25), published=True), "typical"),
        (Standing(side="within", percentile=Decimal(75), published=True), "typical"),
        (Standing(side="within", percentile=Decimal("75.1")), "high"),
        (Standing(side="above"), "high"),
    ],
)
def test_a_standing_is_low_typical_or_high_by_the_middle_half(standing, word):
    assert standing.word == word


def check(annual: int, per: str, area: Distribution | None) -> PayCheck:
    national = Comparison(distribution=FLAT, standing=FLAT.standing(annual), national=True)
    near = None
    if area is not None:
        near = Comparison(distribution=area, standing=area.standing(annual), national=False)
    place = Place(slug="columbus", name="Columbus, OH", kind="metro", oews_area="18140")
    return PayCheck(
        annual=Decimal(annual), hourly=Decimal(annual) / 2080, per=per, place=place,
        national=national, area=near, buys=None, typical=None,
    )  # fmt: skip


def test_the_columbus_case_reads_as_typical_there_with_the_middle_half():
    # $19.50 × 2,080 = $40,560: between Columbus's 25th ($39,520) and median ($46,220).
    verdict = check(40560, PER_HOUR, COLUMBUS).verdict
    assert verdict == (
        "$19.50 an hour is typical for medical secretaries and administrative assistants "
        "in Columbus, OH: the middle half of these jobs there pay $39,520–$47,960 a year "
        "($19.00–$23.06 an hour)."
    )


def test_without_figures_for_the_place_the_verdict_says_nationally():
    verdict = check(28000, PER_YEAR, None).verdict
    assert verdict.startswith("$28,000 a year is low for medical secretaries")
    assert "nationally: the middle half of these jobs nationally pay $30,590–$44,650" in verdict


def test_a_pay_above_the_middle_half_is_high():
    assert " is high " in check(50000, PER_YEAR, replace(COLUMBUS)).verdict
