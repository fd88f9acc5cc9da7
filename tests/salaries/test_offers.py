"""The offer comparison's arithmetic, against hand-worked cases and properties.

The assumptions below are the seed's stated defaults: a 40-hour week, no bonus, a 50%
match of up to 6% of pay on a 6% contribution, the employer's $7,034 and the worker's
$1,401 a year toward a single-coverage premium (KFF 2023), 11 days of paid leave (BLS
2023) and 9.3 paid holidays (BLS 1997). A day's pay is base pay ÷ 260.
"""

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salaries.pay.distribution import NATIONAL, STATE, Parity, Place, Release, SourceRef, Wages
from salaries.pay.estimator import Band, Benefits, Employer, Level, Reference, Tables
from salaries.pay.offers import (
    BASE,
    BONUS,
    HEALTH,
    MATCH,
    PER_HALF_MONTH,
    PER_MONTH,
    PREMIUM,
    PRICES,
    TIME_OFF,
    Assumptions,
    Stated,
    Terms,
    compare,
    worth,
)
from salaries.pay.paycheck import PER_HOUR, PER_YEAR

SOURCE = SourceRef(name="Publisher: Figures", slug="figures", as_of="2023-01-01")
ASSUMED = Assumptions(
    hours=Stated(value=Decimal(40), text="40 hours", basis="A full-time week."),
    bonus=Stated(value=Decimal(0), text="none", basis="None counted."),
    match_rate=Stated(value=Decimal(50), text="50%", basis="A common match.", source=SOURCE),
    match_cap=Stated(value=Decimal(6), text="6%", basis="A common cap.", source=SOURCE),
    contribution=Stated(value=Decimal(6), text="6%", basis="Enough to get it.", source=SOURCE),
    employer_health=Stated(value=Decimal(7034), text="$7,034", basis="KFF average.", source=SOURCE),
    premium=Stated(value=Decimal(1401), text="$1,401", basis="KFF average.", source=SOURCE),
    pto_days=Stated(value=Decimal(11), text="11 days", basis="BLS average.", source=SOURCE),
    holidays=Stated(value=Decimal("9.3"), text="9.3 days", basis="BLS average.", source=SOURCE),
)
RELEASE = Release(period="May 2019", survey_date="2019-05-01", source=SOURCE)
PARITY = Parity(rpp=Decimal("112.6"), year=2023, source=SOURCE)
TABLES = Tables(
    bands=(
        Band(
            name="Entry", slug="entry", source=SOURCE, years_from=0, years_to=None, low=35000,
            high=42000,
        ),
    ),
    education={"diploma": Level(name="Diploma", slug="diploma", source=SOURCE, start_low=35000)},
    employers={
        "chain": Employer(
            name="Chain", slug="chain", source=SOURCE, low=Decimal(0), high=Decimal(0)
        )
    },
    places={
        "united-states": Place(
            slug="united-states", name="United States", kind=NATIONAL, oews_area="99"
        ),
        "california": Place(
            slug="california", name="California", kind=STATE, oews_area="06", parity=PARITY
        ),
        "ohio": Place(slug="ohio", name="Ohio", kind=STATE, oews_area="39"),
    },
    wages=(
        Wages(
            area="99",
            area_title="U.S.",
            kind=NATIONAL,
            release=RELEASE,
            percentiles=(26180, 30590, 36580, 44650, 53230),
        ),
    ),
    benefits=Benefits(
        source=SOURCE,
        match_rate=Decimal(50),
        match_cap=Decimal(6),
        default_contribution=Decimal(6),
        bonus_low=300,
        bonus_high=3000,
        bonus_source=SOURCE,
        health_insurance_value=7034,
        health_source=SOURCE,
        pto_days=11,
        pto_source=SOURCE,
    ),
    reference=Reference(median=45160, source=SOURCE),
)  # fmt: skip


def amounts(terms: Terms) -> dict[str, int]:
    return {part.key: part.amount for part in worth(terms, assumptions=ASSUMED).parts}


