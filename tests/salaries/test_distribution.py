"""Where a pay stands in the wage distribution, and the pay check's arithmetic (pure)."""

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salaries.pay.bea import is_bea_table, read_bea_rows
from salaries.pay.distribution import (
    NATIONAL,
    STATE,
    Distribution,
    Parity,
    Place,
    Release,
    SourceRef,
    Wages,
    area_distribution,
    buys,
    ordinal,
)
from salaries.pay.paycheck import PER_HOUR, PER_YEAR, check_pay
from tests.salaries.test_estimator import SEED

SOURCE = SourceRef(name="BLS: OEWS", slug="oews", as_of="2019-05-01")
MAY_2019 = Release(period="May 2019", survey_date="2019-05-01", source=SOURCE)
MAY_2022 = Release(period="May 2022", survey_date="2022-05-01", source=SOURCE)
NATION_2019 = Wages(
    area="99",
    area_title="U.S.",
    kind=NATIONAL,
    release=MAY_2019,
    percentiles=(26180, 30590, 36580, 44650, 53230),
)
NATION_2022 = replace(NATION_2019, release=MAY_2022, percentiles=(None, None, 39740, None, None))
OHIO = Place(slug="ohio", name="Ohio", kind=STATE, oews_area="39")
US = Place(slug="united-states", name="United States", kind=NATIONAL, oews_area="99")
FLAT = Distribution(
    area="the U.S.",
    annual=tuple(Decimal(v) for v in (26180, 30590, 36580, 44650, 53230)),
    release=MAY_2019,
)


def test_the_median_is_called_the_median_and_a_published_percentile_by_its_name():
    assert FLAT.standing(36580).label == "the median (50th percentile)"
    assert FLAT.standing(53230).label == "the 90th percentile"
    assert FLAT.standing(26180).label == "the 10th percentile"
    assert not FLAT.standing(36580).interpolated


def test_between_percentiles_it_interpolates_and_beyond_them_says_so():
    # 40,615 is halfway from the median (36,580) to the 75th (44,650): 50 + 25 × 0.5 = 62.5.
    standing = FLAT.standing(40615)
    assert standing.percentile == Decimal("62.5")
    assert standing.label == "about the 63rd percentile"
    assert standing.interpolated
    assert FLAT.standing(26100).label == "below the 10th percentile"
    assert FLAT.standing(53300).label == "above the 90th percentile"
    assert FLAT.standing(26100).percentile is None


def test_a_pay_within_bls_rounding_of_a_percentile_is_at_it():
    # BLS's May 2019 hourly median, 17.59 × 2,080 = 36,587.20, against its annual 36,580.
    assert FLAT.standing(Decimal("17.59") * 2080).label == "the median (50th percentile)"


def test_pay_at_a_percentile_reads_the_same_straight_lines():
    assert FLAT.pay_at(50) == 36580
    assert FLAT.pay_at(Decimal("62.5")) == 40615
    with pytest.raises(ValueError):
        FLAT.pay_at(95)


def test_ordinals():
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 63, 81)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "63rd", "81st",
    ]  # fmt: skip


def test_percentiles_are_brought_forward_by_the_ratio_of_medians():
    # 39,740 / 36,580 = 1.086386…; 53,230 × that = 57,828.33.
    found = area_distribution(US, (NATION_2019, NATION_2022))
    assert found.forward.to == MAY_2022
    assert found.median == Decimal(39740)
    assert round(found.highest, 2) == Decimal("57828.33")
    assert found.period == "May 2022"
    assert found.release == MAY_2019


def test_an_areas_own_rows_win_and_take_the_national_change_when_it_has_no_newer_median():
    ohio = Wages(
        area="39",
        area_title="Ohio",
        kind=STATE,
        release=MAY_2019,
        percentiles=(24000, 28000, 34000, 41000, 49000),
    )
    found = area_distribution(
        replace(OHIO, parity=Parity(rpp=Decimal(90), year=2023, source=SOURCE)),
        (NATION_2019, NATION_2022, ohio),
    )
    assert found.own_rows and found.area == "Ohio"
    assert found.forward.national
    # 34,000 × 1.086386 = 36,937.1
    assert round(found.median, 1) == Decimal("36937.1")


