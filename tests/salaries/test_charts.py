import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest

from salaries.pages.charts import line_chart, range_chart

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def children(root: ET.Element, tag: str, css: str | None = None) -> list[ET.Element]:
    """Direct children of the chart (so the legend's samples are left out)."""
    return [node for node in root.findall(f"{SVG}{tag}") if css is None or node.get("class") == css]


def texts(root: ET.Element) -> list[str]:
    return [node.text for node in root.iter(f"{SVG}text")]


def bars(root: ET.Element) -> list[tuple[float, float]]:
    return [(float(b.get("x")), float(b.get("width"))) for b in children(root, "rect", "bar")]


BANDS = [
    ("Entry level (0–2 years)", 35000, 42000, False),
    ("Mid-career (3–7 years)", 43000, 55000, False),
    ("Senior or lead (8+ years)", 56000, 70000, True),
]
RELEASES = [
    (date(2019, 5, 1), "May 2019", 36580, 26180, 53230),
    (date(2022, 5, 1), "May 2022", 39740, None, None),
]


@pytest.mark.parametrize(
    "svg",
    [
        range_chart(BANDS, title="Pay by experience", description="Three bands."),
        line_chart(RELEASES, title="BLS pay", description="Two releases."),
    ],
    ids=["range", "line"],
)
def test_chart_is_well_formed_svg_labelled_by_its_title_and_description(svg):
    root = parse(svg)
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert title.text and desc.text
    assert root.get("viewBox").startswith("0 0 ")
    assert "style" not in svg


def test_charts_with_different_titles_get_different_ids():
    first = parse(range_chart(BANDS, title="One", description="d"))
    second = parse(range_chart(BANDS, title="Two", description="d"))
    assert first.find(f"{SVG}title").get("id") != second.find(f"{SVG}title").get("id")


def test_range_bars_are_as_wide_as_their_range_and_start_at_their_low_value():
    root = parse(
        range_chart(
            [("A", 0, 10000, False), ("B", 10000, 30000, False), ("C", 20000, 60000, False)],
            title="t",
            description="d",
        )
    )
    (x_a, width_a), (x_b, width_b), (x_c, width_c) = bars(root)
    assert width_b == pytest.approx(2 * width_a, abs=0.2)
    assert width_c == pytest.approx(4 * width_a, abs=0.2)
    # Zero sits at the left edge, so each bar's start is its low value on the same scale.
    assert x_b - x_a == pytest.approx(width_a, abs=0.2)
    assert x_c - x_a == pytest.approx(2 * width_a, abs=0.2)


def test_range_chart_labels_each_row_with_its_figures():
    labels = texts(parse(range_chart(BANDS, title="t", description="d")))
    assert "Entry level (0–2 years)" in labels
    assert "$35,000–$42,000" in labels
    assert "$56,000–$70,000+" in labels


def test_open_ended_range_gets_an_arrow_past_its_high_end():
    root = parse(range_chart(BANDS, title="t", description="d"))
    (arrow,) = children(root, "path", "range")
    x, width = bars(root)[-1]
    assert arrow.get("d").startswith(f"M{x + width + 2:g} ")


def test_long_label_moves_the_figures_to_a_line_of_their_own():
    long_label = "A very long name for an experience band that fills the line"
    root = parse(range_chart([(long_label, 1000, 2000, False)], title="t", description="d"))
    label, figures = children(root, "text")[:2]
    assert float(figures.get("y")) > float(label.get("y"))


def test_range_chart_escapes_its_text():
    svg = range_chart([("<b>&", 1, 2, False)], title="A & B", description="<i>")
    root = parse(svg)
    assert "<b>&" in texts(root)
    assert root.find(f"{SVG}title").text == "A & B"


def test_range_chart_accepts_decimal_figures():
    root = parse(
        range_chart([("A", Decimal("10.5"), Decimal("21"), False)], title="t", description="d")
    )
    assert len(bars(root)) == 1


@pytest.mark.parametrize("chart", [range_chart, line_chart])
def test_empty_chart_still_renders_with_a_message(chart):
    root = parse(chart([], title="Nothing yet", description="No rows."))
    assert root.find(f"{SVG}title").text == "Nothing yet"
    assert "No figures on file yet." in texts(root)


def test_line_chart_places_points_by_date_and_value():
    root = parse(line_chart(list(reversed(RELEASES)), title="t", description="d"))
    dots = children(root, "circle", "dot")
    xs = [float(dot.get("cx")) for dot in dots]
    ys = [float(dot.get("cy")) for dot in dots]
    assert xs[0] < xs[1]
    # The later median is higher, so it sits nearer the top.
    assert ys[1] < ys[0]
    (line,) = children(root, "polyline", "line")
    assert len(line.get("points").split()) == 2


def test_line_chart_draws_the_spread_only_where_it_is_known():
    root = parse(line_chart(RELEASES, title="t", description="d"))
    (spread,) = children(root, "rect", "range")
    labels = texts(root)
    assert {"$26,180", "$36,580", "$53,230", "$39,740", "May 2019", "May 2022"} <= set(labels)
    top, height = float(spread.get("y")), float(spread.get("height"))
    (first_dot, _) = children(root, "circle", "dot")
    assert top < float(first_dot.get("cy")) < top + height


def test_line_chart_with_one_point_has_no_line_and_centres_the_point():
    root = parse(line_chart(RELEASES[1:], title="t", description="d"))
    (dot,) = children(root, "circle", "dot")
    assert children(root, "polyline") == []
    assert children(root, "rect", "range") == []
    width = float(root.get("viewBox").split()[2])
    assert 0.3 * width < float(dot.get("cx")) < 0.8 * width
    # Without a spread, the legend explains only the median.
    assert "10th to 90th percentile" not in texts(root)


def test_line_chart_skips_a_point_without_a_median_but_keeps_its_spread():
    points = [*RELEASES, (date(2023, 5, 1), "May 2023", None, 30000, 60000)]
    root = parse(line_chart(points, title="t", description="d"))
    assert len(children(root, "circle", "dot")) == 2
    assert len(children(root, "rect", "range")) == 2


def test_line_chart_with_many_surveys_names_only_those_that_fit():
    points = [
        (date(2000 + n, 5, 1), f"May {2000 + n}", 30000 + 100 * n, None, None) for n in range(24)
    ]
    root = parse(line_chart(points, title="t", description="d"))
    assert len(children(root, "circle", "dot")) == 24
    labels = [text for text in texts(root) if text.startswith("May ")]
    assert "May 2000" in labels and "May 2023" in labels
    assert 2 <= len(labels) < 24
    xs = sorted(
        float(node.get("x")) for node in children(root, "text") if node.text.startswith("May ")
    )
    assert all(b - a >= 60 for a, b in zip(xs, xs[1:], strict=False))