def test_yearly_offer_with_every_default():
    # 45,000 a year. Match: 45,000 × 6% × 50% = 1,350. Time off: (11 + 9.3) days × a
    # day's pay of 45,000 ÷ 260 = 173.0769… → 20.3 × 173.0769 = 3,513.46 → 3,513.
    # Total: 45,000 + 0 + 1,350 + 7,034 − 1,401 + 3,513 = 55,496.
    offer = worth(Terms(letter="a", pay=Decimal(45000)), assumptions=ASSUMED)
    assert amounts(offer.terms) == {
        BASE: 45000,
        BONUS: 0,
        MATCH: 1350,
        HEALTH: 7034,
        PREMIUM: -1401,
        TIME_OFF: 3513,
    }
    assert offer.total == 55496
    # Hours worked: 40 × (52 − 20.3 ÷ 5) = 40 × 47.94 = 1,917.6.
    # Per hour worked: (55,496 − 3,513) ÷ 1,917.6 = 51,983 ÷ 1,917.6 = 27.108…
    assert offer.hours_worked == Decimal("1917.6")
    assert round(offer.per_hour_worked, 2) == Decimal("27.11")


def test_hourly_offer_is_hours_times_weeks():
    # 22.50 × 40 × 52 = 46,800. Match 46,800 × 3% = 1,404. A day: 46,800 ÷ 260 = 180,
    # time off 20.3 × 180 = 3,654. Total 46,800 + 1,404 + 7,034 − 1,401 + 3,654 = 57,491.
    offer = worth(Terms(letter="b", pay=Decimal("22.50"), per=PER_HOUR), assumptions=ASSUMED)
    assert offer.base == Decimal(46800)
    assert offer.part(TIME_OFF).amount == 3654
    assert offer.total == 57491


def test_part_time_hours_scale_hourly_pay_but_not_a_salary():
    # 20 an hour at 30 hours: 20 × 30 × 52 = 31,200. A salary ignores the hours.
    hourly = worth(
        Terms(letter="a", pay=Decimal(20), per=PER_HOUR, hours=Decimal(30)), assumptions=ASSUMED
    )
    salary = worth(Terms(letter="a", pay=Decimal(31200), hours=Decimal(30)), assumptions=ASSUMED)
    assert hourly.base == salary.base == Decimal(31200)
    assert hourly.hourly == Decimal(20)


def test_match_counts_only_up_to_its_cap():
    # 4% match cap, 10% contribution, 100% rate on 50,000: 50,000 × 4% × 100% = 2,000.
    terms = Terms(
        letter="a",
        pay=Decimal(50000),
        match_rate=Decimal(100),
        match_cap=Decimal(4),
        contribution=Decimal(10),
    )
    assert amounts(terms)[MATCH] == 2000
    # Putting in less than the cap gets less: 2% × 100% of 50,000 = 1,000.
    assert amounts(replace(terms, contribution=Decimal(2)))[MATCH] == 1000


def test_premium_per_paycheck_and_employer_share_use_the_same_period():
    # 55 twice a month: 55 × 24 = 1,320 a year; the employer's 250 twice a month: 6,000.
    terms = Terms(
        letter="a",
        pay=Decimal(45000),
        premium=Decimal(55),
        employer_health=Decimal(250),
        premium_per=PER_HALF_MONTH,
    )
    offer = worth(terms, assumptions=ASSUMED)
    assert offer.part(PREMIUM).amount == -1320
    assert offer.part(HEALTH).amount == 6000
    assert offer.part(PREMIUM).assumed == ()
    assert "× 24 a year" in offer.part(PREMIUM).method


def test_blank_answers_are_named_as_stated_defaults_with_their_sources():
    offer = worth(Terms(letter="a", pay=Decimal(45000), pto_days=Decimal(15)), assumptions=ASSUMED)
    time_off = offer.part(TIME_OFF)
    assert time_off.assumed == ("holidays",)
    assert time_off.sources == (SOURCE,)
    assert offer.part(BASE).sources == ()
    assert offer.part(MATCH).assumed == ("match_rate", "match_cap", "contribution")


def test_the_shared_link_shows_both_yearly_pays_and_a_verdict():
    # The two offers above: 57,491 − 55,496 = 1,995 a year, 166.25 → 166 a month.
    result = compare(
        [
            Terms(letter="a", pay=Decimal(45000), per=PER_YEAR),
            Terms(letter="b", pay=Decimal("22.50"), per=PER_HOUR),
        ],
        assumptions=ASSUMED,
        tables=TABLES,
    )
    a, b = result.offers
    assert (a.base_text, b.base_text) == ("$45,000", "$46,800")
    assert (a.total, b.total) == (55496, 57491)
    verdict = result.verdict
    assert (verdict.winner, verdict.runner_up, verdict.gap, verdict.monthly) == (b, a, 1995, 166)
    assert verdict.decider == BASE and not verdict.decisive and not verdict.at_national_prices
    assert verdict.sentence == (
        "Offer B is worth more: $1,995 a year ($166 a month) more than Offer A; "
        "base pay decides it."
    )


