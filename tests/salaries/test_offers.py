"""The offer comparison's arithmetic, against hand-worked cases and properties.

The typical figures below stand in for the seed's: a 40-hour week, a 50% match of up to
6% of pay on a 6% contribution, the employer's $7,034 and the worker's $1,401 a year
toward a single-coverage premium of $8,435 (KFF 2023), "most", "about half" and "little"
of it read as 80%, 50% and 20%, 11 days of paid leave (BLS 2023), 9.3 paid holidays (BLS
1997) and bonuses up to $3,000. None of them is counted unless the offer states it. A
day's pay is base pay ÷ 260.
"""

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from salaries.pay.distribution import NATIONAL, STATE, Parity, Place, Release, SourceRef, Wages
from salaries.pay.estimator import Band, Benefits, Employer, Level, Reference, Tables
from salaries.pay.offers import (
    BASE,
    BONUS,
    HEALTH,
    HEALTH_AMOUNTS,
    HEALTH_HALF,
    HEALTH_LITTLE,
    HEALTH_MOST,
    HEALTH_NONE,
    HOLIDAYS,
    MATCH,
    MATCH_NONE,
    MATCH_OF_CONTRIBUTION,
    MATCH_OF_PAY,
    MATCH_UNSTATED,
    OVERTIME,
    PER_HALF_MONTH,
    PER_MONTH,
    PRICES,
    PTO,
    SHIFT,
    TIME_OFF,
    Figure,
    Terms,
    Typical,
    compare,
    worth,
)
from salaries.pay.paycheck import PER_HOUR, PER_YEAR

SOURCE = SourceRef(name="Publisher: Figures", slug="figures", as_of="2023-01-01")
KFF = SourceRef(name="KFF: Premiums", slug="kff", as_of="2023-10-18")
GUIDE = SourceRef(name="This guide: Shares", slug="shares", as_of="2026-12-01")


def figure(value, text: str, source: SourceRef | None = SOURCE) -> Figure:
    return Figure(value=Decimal(value), text=text, basis=f"{text}, on file.", source=source)


