"""The salary page's map of the states, through the page readers get."""

import re
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest
from django.utils.html import escape

from salaries.models import AreaType, OewsRelease, OewsWage, PriceParity, Source
from salaries.pages.salary_page import counted
from salaries.pay import formatting as fmt
from salaries.pay import state_map as sm
from salaries.pay.places import STATES, state_slug
from salaries.snapshot import tables_changed
from tests.test_query_counts import count_queries

from .test_salary_page import SVG, salary_page, section

NAMES = dict(STATES)
# Ohio and Texas have BLS rows and no price parity in the seed; California has both.
OWN = {"39": 46000, "48": 41210, "06": 49870}


def add_state_rows(medians: dict[str, int], *, release: OewsRelease | None = None) -> None:
    release = release or OewsRelease.objects.get(survey_date=date(2022, 5, 1))
    OewsWage.objects.bulk_create(
        OewsWage(
            release=release,
            area=code,
            area_title=NAMES[code],
            area_type=AreaType.STATE,
            a_median=median,
        )
        for code, median in medians.items()
    )
    tables_changed()  # bulk_create sends no save signals


@pytest.fixture
def states(guide):
    add_state_rows(OWN)


def map_section(client) -> str:
    return section(salary_page(client), "state-map")


def maps(html: str) -> list[ET.Element]:
    drawings = re.findall(r'<svg class="state-map".*?</svg>', html, re.S)
    return [ET.fromstring(svg) for svg in drawings]


def tiles(svg: ET.Element) -> dict[str, ET.Element]:
    """Each tile's link, by the state's name (its accessible name begins with it)."""
    return {a.get("aria-label").split(":")[0]: a for a in svg.iter(f"{SVG}a")}


def table_rows(html: str) -> dict[str, str]:
    table = html[html.index("<table") : html.index("</table>")]
    rows = re.findall(r'<tr><th scope="row"[^>]*>(.*?)</th>(.*?)</tr>', table, re.S)
    return dict(rows)


def national_median() -> int:
    return OewsWage.objects.get(
        area_type=AreaType.NATIONAL, occ_code="43-6013", release__survey_date=date(2022, 5, 1)
    ).a_median


def test_every_state_and_dc_is_on_both_maps_and_in_the_table(client, states):
    html = map_section(client)
    pay_map, buys_map = maps(html)
    for drawing in (pay_map, buys_map):
        assert sorted(tiles(drawing)) == sorted(NAMES.values())
        labels = [text.text for text in drawing.iter(f"{SVG}text")]
        assert sorted(labels) == sorted(tile.abbreviation for tile in sm.TILES)
    rows = table_rows(html)
    assert sorted(rows) == sorted(escape(name) for name in NAMES.values())
    assert len(rows) == 51


def test_a_state_with_a_bls_row_shows_its_pay_as_published(client, states):
    PriceParity.objects.filter(area="39000").delete()
    html = map_section(client)
    pay_map, buys_map = maps(html)
    ohio = tiles(pay_map)["Ohio"]
    assert ohio.get("aria-label") == "Ohio: $46,000 a year, published"
    assert ohio.find(f"{SVG}title").text == "Ohio: $46,000 a year, published"
    assert ohio.find(f"{SVG}rect").get("class") == "tile tile-published"
    row = table_rows(html)["Ohio"]
    assert ">$46,000</td>" in row
    assert "Published (BLS, May 2022)" in row
    assert 'href="/sources/#source-bls-oews-2022"' in row
    # Ohio has no price level on file: nothing to divide by.
    assert tiles(buys_map)["Ohio"].get("aria-label") == "Ohio: no price level on file"
    assert "not on file" in row


def test_published_pay_after_price_level_divides_by_the_parity(client, states):
    html = map_section(client)
    california = PriceParity.objects.get(area="06000")
    buys = fmt.money(Decimal(49870) / (california.rpp / 100))
    (_, buys_map) = maps(html)
    label = tiles(buys_map)["California"].get("aria-label")
    assert label.startswith(f"California: {buys} a year after price level (published pay")
    row = table_rows(html)["California"]
    assert f">{buys}</td>" in row and ">$49,870</td>" in row
    assert f"{fmt.number(california.rpp.normalize())} ({california.year})" in row
    assert f'href="{california.source.get_absolute_url()}"' in row


def test_a_state_with_only_a_price_parity_shows_this_sites_estimate(client, states):
    html = map_section(client)
    mississippi = PriceParity.objects.get(area="28000")
    estimate = fmt.money(Decimal(national_median()) * mississippi.rpp / 100)
    pay_map, buys_map = maps(html)
    tile = tiles(pay_map)["Mississippi"]
    assert tile.get("aria-label") == f"Mississippi: {estimate} a year, this site's estimate"
    shapes = tile.findall(f"{SVG}rect")
    assert shapes[0].get("class") == "tile tile-estimate"
    assert shapes[1].get("fill").startswith("url(#map-pay-hatch-")  # hatched
    row = table_rows(html)["Mississippi"]
    assert f">{estimate}</td>" in row
    assert ">" + escape("This site's estimate") + "</td>" in row
    # After the price level, an estimate from prices is national pay again.
    assert fmt.money(national_median()) in tiles(buys_map)["Mississippi"].get("aria-label")
    assert "A hatched square is this site’s estimate" in html