def test_pay_standing_comes_from_the_pay_check_at_the_hourly_rate():
    # 45,000 a year at 40 hours is 21.63 an hour, 45,000 a year on BLS's scale: between
    # the 75th (44,650) and 90th (53,230) percentiles, about the 76th.
    valued = compare(
        [Terms(letter="a", pay=Decimal(45000))], assumptions=ASSUMED, tables=TABLES
    ).offers[0]
    assert valued.check.national.standing.rounded == 76


def test_offers_in_different_places_compare_in_national_dollars():
    # 50,000 in California (price level 112.6) against 45,000 nationally.
    # California: 50,000 + 1,500 + 7,034 − 1,401 + 20.3 × 192.3077 (3,903.85 → 3,904)
    # = 61,037, ÷ 1.126 = 54,206.93 → 54,207. National: 55,496 as above.
    # Paid more in California, the national offer buys 1,289 more; prices decide it.
    result = compare(
        [
            Terms(letter="a", pay=Decimal(50000), location="california"),
            Terms(letter="b", pay=Decimal(45000)),
        ],
        assumptions=ASSUMED,
        tables=TABLES,
    )
    california, national = result.offers
    assert (california.total, california.national_total) == (61037, 54207)
    assert national.national_total == national.total == 55496
    verdict = result.verdict
    assert verdict.at_national_prices and verdict.winner is national
    assert verdict.gap == 1289 and verdict.decider == PRICES and verdict.decisive
    assert verdict.sentence == (
        "Offer B is worth more at national prices: $1,289 a year ($107 a month) more than "
        "Offer A; the cost of living decides it, and without that difference Offer A would be "
        "worth as much."
    )


def test_a_place_without_a_price_parity_is_compared_as_paid():
    result = compare(
        [
            Terms(letter="a", pay=Decimal(45000), location="ohio"),
            Terms(letter="b", pay=Decimal(45000), location="california"),
        ],
        assumptions=ASSUMED,
        tables=TABLES,
    )
    assert not result.at_national_prices
    assert [place.slug for place in result.missing_prices] == ["ohio"]
    assert result.offers[0].national_total is None
    assert result.verdict.tie


def test_three_offers_name_the_best_against_the_next_best():
    # More days off decide it when pay is the same: C has 10 more days than A and B,
    # 10 × 45,000 ÷ 260 = 1,730.77 → time off 3,513 + 1,731 = 5,244 (20.3 + 10 days:
    # 30.3 × 173.0769 = 5,244.23 → 5,244), so 1,731 more a year, 144.25 → 144 a month.
    result = compare(
        [
            Terms(letter="a", pay=Decimal(45000)),
            Terms(letter="b", pay=Decimal(45000), label="Hospital"),
            Terms(letter="c", pay=Decimal(45000), pto_days=Decimal(21), label="Clinic"),
        ],
        assumptions=ASSUMED,
        tables=TABLES,
    )
    verdict = result.verdict
    assert verdict.winner.name == "Clinic" and verdict.runner_up.name == "Offer A"
    assert (verdict.gap, verdict.monthly, verdict.decider) == (1731, 144, TIME_OFF)
    assert verdict.sentence == (
        "Clinic is worth the most: $1,731 a year ($144 a month) more than Offer A, the next "
        "best; paid time off decides it, and without that difference Offer A would be worth "
        "as much (it rests on the stated default for paid leave)."
    )


def test_identical_offers_tie_and_say_so():
    result = compare(
        [Terms(letter="a", pay=Decimal(45000)), Terms(letter="b", pay=Decimal(45000))],
        assumptions=ASSUMED,
        tables=TABLES,
    )
    assert result.verdict.tie
    assert result.verdict.sentence == (
        "Offer A and Offer B are worth the same: $55,496 a year each."
    )


def test_a_single_offer_has_no_verdict():
    result = compare([Terms(letter="a", pay=Decimal(45000))], assumptions=ASSUMED, tables=TABLES)
    assert result.verdict is None


