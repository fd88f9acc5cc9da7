"""The map of the states: its grid, its figures, its colours (pure arithmetic)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salaries.pay import state_map as sm
from salaries.pay.places import STATES, state_slug


def test_every_state_and_dc_has_one_tile_of_its_own():
    codes = [tile.code for tile in sm.TILES]
    assert sorted(codes) == sorted(code for code, _ in STATES)
    positions = {(tile.column, tile.row) for tile in sm.TILES}
    assert len(positions) == len(STATES) == 51
    assert len({tile.abbreviation for tile in sm.TILES}) == 51
    assert max(tile.column for tile in sm.TILES) < sm.COLUMNS
    assert max(tile.row for tile in sm.TILES) < sm.ROWS


def test_grid_keeps_neighbours_where_readers_expect_them():
    at = {tile.abbreviation: (tile.column, tile.row) for tile in sm.TILES}
    assert at["WA"][0] < at["MT"][0] < at["MN"][0] < at["NY"][0] < at["ME"][0]
    assert at["ME"][1] < at["NH"][1] < at["MA"][1] < at["CT"][1]  # the northeast goes down
    assert at["TX"][1] > at["OK"][1] > at["KS"][1] > at["NE"][1] > at["SD"][1] > at["ND"][1]
    assert at["FL"][1] > at["GA"][1]
    assert at["CA"] < at["NV"]  # the west coast is the first column


def test_figures_say_published_estimate_or_not_on_file():
    figures = sm.state_figures(
        own={"39": 46000},
        national=Decimal(40000),
        parities={
            "39": sm.PriceLevel(Decimal("90"), 2023),
            "06": sm.PriceLevel(Decimal("112.6"), 2023),
        },
        slugs={"06": "california"},
    )
    by_code = {figure.code: figure for figure in figures}
    assert len(figures) == 51
    ohio, california, utah = by_code["39"], by_code["06"], by_code["49"]
    assert (ohio.pay, ohio.grade, ohio.buys) == (Decimal(46000), sm.PUBLISHED, Decimal(51111))
    assert (california.pay, california.grade) == (Decimal(45040), sm.ESTIMATE)
    # An estimate from prices buys exactly national pay: it assumed pay follows prices.
    assert california.buys == Decimal(40000)
    assert (utah.pay, utah.grade, utah.buys) == (None, sm.NOT_ON_FILE, None)
    assert california.slug == "california"
    assert utah.slug == state_slug("Utah") == "utah"
    assert ohio.name == "Ohio" and ohio.abbreviation == "OH"


def test_without_national_pay_a_state_with_only_a_parity_is_not_on_file():
    figures = sm.state_figures(
        own={}, national=None, parities={"06": sm.PriceLevel(Decimal("112.6"), 2023)}, slugs={}
    )
    assert {figure.grade for figure in figures} == {sm.NOT_ON_FILE}


def test_bins_are_five_round_steps_covering_every_value():
    bins = sm.bins([Decimal(36580), Decimal(51111), Decimal(44000)])
    assert len(bins) == 5
    assert bins[0].low == 36000
    assert all(b.high + 1 == following.low for b, following in zip(bins, bins[1:], strict=False))
    assert {b.high - b.low + 1 for b in bins} == {4000}  # 15,112 dollars in five steps
    assert bins[-1].high >= 51111
    assert [b.colour for b in bins] == list(sm.PALETTE)


def test_no_values_give_no_bins_and_one_value_still_has_a_bin():
    assert sm.bins([]) == ()
    (found,) = {sm.bin_for(Decimal(40000), sm.bins([Decimal(40000)]))}
    assert found.low <= 40000 <= found.high


@given(st.lists(st.integers(min_value=1, max_value=500_000), min_size=1, max_size=60))
def test_every_value_falls_in_exactly_one_bin(values):
    bins = sm.bins([Decimal(v) for v in values])
    for value in values:
        assert sum(b.low <= value <= b.high for b in bins) == 1
        assert sm.bin_for(Decimal(value), bins) is not None


def test_bin_for_rounds_to_the_dollar_as_the_figure_reads():
    bins = sm.bins([Decimal(36000), Decimal(50000)])
    edge = bins[0].high
    assert sm.bin_for(Decimal(edge) + Decimal("0.4"), bins) == bins[0]
    assert sm.bin_for(Decimal(edge) + Decimal("0.6"), bins) == bins[1]


@pytest.mark.parametrize("colour", sm.PALETTE)
def test_tile_labels_reach_aa_contrast_on_every_colour(colour):
    ink = sm.ink_for(colour)
    assert ink in (sm.DARK_INK, sm.LIGHT_INK)
    assert sm.contrast(colour, ink) >= 4.5


def test_palette_runs_light_to_dark():
    lightness = [sm.luminance(colour) for colour in sm.PALETTE]
    assert lightness == sorted(lightness, reverse=True)
    assert sm.contrast("#ffffff", "#000000") == pytest.approx(21)