def test_a_state_with_neither_reads_not_on_file(client, states):
    PriceParity.objects.filter(area="49000").delete()
    html = map_section(client)
    for drawing in maps(html):
        utah = tiles(drawing)["Utah"]
        assert utah.get("aria-label") == "Utah: not on file"
        assert utah.find(f"{SVG}rect").get("class") == "tile tile-none"
        assert utah.find(f"{SVG}rect").get("fill") is None
    row = table_rows(html)["Utah"]
    assert row.count("not on file") == 2 and "Not on file" in row


def test_each_tile_and_row_links_to_the_estimate_for_its_state(client, states):
    html = map_section(client)
    for drawing in maps(html):
        for name, tile in tiles(drawing).items():
            assert tile.get("href") == f"/salary-estimator/?location={state_slug(name)}"
    rows = table_rows(html)
    for name in NAMES.values():
        assert f'href="/salary-estimator/?location={state_slug(name)}"' in rows[escape(name)]
    # The links lead somewhere: the estimator knows every state by that name.
    response = client.get(f"/salary-estimator/?location={state_slug('Utah')}")
    assert response.status_code == 200
    assert 'value="utah" selected' in response.content.decode()


def legend(html: str) -> list[tuple[int, int, str]]:
    """The key's bins: (low, high, colour)."""
    key = html[html.index('<ul class="map-legend">') : html.index("</ul>")]
    found = re.findall(r'fill="(#[0-9a-f]{6})"/></svg>\$([\d,]+) to \$([\d,]+)</li>', key)
    return [(int(low.replace(",", "")), int(high.replace(",", "")), c) for c, low, high in found]


def test_legend_has_five_bins_covering_every_figure_on_both_maps(client, states):
    html = map_section(client)
    bins = legend(html)
    assert len(bins) == 5
    assert [colour for _, _, colour in bins] == list(sm.PALETTE)
    assert all(high + 1 == low for (_, high, _), (low, _, _) in zip(bins, bins[1:], strict=False))
    for drawing in maps(html):
        for tile in tiles(drawing).values():
            figure = re.search(r"\$([\d,]+) a year", tile.get("aria-label"))
            if figure is None:
                continue
            value = int(figure.group(1).replace(",", ""))
            (colour,) = [c for low, high, c in bins if low <= value <= high]
            assert tile.find(f"{SVG}rect").get("fill") == colour
    assert escape("This site's estimate (hatched, dashed edge)") in html
    assert "Not on file (empty, dotted edge)" in html


def test_map_follows_the_newest_state_release_on_file(client, states):
    source = Source.objects.get(slug="bls-oews-2022")
    newer = OewsRelease.objects.create(slug="may-2025", survey_date=date(2025, 5, 1), source=source)
    add_state_rows({"39": 47500}, release=newer)
    PriceParity.objects.filter(area="48000").delete()
    html = map_section(client)
    pay_map, _ = maps(html)
    assert tiles(pay_map)["Ohio"].get("aria-label") == "Ohio: $47,500 a year, published"
    # Texas's row is from an older survey than the map shows: not on file in this one.
    assert tiles(pay_map)["Texas"].get("aria-label") == "Texas: not on file"
    assert "Published (BLS, May 2025)" in table_rows(html)["Ohio"]


def test_with_no_state_rows_the_map_still_draws_every_state(client, guide):
    html = map_section(client)
    pay_map, _ = maps(html)
    labels = [tile.get("aria-label") for tile in tiles(pay_map).values()]
    assert len(labels) == 51
    assert not any(label.endswith("published") for label in labels)
    assert sum(label.endswith("this site's estimate") for label in labels) == (
        PriceParity.objects.filter(kind="state").count()
    )
    # Only the kinds the map holds are counted: "0 with BLS figures" said nothing.
    estimated = PriceParity.objects.filter(kind="state").count()
    missing = 51 - estimated
    expected = f"Today that is {estimated} estimated" + (
        f" and {missing} not on file" if missing else ""
    )
    assert expected + ", of the 50 states and DC." in html
    assert "0 with BLS figures" not in html


def test_the_map_counts_only_the_kinds_it_holds():
    assert counted(51, 0, 0) == "Today all 51 have BLS figures of their own."
    assert counted(40, 9, 2) == (
        "Today that is 40 with BLS figures, 9 estimated and 2 not on file, of the 50 states and DC."
    )
    assert counted(42, 9, 0) == (
        "Today that is 42 with BLS figures and 9 estimated, of the 50 states and DC."
    )


def test_map_needs_no_inline_styles_or_scripts_and_ids_stay_unique(client, states):
    html = salary_page(client)
    part = map_section(client)
    assert " style=" not in part and "<script" not in part
    assert not re.search(r"\son[a-z]+=", part)
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    for drawing in maps(part):
        assert drawing.get("viewBox") == f"0 0 {sm.COLUMNS * 40} {sm.ROWS * 40}"


def test_page_runs_the_same_queries_however_many_states_are_on_file(client, guide):
    add_state_rows({"39": 46000})
    before = count_queries(client, "/salary/")
    add_state_rows(
        {code: 40000 + index for index, (code, _) in enumerate(STATES) if code != "39"},
    )
    after = count_queries(client, "/salary/")
    assert after == before
    assert "Pennsylvania: $40,0" in map_section(client)  # the rows did arrive