# Properties ------------------------------------------------------------------------------

money = st.decimals(min_value=Decimal("0"), max_value=Decimal(200000), places=2)
percent = st.decimals(min_value=Decimal("0"), max_value=Decimal(100), places=1)
days = st.decimals(min_value=Decimal("0"), max_value=Decimal(120), places=1)


@st.composite
def offers(draw, letter: str = "a") -> Terms:
    per = draw(st.sampled_from([PER_HOUR, PER_YEAR]))
    pay = draw(
        st.decimals(min_value=Decimal(1), max_value=Decimal(480), places=2)
        if per == PER_HOUR
        else st.decimals(min_value=Decimal(2080), max_value=Decimal(1000000), places=2)
    )

    def maybe(strategy):
        return draw(st.none() | strategy)

    return Terms(
        letter=letter,
        pay=pay,
        per=per,
        hours=maybe(st.decimals(min_value=Decimal(1), max_value=Decimal(80), places=1)),
        bonus=maybe(money),
        match_rate=maybe(st.decimals(min_value=Decimal(0), max_value=Decimal(200), places=1)),
        match_cap=maybe(percent),
        contribution=maybe(percent),
        premium=maybe(st.decimals(min_value=Decimal(0), max_value=Decimal(2000), places=2)),
        premium_per=draw(st.sampled_from([PER_MONTH, PER_HALF_MONTH, PER_YEAR])),
        employer_health=maybe(st.decimals(min_value=Decimal(0), max_value=Decimal(2000), places=2)),
        pto_days=maybe(days),
        holidays=maybe(days),
    )


@settings(max_examples=300, deadline=None)
@given(offers(), st.decimals(min_value=Decimal(1), max_value=Decimal(80), places=1))
def test_hourly_and_yearly_pay_agree_at_the_stated_hours(terms, hours):
    hourly = replace(terms, per=PER_HOUR, hours=hours, pay=terms.pay / 100)
    yearly = replace(hourly, per=PER_YEAR, pay=hourly.pay * hours * 52)
    assert amounts(hourly) == amounts(yearly)


@settings(max_examples=300, deadline=None)
@given(offers())
def test_the_total_is_the_sum_of_its_parts(terms):
    offer = worth(terms, assumptions=ASSUMED)
    assert offer.total == sum(amounts(terms).values())
    assert offer.hours_worked > 0


@settings(max_examples=200, deadline=None)
@given(offers())
def test_identical_offers_tie(terms):
    result = compare([terms, replace(terms, letter="b")], assumptions=ASSUMED, tables=TABLES)
    assert result.verdict.tie and result.verdict.gap == 0


GOOD_THINGS = [
    "pay", "hours", "bonus", "match_rate", "match_cap", "contribution", "employer_health",
    "pto_days", "holidays",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(offers(), st.sampled_from(GOOD_THINGS), st.decimals(Decimal("0.1"), Decimal(50), places=1))
def test_more_of_anything_never_lowers_a_total(terms, name, more):
    current = getattr(terms, name)
    if current is None:
        current = ASSUMED.named(name).value
    assert (
        worth(replace(terms, **{name: current + more}), assumptions=ASSUMED).total
        >= worth(terms, assumptions=ASSUMED).total
    )


@settings(max_examples=200, deadline=None)
@given(offers(), st.decimals(Decimal("0.01"), Decimal(500), places=2))
def test_a_higher_premium_never_raises_a_total(terms, more):
    current = terms.premium if terms.premium is not None else Decimal(0)
    higher = replace(terms, premium=current + more)
    lower = replace(terms, premium=current)
    assert worth(higher, assumptions=ASSUMED).total <= worth(lower, assumptions=ASSUMED).total


@pytest.mark.parametrize("per", [PER_HOUR, PER_YEAR])
def test_more_days_off_raise_value_per_hour_worked(per):
    pay = Decimal(22) if per == PER_HOUR else Decimal(45000)
    fewer = worth(Terms(letter="a", pay=pay, per=per, pto_days=Decimal(5)), assumptions=ASSUMED)
    more = worth(Terms(letter="a", pay=pay, per=per, pto_days=Decimal(20)), assumptions=ASSUMED)
    assert more.per_hour_worked > fewer.per_hour_worked