TYPICAL = Typical(
    hours=figure(40, "40 hours", source=None),
    match_rate=figure(50, "50%"),
    match_cap=figure(6, "6% of pay"),
    contribution=figure(6, "6% of pay"),
    employer_health=figure(7034, "$7,034 a year", source=KFF),
    premium=figure(1401, "$1,401 a year", source=KFF),
    single_premium=figure(8435, "$8,435 a year", source=KFF),
    shares={
        HEALTH_MOST: figure(80, "80%", source=GUIDE),
        HEALTH_HALF: figure(50, "50%", source=GUIDE),
        HEALTH_LITTLE: figure(20, "20%", source=GUIDE),
    },
    pto_days=figure(11, "11 days"),
    holidays=figure("9.3", "9.3 days"),
    bonus=figure(3000, "$300 to $3,000 a year"),
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
    return {part.key: part.amount for part in worth(terms, typical=TYPICAL).parts}


def compared(*offers: Terms):
    return compare(list(offers), typical=TYPICAL, tables=TABLES)


CLINIC = Terms(
    letter="a",
    label="Clinic",
    pay=Decimal("19.50"),
    per=PER_HOUR,
    hours=Decimal(40),
    match_form=MATCH_OF_PAY,
    match_pay=Decimal(3),
)
HOSPITAL = Terms(letter="b", label="Hospital", pay=Decimal(42000))


# The Columbus case (issue 20) --------------------------------------------------------


def test_a_3_percent_match_of_pay_at_19_50_an_hour_full_time_is_1217_a_year():
    # 19.50 × 2,080 = 40,560; 3% of it = 1,216.80 → 1,217.
    clinic = worth(CLINIC, typical=TYPICAL)
    assert clinic.base == Decimal(40560)
    assert clinic.part(MATCH).amount == 1217
    assert clinic.part(MATCH).method == (
        "3% of pay, counted as if you put in at least 3%: $40,560 × 3%."
    )
    assert clinic.part(MATCH).assumed == ("contribution",)


def test_the_verdict_counts_only_what_each_offer_states():
    # Clinic: 40,560 + 1,217 = 41,777. Hospital: 42,000 and nothing else stated.
    result = compared(CLINIC, HOSPITAL)
    clinic, hospital = result.offers
    assert (clinic.total, hospital.total) == (41777, 42000)
    assert hospital.worth.part(MATCH).amount_text == "Not stated"
    assert not any(part.assumed for part in hospital.worth.parts)
    verdict = result.verdict
    assert verdict.winner is hospital and verdict.gap == 223 and verdict.decider == BASE
    assert verdict.sentence == (
        "Hospital is worth more: $223 a year ($19 a month) more than Clinic; base pay "
        "decides it, and without that difference Clinic would be worth more."
    )


def test_each_unstated_answer_says_what_a_typical_employer_would_change():
    result = compared(CLINIC, HOSPITAL)
    listed = {(item.offer.name, item.item): item for item in result.unstated}
    assert list(listed) == [
        ("Clinic", HEALTH), ("Clinic", PTO), ("Clinic", HOLIDAYS), ("Clinic", BONUS),
        ("Hospital", MATCH), ("Hospital", HEALTH), ("Hospital", PTO), ("Hospital", HOLIDAYS),
        ("Hospital", BONUS),
    ]  # fmt: skip
    # 42,000 × 6% × 50% = 1,260: the hospital only gains.
    match = listed[("Hospital", MATCH)]
    assert (match.amount, match.changes) == (1260, False)
    assert match.sentence == (
        "If Hospital matches like a typical employer (50% of what you put in, up to 6% of "
        "pay), +$1,260 a year: Hospital stays ahead."
    )
    assert match.sources == (SOURCE,)
    # 11 days at 40,560 ÷ 260 = 156 a day: 1,716, more than the 223 between them.
    leave = listed[("Clinic", PTO)]
    assert (leave.amount, leave.changes) == (1716, True)
    assert leave.sentence == (
        "If Clinic gives a typical employer's paid vacation (11 days), +$1,716 a year: "
        "Clinic would come out ahead."
    )
    health = listed[("Clinic", HEALTH)]
    # The employer's typical share alone: the worker's 1,401 pays for the same cover.
    assert health.amount == 7034 and health.sources == (KFF,)
    assert result.changing == 4
    assert result.counted_sentence == (
        "It counts only what you entered. The offers leave 9 answers unsaid; at what a "
        "typical employer gives, 4 could change it (below)."
    )


def test_gaps_that_change_nothing_alone_can_change_the_answer_together():
    # The Columbus job seeker: a hospital states a full package, a clinic only its pay.
    # Riverside: 19.75 × 2,080 = 41,080; 3% of pay 1,232; "most" of 8,435 = 6,748;
    # 15 + 8 days at 41,080 ÷ 260 = 158 a day: 3,634. In all 52,694; its bonus unsaid.
    riverside = Terms(
        letter="a",
        label="Riverside",
        pay=Decimal("19.75"),
        per=PER_HOUR,
        match_form=MATCH_OF_PAY,
        match_pay=Decimal(3),
        health=HEALTH_MOST,
        pto_days=Decimal(15),
        holidays=Decimal(8),
    )
    result = compared(riverside, HOSPITAL)
    assert [offer.total for offer in result.offers] == [52694, 42000]
    assert result.verdict.winner.name == "Riverside"
    # Alone, none of the hospital's five gaps makes up 10,694 (health, 7,034, is the most).
    assert result.changing == 0
    # Together: 42,000 + 1,260 + 7,034 + (11 + 9.3) × 42,000 ÷ 260 = 3,279 + 3,000 = 56,573,
    # against Riverside's 52,694 + a 3,000 bonus = 55,694.
    together = result.together
    assert (together.changes, together.gap, together.count) == (True, 879, 6)
    assert together.sentence == (
        "All 6 together: with every answer left unsaid valued as a typical employer gives "
        "it, Hospital would come out ahead, by $879 a year."
    )
    assert result.counted_sentence == (
        "It counts only what you entered. The offers leave 6 answers unsaid; at what a "
        "typical employer gives, none would change it alone, but all of them together "
        "would (below)."
    )
    # With the hospital's health share stated as nothing, together it stays behind.
    stated = compared(riverside, replace(HOSPITAL, health=HEALTH_NONE))
    assert stated.together.changes is False
    assert stated.together.sentence == (
        "All 5 together: with every answer left unsaid valued as a typical employer gives "
        "it, Riverside stays ahead, by $6,155 a year."
    )
    assert stated.counted_sentence.endswith("none would change it, alone or together (below).")


def test_without_the_deciding_part_the_runner_up_would_be_worth_more_and_says_so():
    # Clinic: 42,000 + a 1,500 bonus = 43,500. Hospital: 19.75 × 2,080 = 41,080, plus a
    # match of 50% up to 6% of it, 1,232: 42,312. The bonus (1,500) decides a 1,188 gap;
    # without it the hospital would be 312 ahead, so "as much" would undersell it.
    clinic = Terms(letter="a", label="Clinic", pay=Decimal(42000), bonus=Decimal(1500))
    hospital = Terms(
        letter="b",
        label="Hospital",
        pay=Decimal("19.75"),
        per=PER_HOUR,
        match_form=MATCH_OF_CONTRIBUTION,
        match_rate=Decimal(50),
        match_cap=Decimal(6),
    )
    verdict = compared(clinic, hospital).verdict
    assert (verdict.gap, verdict.decider, verdict.decider_gap) == (1188, BONUS, 1500)
    assert verdict.sentence.endswith(
        "the bonus decides it, and without that difference Hospital would be worth more."
    )


def test_one_gap_or_one_offer_has_no_together_line():
    assert compared(Terms(letter="a", pay=Decimal(45000))).together is None
    full = {
        "match_form": MATCH_NONE,
        "health": HEALTH_NONE,
        "pto_days": Decimal(10),
        "holidays": Decimal(6),
    }
    one_gap = compared(
        Terms(letter="a", pay=Decimal(45000), bonus=Decimal(0), **full),
        Terms(letter="b", pay=Decimal(44000), **full),
    )
    assert len(one_gap.unstated) == 1 and one_gap.together is None


def test_a_small_match_of_what_you_put_in_with_no_cap_is_read_as_a_cap_on_pay():
    # "A 3% match" typed as 3% of what you put in: read as up to 3% of pay, and said so.
    typed = replace(CLINIC, match_form=MATCH_OF_CONTRIBUTION, match_pay=None, match_rate=Decimal(3))
    clinic = worth(typed, typical=TYPICAL)
    assert clinic.part(MATCH).amount == 1217
    assert clinic.match.mixup
    assert clinic.note.startswith("Did you mean a match of up to 3% of pay?")
    assert "counted ($1,217 a year)" in clinic.note
    # Given with its cap, the same rate is taken as written: 3% of 3% of 40,560 = 36.50.
    literal = worth(replace(typed, match_cap=Decimal(3)), typical=TYPICAL)
    assert literal.part(MATCH).amount == 37 and literal.note == ""


def test_a_link_with_a_rate_and_a_cap_keeps_its_meaning():
    # a_match_rate=100&a_match_cap=3, from before the match had a form: 100% of the
    # first 3% of pay.
    old = replace(CLINIC, match_form="", match_pay=None, match_rate=Decimal(100), match_cap=3)
    clinic = worth(old, typical=TYPICAL)
    assert clinic.part(MATCH).amount == 1217
    assert clinic.part(MATCH).method == (
        "100% of what you put in, up to 3% of pay; counted as if you put in at least 3%: "
        "$40,560 × 3% × 100%."
    )


def test_fifty_percent_up_to_six_percent():
    # 45,000 × 6% × 50% = 1,350.
    terms = Terms(letter="a", pay=Decimal(45000), match_rate=Decimal(50), match_cap=Decimal(6))
    assert amounts(terms)[MATCH] == 1350


def test_a_match_without_its_cap_is_not_counted_but_priced_at_the_typical_cap():
    # 50% of what you put in, cap not given: nothing counted; typical cap 6% gives 1,350.
    offer = Terms(letter="a", pay=Decimal(45000), match_rate=Decimal(50))
    result = compared(offer)
    part = result.offers[0].worth.part(MATCH)
    assert not part.stated and part.amount == 0
    assert "the limit (matched up to what share of pay) is not stated" in part.method
    (match,) = [item for item in result.unstated if item.item == MATCH]
    assert match.amount == 1350
    assert (
        match.sentence == "If Offer A's match runs up to 6% of pay, as is typical, +$1,350 a year."
    )


def test_a_share_of_pay_is_matched_only_as_far_as_you_put_in():
    assert amounts(replace(CLINIC, contribution=Decimal(2)))[MATCH] == 811  # 40,560 × 2%
    assert amounts(replace(CLINIC, contribution=Decimal(10)))[MATCH] == 1217


def test_no_match_is_stated_as_nothing():
    offer = worth(replace(HOSPITAL, match_form=MATCH_NONE), typical=TYPICAL)
    assert offer.part(MATCH).stated and offer.part(MATCH).amount == 0
    assert MATCH not in offer.unstated
    unstated = worth(replace(CLINIC, match_form=MATCH_UNSTATED), typical=TYPICAL)
    assert MATCH in unstated.unstated and unstated.part(MATCH).amount == 0


@pytest.mark.parametrize(
    ("plan", "employer", "yours"),
    [
        # 80%, 50% and 20% of 8,435: 6,748 / 1,687; 4,217.50 / 4,217.50; 1,687 / 6,748.
        (HEALTH_MOST, 6748, "$1,687"),
        (HEALTH_HALF, 4218, "$4,218"),
        (HEALTH_LITTLE, 1687, "$6,748"),
        (HEALTH_NONE, 0, None),
    ],
)
def test_health_insurance_described_in_words(plan, employer, yours):
    offer = worth(replace(HOSPITAL, health=plan), typical=TYPICAL)
    assert offer.part(HEALTH).amount == employer
    assert sum(part.key == HEALTH for part in offer.parts) == 1  # your premium is no part
    assert HEALTH not in offer.unstated
    if plan != HEALTH_NONE:
        assert offer.part(HEALTH).sources == (KFF, GUIDE)
        assert "of a typical single-coverage premium of $8,435 a year" in offer.part(HEALTH).method
        assert f"you pay the rest, {yours}" in offer.part(HEALTH).method
        assert "What you pay is part of the cover's price, so it is not taken off again." in (
            offer.part(HEALTH).method
        )


def test_a_premium_difference_counts_once():
    # The same plan, paid 80% by the hospital and 50% by the clinic: to you they differ by
    # 30% of the premium (6,748 − 4,217.50 = 2,530.50: what you pay more at the clinic),
    # not 60% (as if the employer's larger share and your smaller premium both counted).
    clinic = worth(replace(CLINIC, health=HEALTH_HALF), typical=TYPICAL)
    hospital = worth(replace(HOSPITAL, health=HEALTH_MOST), typical=TYPICAL)
    assert hospital.part(HEALTH).amount - clinic.part(HEALTH).amount == 2530
    assert hospital.total - hospital.part(HEALTH).amount == hospital.base


def test_premium_per_paycheck_and_employer_share_use_the_same_period():
    # 55 twice a month: 55 × 24 = 1,320 a year; the employer's 250 twice a month: 6,000.
    terms = Terms(
        letter="a",
        pay=Decimal(45000),
        premium=Decimal(55),
        employer_health=Decimal(250),
        premium_per=PER_HALF_MONTH,
    )
    offer = worth(terms, typical=TYPICAL)
    assert offer.part(HEALTH).amount == 6000
    assert offer.part(HEALTH).assumed == ()
    assert "× 24 a year" in offer.part(HEALTH).method
    assert "Yours: $55.00 a paycheck twice a month" in offer.part(HEALTH).method
    assert "not taken off again" in offer.part(HEALTH).method


def test_a_premium_given_alone_leaves_the_employer_the_rest_of_a_typical_premium():
    # 40 every two weeks: 1,040 a year; the employer the rest of 8,435: 7,395.
    terms = replace(HOSPITAL, health=HEALTH_AMOUNTS, premium=Decimal(40), premium_per="two-weeks")
    offer = worth(terms, typical=TYPICAL)
    assert offer.part(HEALTH).amount == 7395
    assert "Yours: $40.00 a paycheck every two weeks" in offer.part(HEALTH).method
    assert offer.part(HEALTH).sources == (KFF,)


def test_overtime_at_time_and_a_half_and_a_shift_differential_count_in_pay():
    # 19.50 × 1.5 × 5 × 52 = 7,605; 2.00 × 16 × 52 = 1,664.
    terms = replace(
        CLINIC, overtime_hours=Decimal(5), shift_pay=Decimal(2), shift_hours=Decimal(16)
    )
    offer = worth(terms, typical=TYPICAL)
    assert offer.part(OVERTIME).amount == 7605
    assert offer.part(SHIFT).amount == 1664
    assert offer.part(OVERTIME).method == "$19.50 an hour × 1.5 × 5 hours a week × 52 weeks."
    # 45 hours a week worked, no days off stated: 45 × 52 = 2,340 hours.
    assert offer.hours_worked == Decimal(2340)
    # A salary's hourly rate: 42,000 ÷ (40 × 52) = 20.1923…; × 1.5 × 4 × 52 = 6,300.
    salaried = worth(replace(HOSPITAL, overtime_hours=Decimal(4)), typical=TYPICAL)
    assert salaried.part(OVERTIME).amount == 6300


def test_overtime_and_shift_rows_show_only_when_some_offer_has_them():
    labels = [label for label, _ in compared(CLINIC, HOSPITAL).rows]
    assert "Overtime" not in labels and "Shift differential" not in labels
    with_overtime = compared(replace(CLINIC, overtime_hours=Decimal(5)), HOSPITAL)
    assert "Overtime" in [label for label, _ in with_overtime.rows]


def test_a_yearly_offer_with_nothing_else_stated_is_its_pay():
    offer = worth(Terms(letter="a", pay=Decimal(45000)), typical=TYPICAL)
    assert amounts(offer.terms) == {
        BASE: 45000, OVERTIME: 0, SHIFT: 0, BONUS: 0, MATCH: 0, HEALTH: 0, TIME_OFF: 0,
    }  # fmt: skip
    assert offer.total == 45000
    assert offer.unstated == (MATCH, HEALTH, PTO, HOLIDAYS, BONUS)
    assert [p.amount_text for p in offer.parts if not p.stated] == ["Not stated"] * 4
    # Per hour worked: 45,000 ÷ (40 × 52) = 21.63.
    assert round(offer.per_hour_worked, 2) == Decimal("21.63")


def test_stated_time_off_with_every_answer():
    # 45,000 a year, 11 days and 9.3 holidays: 20.3 × 173.0769 = 3,513.46 → 3,513.
    # Hours worked: 40 × (52 − 20.3 ÷ 5) = 1,917.6; per hour worked 45,000 ÷ 1,917.6.
    terms = Terms(letter="a", pay=Decimal(45000), pto_days=Decimal(11), holidays=Decimal("9.3"))
    offer = worth(terms, typical=TYPICAL)
    assert offer.part(TIME_OFF).amount == 3513
    assert offer.hours_worked == Decimal("1917.6")
    assert round(offer.per_hour_worked, 2) == Decimal("23.47")


def test_hourly_offer_is_hours_times_weeks():
    offer = worth(Terms(letter="b", pay=Decimal("22.50"), per=PER_HOUR), typical=TYPICAL)
    assert offer.base == Decimal(46800)
    assert offer.part(BASE).assumed == ("hours",)
    assert "40 hours a week (none given: a full-time week)" in offer.part(BASE).method
    typed = worth(replace(offer.terms, hours=Decimal(40)), typical=TYPICAL)
    assert typed.part(BASE).assumed == () and "none given" not in typed.part(BASE).method


def test_part_time_hours_scale_hourly_pay_but_not_a_salary():
    # 20 an hour at 30 hours: 20 × 30 × 52 = 31,200. A salary ignores the hours.
    hourly = worth(
        Terms(letter="a", pay=Decimal(20), per=PER_HOUR, hours=Decimal(30)), typical=TYPICAL
    )
    salary = worth(Terms(letter="a", pay=Decimal(31200), hours=Decimal(30)), typical=TYPICAL)
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


def test_a_typed_answer_is_never_labelled_assumed():
    offer = worth(replace(CLINIC, contribution=Decimal(3)), typical=TYPICAL)
    assert not any(part.assumed for part in offer.parts)


def test_the_shared_link_shows_both_yearly_pays_and_a_verdict():
    # 46,800 − 45,000 = 1,800 a year, 150 a month; nothing else is stated.
    result = compared(
        Terms(letter="a", pay=Decimal(45000), per=PER_YEAR),
        Terms(letter="b", pay=Decimal("22.50"), per=PER_HOUR),
    )
    a, b = result.offers
    assert (a.base_text, b.base_text) == ("$45,000", "$46,800")
    assert (a.total, b.total) == (45000, 46800)
    verdict = result.verdict
    assert (verdict.winner, verdict.runner_up, verdict.gap, verdict.monthly) == (b, a, 1800, 150)
    assert verdict.decider == BASE and verdict.decisive and not verdict.at_national_prices
    assert verdict.sentence == (
        "Offer B is worth more: $1,800 a year ($150 a month) more than Offer A; "
        "base pay decides it, and without that difference Offer A would be worth as much."
    )


def test_a_full_time_week_assumed_for_one_offer_only_is_named_in_the_verdict():
    result = compared(
        Terms(letter="a", pay=Decimal(20), per=PER_HOUR, hours=Decimal(30)),
        Terms(letter="b", pay=Decimal(20), per=PER_HOUR),
    )
    assert result.verdict.sentence.endswith("(it rests on a full-time week for Offer B).")


def test_pay_standing_comes_from_the_pay_check_at_the_hourly_rate():
    # 45,000 a year at 40 hours is 21.63 an hour, 45,000 a year on BLS's scale: between
    # the 75th (44,650) and 90th (53,230) percentiles, about the 76th.
    valued = compared(Terms(letter="a", pay=Decimal(45000))).offers[0]
    assert valued.check.national.standing.rounded == 76


def test_offers_in_different_places_compare_in_national_dollars():
    # 50,000 in California (price level 112.6) ÷ 1.126 = 44,404.97 → 44,405, against
    # 45,000 nationally: paid more in California, the national offer buys 595 more.
    result = compared(
        Terms(letter="a", pay=Decimal(50000), location="california"),
        Terms(letter="b", pay=Decimal(45000)),
    )
    california, national = result.offers
    assert (california.total, california.national_total) == (50000, 44405)
    assert national.national_total == national.total == 45000
    verdict = result.verdict
    assert verdict.at_national_prices and verdict.winner is national
    assert verdict.gap == 595 and verdict.decider == PRICES and verdict.decisive
    assert verdict.sentence == (
        "Offer B is worth more at national prices: $595 a year ($50 a month) more than "
        "Offer A; the cost of living decides it, and without that difference Offer A would be "
        "worth more."
    )
    # A typical match in California: 50,000 × 3% = 1,500, ÷ 1.126 → 45,737 > 45,000.
    (match,) = [i for i in result.unstated if i.offer is california and i.item == MATCH]
    assert match.amount == 1500 and match.outcome == "Offer A would come out ahead"


def test_a_place_without_a_price_parity_is_compared_as_paid():
    result = compared(
        Terms(letter="a", pay=Decimal(45000), location="ohio"),
        Terms(letter="b", pay=Decimal(45000), location="california"),
    )
    assert not result.at_national_prices
    assert [place.slug for place in result.missing_prices] == ["ohio"]
    assert result.offers[0].national_total is None
    assert result.verdict.tie


def test_three_offers_name_the_best_against_the_next_best():
    # More days off decide it when pay is the same: C states 21 days of leave,
    # 21 × 45,000 ÷ 260 = 3,634.62 → 3,635 a year, 302.92 → 303 a month.
    result = compared(
        Terms(letter="a", pay=Decimal(45000)),
        Terms(letter="b", pay=Decimal(45000), label="Hospital"),
        Terms(letter="c", pay=Decimal(45000), pto_days=Decimal(21), label="Clinic"),
    )
    verdict = result.verdict
    assert verdict.winner.name == "Clinic" and verdict.runner_up.name == "Offer A"
    assert (verdict.gap, verdict.monthly, verdict.decider) == (3635, 303, TIME_OFF)
    assert verdict.sentence == (
        "Clinic is worth the most: $3,635 a year ($303 a month) more than Offer A, the next "
        "best; paid time off decides it, and without that difference Offer A would be worth "
        "as much."
    )
    # Typical leave for Offer A (11 days, 1,904) leaves Clinic ahead.
    leave = [i for i in result.unstated if i.item == PTO]
    assert [(i.offer.name, i.amount, i.outcome) for i in leave] == [
        ("Offer A", 1904, "Clinic stays ahead"),
        ("Hospital", 1904, "Clinic stays ahead"),
    ]


def test_identical_offers_tie_and_an_unstated_answer_would_break_it():
    result = compared(Terms(letter="a", pay=Decimal(45000)), Terms(letter="b", pay=Decimal(45000)))
    assert result.verdict.tie
    assert result.verdict.sentence == "Offer A and Offer B are worth the same: $45,000 a year each."
    first = result.unstated[0]
    assert first.outcome == "Offer A would come out ahead" and first.changes
    # Filled alike, they stay level.
    assert result.together.changes is False
    assert result.together.sentence.endswith("Offer A and Offer B would be worth the same.")


def test_a_single_offer_has_no_verdict_and_no_outcomes():
    result = compared(Terms(letter="a", pay=Decimal(45000)))
    assert result.verdict is None
    assert all(item.outcome == "" for item in result.unstated)
    assert result.unstated[0].sentence == (
        "If Offer A matches like a typical employer (50% of what you put in, up to 6% of "
        "pay), +$1,350 a year."
    )


# Properties ------------------------------------------------------------------------------

money = st.decimals(min_value=Decimal("0"), max_value=Decimal(200000), places=2)
percent = st.decimals(min_value=Decimal("0"), max_value=Decimal(100), places=1)
days = st.decimals(min_value=Decimal("0"), max_value=Decimal(120), places=1)
hours = st.decimals(min_value=Decimal(1), max_value=Decimal(40), places=1)


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

    form = draw(
        st.sampled_from(["", MATCH_UNSTATED, MATCH_NONE, MATCH_OF_PAY, MATCH_OF_CONTRIBUTION])
    )
    shift = draw(st.booleans())
    return Terms(
        letter=letter,
        pay=pay,
        per=per,
        hours=maybe(hours),
        overtime_hours=maybe(st.decimals(min_value=Decimal(0), max_value=Decimal(40), places=1)),
        shift_pay=draw(money.map(lambda m: m / 1000)) if shift else None,
        shift_hours=draw(hours) if shift else None,
        bonus=maybe(money),
        match_form=form,
        match_pay=maybe(percent),
        match_rate=maybe(st.decimals(min_value=Decimal(0), max_value=Decimal(200), places=1)),
        match_cap=maybe(percent),
        contribution=maybe(percent),
        health=draw(st.sampled_from(["", "unstated", "none", "most", "half", "little", "amounts"])),
        premium=maybe(st.decimals(min_value=Decimal(0), max_value=Decimal(2000), places=2)),
        premium_per=draw(st.sampled_from([PER_MONTH, PER_HALF_MONTH, PER_YEAR])),
        employer_health=maybe(st.decimals(min_value=Decimal(0), max_value=Decimal(2000), places=2)),
        pto_days=maybe(days),
        holidays=maybe(days),
    )


@settings(max_examples=300, deadline=None)
@given(offers(), hours)
def test_hourly_and_yearly_pay_agree_at_the_stated_hours(terms, week):
    hourly = replace(terms, per=PER_HOUR, hours=week, pay=terms.pay / 100)
    yearly = replace(hourly, per=PER_YEAR, pay=hourly.pay * week * 52)
    assert amounts(hourly) == amounts(yearly)


@settings(max_examples=300, deadline=None)
@given(offers())
def test_the_total_is_the_sum_of_its_parts_and_unstated_parts_are_zero(terms):
    offer = worth(terms, typical=TYPICAL)
    assert offer.total == sum(amounts(terms).values())
    assert offer.hours_worked > 0
    assert all(part.amount == 0 for part in offer.parts if not part.stated)


@settings(max_examples=200, deadline=None)
@given(offers())
def test_identical_offers_tie(terms):
    result = compare([terms, replace(terms, letter="b")], typical=TYPICAL, tables=TABLES)
    assert result.verdict.tie and result.verdict.gap == 0


@settings(max_examples=150, deadline=None)
@given(offers(), offers(letter="b"))
def test_an_unstated_answer_changes_the_verdict_only_when_it_closes_the_gap(a, b):
    result = compare([a, b], typical=TYPICAL, tables=TABLES)
    verdict = result.verdict
    for item in result.unstated:
        winner_gains = item.offer is verdict.winner and not verdict.tie
        too_small = item.offer is verdict.runner_up and item.amount < verdict.gap
        if winner_gains or too_small:
            assert not item.changes


# Each answer, once stated, pays more as it grows (with the match stated in full, so that
# the reading of a small rate with no cap does not come into it).
GOOD_THINGS = [
    "pay", "bonus", "match_pay", "match_rate", "match_cap", "contribution", "employer_health",
    "pto_days", "holidays", "overtime_hours", "shift_pay",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(offers(), st.sampled_from(GOOD_THINGS), st.decimals(Decimal("0.1"), Decimal(50), places=1))
def test_more_of_anything_stated_never_lowers_a_total(terms, name, more):
    terms = replace(
        terms, match_rate=terms.match_rate or Decimal(50), match_cap=terms.match_cap or 6
    )
    if name == "employer_health":
        terms = replace(terms, health=HEALTH_AMOUNTS)
    if name == "shift_pay":
        terms = replace(terms, shift_hours=terms.shift_hours or Decimal(8))
    current = getattr(terms, name)
    if current is None:
        current = Decimal(0)
        terms = replace(terms, **{name: current})
    assume(name != "contribution" or terms.match_form != MATCH_UNSTATED)
    assert (
        worth(replace(terms, **{name: current + more}), typical=TYPICAL).total
        >= worth(terms, typical=TYPICAL).total
    )


@settings(max_examples=200, deadline=None)
@given(offers(), st.decimals(Decimal("0.01"), Decimal(500), places=2))
def test_a_higher_premium_never_raises_a_total(terms, more):
    terms = replace(terms, health=HEALTH_AMOUNTS)
    current = terms.premium if terms.premium is not None else Decimal(0)
    higher = replace(terms, premium=current + more)
    lower = replace(terms, premium=current)
    assert worth(higher, typical=TYPICAL).total <= worth(lower, typical=TYPICAL).total


@pytest.mark.parametrize("per", [PER_HOUR, PER_YEAR])
def test_more_days_off_raise_value_per_hour_worked(per):
    pay = Decimal(22) if per == PER_HOUR else Decimal(45000)
    fewer = worth(Terms(letter="a", pay=pay, per=per, pto_days=Decimal(5)), typical=TYPICAL)
    more = worth(Terms(letter="a", pay=pay, per=per, pto_days=Decimal(20)), typical=TYPICAL)
    assert more.per_hour_worked > fewer.per_hour_worked