def test_without_rows_a_price_parity_scales_national_pay_and_without_either_it_is_national():
    parity = Parity(rpp=Decimal("90.0"), year=2023, source=SOURCE)
    scaled = area_distribution(replace(OHIO, parity=parity), (NATION_2019, NATION_2022))
    assert scaled.median == Decimal("35766")  # 39,740 × 0.90
    assert scaled.parity == parity and not scaled.own_rows
    national = area_distribution(OHIO, (NATION_2019, NATION_2022))
    assert national.median == Decimal(39740) and national.parity is None


def test_what_pay_buys_is_pay_over_rpp_over_100():
    assert buys(45000, Parity(rpp=Decimal("112.5"), year=2023, source=SOURCE)) == 40000
    assert buys(45000, None) is None


def test_pay_check_of_21_50_an_hour_nationally():
    # 21.50 × 2,080 = 44,720, between the median (39,740) and the 75th percentile
    # (48,507.14): 50 + 25 × 4,980 / 8,767.14 = 64.2.
    check = check_pay(amount=Decimal("21.50"), per=PER_HOUR, location="united-states", tables=SEED)
    assert check.annual == 44720
    assert check.national.standing.rounded == 64
    assert check.national.where == "about the 64th percentile of medical secretaries nationally"
    assert check.area is None and check.buys is None
    assert check.interpolated
    assert check.typical.profile.years == 5


def test_pay_check_in_a_place_with_a_price_parity():
    # Arkansas, RPP 86.937 (2024): the median is 39,740 × 0.86937 = 34,548.7638, so that
    # much a year is its median; nationally, between the 25th (33,232.55) and the median,
    # it is 25 + 25 × (34,548.76 − 33,232.55) / 6,507.45 ≈ 30.1.
    check = check_pay(amount=Decimal("34548.7638"), per=PER_YEAR, location="arkansas", tables=SEED)
    assert check.area.standing.label == "the median (50th percentile)"
    assert check.national.standing.rounded == 30
    assert check.buys == Decimal("34548.7638") / Decimal("0.86937")


def test_bea_rows_take_the_newest_all_items_figure_of_each_state_and_metro():
    rows = [
        {"GeoFIPS": ' "00000"', "GeoName": "United States", "LineCode": "1", "2023": "100"},
        {"GeoFIPS": ' "39000"', "GeoName": "Ohio", "LineCode": "1", "2022": "92.0", "2023": "92.5"},
        {"GeoFIPS": ' "39000"', "GeoName": "Ohio", "LineCode": "2", "2022": "99", "2023": "98"},
        {"GeoFIPS": ' "91000"', "GeoName": "New England", "LineCode": "1", "2023": "105"},
        {"GeoFIPS": ' "10180"', "GeoName": "Abilene, TX (Metropolitan Statistical Area)",
         "LineCode": "1", "2022": "91.526", "2023": "(NA)"},
        {"GeoFIPS": ' "00999"', "GeoName": "United States (Nonmetropolitan Portion) *",
         "LineCode": "1", "2023": "88.3"},
        {"GeoFIPS": "Note: see the notes", "GeoName": None, "LineCode": None},
    ]  # fmt: skip
    assert is_bea_table(["GeoFIPS", "GeoName", "Region", "TableName", "LineCode", "2023"])
    assert read_bea_rows(rows) == [
        {"area": "39000", "name": "Ohio", "kind": "state", "rpp": Decimal("92.500"), "year": 2023},
        {"area": "10180", "name": "Abilene, TX", "kind": "metro", "rpp": Decimal("91.526"),
         "year": 2022},
    ]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=2_000_000))
def test_standing_never_falls_as_pay_rises(pay):
    lower, higher = FLAT.standing(pay), FLAT.standing(pay + 11)
    order = {"below": 0, "within": 1, "above": 2}
    assert order[lower.side] <= order[higher.side]
    if lower.side == higher.side == "within":
        assert lower.percentile <= higher.percentile
        assert 10 <= lower.percentile <= 90
