"""Server-rendered SVG charts from plain rows (pure: no database, no request).

Each chart is an image with a <title> and <desc> for screen readers; the page puts
the same figures in a table beside it. Colours come from the CSS classes in site.css
(.bar, .range, .axis, .line, .dot, .tick), so the charts follow the light and dark
schemes and the Content-Security-Policy needs no inline styles.
"""

import hashlib
import math
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from salaries.pay import formatting as fmt
from salaries.pay.state_map import DARK_INK, LIGHT_INK, ink_for

Number = int | Decimal

# The drawing is 400 units wide: at 360 px the text stays legible, and CSS caps the
# width on large screens so it does not grow into a poster.
WIDTH = 400
LABEL_SIZE = 16
TICK_SIZE = 14
# A rough average glyph width, in ems, for deciding whether two labels fit on a line.
GLYPH = 0.6

RangeRow = tuple[str, Number, Number, bool]
Point = tuple[date, str, Number | None, Number | None, Number | None]


def range_chart(rows: Sequence[RangeRow], *, title: str, description: str) -> SafeString:
    """Draw one horizontal bar per row, from its low to its high value, on a scale from 0.

    Each row is (label, low, high, open_ended); an open-ended row gets an arrow past
    its high end and a "+" on its figure.
    """
    if not rows:
        return _empty(title, description)
    left, right = 8, WIDTH - 8
    scale = _Scale(max(high for _, _, high, _ in rows), left, right - 16)
    parts = []
    y = 8
    for label, low, high, open_ended in rows:
        figures = fmt.money_range(low, high, open_ended=open_ended).replace(" to ", "–")
        parts.append(_text(left, y + LABEL_SIZE, label, css="label"))
        # The figures share the label's line when both fit, else go on a line of their own.
        if (len(label) + len(figures) + 2) * LABEL_SIZE * GLYPH > right - left:
            y += LABEL_SIZE + 4
        parts.append(_text(right, y + LABEL_SIZE, figures, anchor="end", css="value"))
        bar_y = y + LABEL_SIZE + 8
        x = scale(low)
        parts.append(
            format_html(
                '<rect class="bar" x="{}" y="{}" width="{}" height="18" rx="3"/>',
                _n(x),
                bar_y,
                _n(scale(high) - x),
            )
        )
        if open_ended:
            parts.append(
                format_html(
                    '<path class="range" d="M{} {}l12 9l-12 9z"/>', _n(scale(high) + 2), bar_y
                )
            )
        y = bar_y + 18 + 14
    axis_y = y - 2
    parts.append(_axis_x(scale, axis_y))
    return _svg(title, description, axis_y + TICK_SIZE + 12, parts)


def line_chart(points: Sequence[Point], *, title: str, description: str) -> SafeString:
    """Draw a line through each point's value by date, with its low–high spread as a bar.

    Each point is (when, label, value, low, high); low and high may be None. A point
    without a value is left out of the line but keeps its spread bar.
    """
    points = sorted(points, key=lambda point: point[0])
    if not points:
        return _empty(title, description)
    figures = [v for _, _, *values in points for v in values if v is not None]
    left, right, top, bottom = 64, WIDTH - 8, 24, 224
    y_scale = _Scale(max(figures), bottom, top)
    first, last = points[0][0].toordinal(), points[-1][0].toordinal()
    # Keep room beside the outermost points for their figures.
    inner_left, inner_right = left + 40, right - 80

    def x_of(when: date) -> float:
        if first == last:
            return (inner_left + inner_right) / 2
        return inner_left + (when.toordinal() - first) / (last - first) * (inner_right - inner_left)

    parts = [_axis_y(y_scale, left, right)]
    line = [(x_of(when), y_scale(value)) for when, _, value, _, _ in points if value is not None]
    if len(line) > 1:
        path = " ".join(f"{_n(x)},{_n(y)}" for x, y in line)
        parts.append(format_html('<polyline class="line" points="{}"/>', path))
    # With many surveys, name and label only as many as fit; the table has them all.
    labelled = _spaced([x_of(point[0]) for point in points], LABEL_SIZE * GLYPH * 9)
    for index, (when, label, value, low, high) in enumerate(points):
        x = x_of(when)
        named = index in labelled
        if named:
            parts.append(_text(x, bottom + TICK_SIZE + 8, label, anchor="middle", css="tick"))
        if low is not None and high is not None:
            y_low, y_high = y_scale(low), y_scale(high)
            parts.append(
                format_html(
                    '<rect class="range" x="{}" y="{}" width="12" height="{}" rx="2"/>',
                    _n(x - 6),
                    _n(y_high),
                    _n(y_low - y_high),
                )
            )
            if named:
                parts.append(_text(x, y_high - 6, fmt.money(high), anchor="middle", css="value"))
                parts.append(
                    _text(x, y_low + TICK_SIZE + 4, fmt.money(low), anchor="middle", css="value")
                )
        if value is None:
            continue
        y = y_scale(value)
        parts.append(format_html('<circle class="dot" cx="{}" cy="{}" r="5"/>', _n(x), _n(y)))
        # Put the figure on the side of the point the line does not leave by.
        following = next((p[2] for p in points[index + 1 :] if p[2] is not None), None)
        offset = 4 if following is None else (18 if following >= value else -8)
        if named:
            parts.append(_text(x + 10, y + offset, fmt.money(value), css="value"))
    legend_y = bottom + 2 * TICK_SIZE + 22
    parts.append(
        _legend(left, legend_y, any(p[3] is not None and p[4] is not None for p in points))
    )
    return _svg(title, description, legend_y + 12, parts)


DistributionRow = tuple[str, Sequence[Number]]  # (label, the five annual percentiles)
PERCENTILE_NAMES = ("10th", "25th", "50th", "75th", "90th")


def distribution_chart(
    rows: Sequence[DistributionRow],
    *,
    marker: Number | None,
    marker_label: str,
    title: str,
    description: str,
) -> SafeString:
    """Draw each area's wage distribution as a bar from its 10th to its 90th percentile, with
    a darker middle half (25th to 75th) and a line at the median, and mark one pay across them.

    A marker far beyond the 90th percentile sits at the right edge with its figure.
    """
    if not rows:
        return _empty(title, description)
    left, right = 8, WIDTH - 8
    highest = max(float(values[-1]) for _, values in rows)
    shown = None if marker is None else min(float(marker), highest * 1.5)
    scale = _Scale(max(highest, shown or 0), left, right - 8)
    parts = []
    y = 8
    if marker is not None:
        label = f"{marker_label}: {fmt.money(marker)}"
        x = scale(shown)
        anchor = "end" if x > WIDTH * 0.6 else ("start" if x < WIDTH * 0.4 else "middle")
        parts.append(_text(x, y + LABEL_SIZE, label, anchor=anchor, css="marker-label"))
        y += LABEL_SIZE + 8
    top = y
    for label, values in rows:
        points = [scale(value) for value in values]
        parts.append(_text(left, y + LABEL_SIZE, label, css="label"))
        bar_y = y + LABEL_SIZE + 6
        parts.append(
            format_html(
                '<rect class="range" x="{}" y="{}" width="{}" height="22" rx="3"/>',
                _n(points[0]),
                bar_y,
                _n(points[-1] - points[0]),
            )
        )
        parts.append(
            format_html(
                '<rect class="bar" x="{}" y="{}" width="{}" height="22"/>',
                _n(points[1]),
                bar_y,
                _n(points[3] - points[1]),
            )
        )
        parts.append(
            format_html(
                '<line class="median" x1="{}" y1="{}" x2="{}" y2="{}"/>',
                _n(points[2]),
                bar_y - 4,
                _n(points[2]),
                bar_y + 26,
            )
        )
        named = _spaced(points, TICK_SIZE * GLYPH * 5)
        for index, (x, name) in enumerate(zip(points, PERCENTILE_NAMES, strict=True)):
            if index in named:
                parts.append(
                    _text(x, bar_y + 22 + TICK_SIZE + 4, name, anchor="middle", css="tick")
                )
        y = bar_y + 22 + TICK_SIZE + 16
    if marker is not None:
        x = scale(shown)
        parts.append(
            format_html(
                '<line class="marker" x1="{}" y1="{}" x2="{}" y2="{}"/>',
                _n(x),
                top - 4,
                _n(x),
                y - 8,
            )
        )
    axis_y = y
    parts.append(_axis_x(scale, axis_y))
    return _svg(title, description, axis_y + TICK_SIZE + 12, parts)


def _spaced(xs: list[float], gap: float) -> set[int]:
    """Pick the positions that stand at least gap apart, always keeping the last one."""
    picked: list[int] = []
    for index, x in enumerate(xs):
        if not picked or x - xs[picked[-1]] >= gap:
            picked.append(index)
    last = len(xs) - 1
    while picked and picked[-1] != last and xs[last] - xs[picked[-1]] < gap:
        picked.pop()
    return {*picked, last}


class _Scale:
    """Map 0..a round number at or above the largest value onto a stretch of the drawing."""

    def __init__(self, largest: Number, start: float, end: float) -> None:
        self.step = _nice_step(largest)
        self.top = max(self.step, math.ceil(largest / self.step) * self.step)
        self.start, self.end = start, end

    def __call__(self, value: Number) -> float:
        return self.start + float(value) / float(self.top) * (self.end - self.start)

    @property
    def ticks(self) -> list[int]:
        return list(range(0, int(self.top) + 1, int(self.step)))


def _nice_step(largest: Number) -> int:
    """Return a step of 1, 2, 2.5 or 5 times a power of ten giving at most four steps."""
    largest = max(float(largest), 1.0)
    power = 10 ** math.floor(math.log10(largest))
    for factor in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10):
        step = factor * power
        if step >= 1 and math.ceil(largest / step) <= 4:
            return int(step)
    return int(10 * power)


def _short_money(value: int) -> str:
    if value and value % 1000 == 0:
        return f"${value // 1000:,}k"
    return fmt.money(value)


def _axis_x(scale: _Scale, y: float) -> SafeString:
    parts = [
        format_html(
            '<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>',
            _n(scale.start),
            y,
            _n(scale.end),
            y,
        )
    ]
    for tick in scale.ticks:
        x = scale(tick)
        anchor = "start" if tick == 0 else "middle"
        parts.append(
            format_html(
                '<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>', _n(x), y, _n(x), y + 4
            )
        )
        parts.append(_text(x, y + TICK_SIZE + 6, _short_money(tick), anchor=anchor, css="tick"))
    return _join(parts)


def _axis_y(scale: _Scale, left: float, right: float) -> SafeString:
    parts = []
    for tick in scale.ticks:
        y = scale(tick)
        parts.append(
            format_html(
                '<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>', left, _n(y), right, _n(y)
            )
        )
        parts.append(_text(left - 6, y + 4, _short_money(tick), anchor="end", css="tick"))
    return _join(parts)


def _legend(x: float, y: float, with_spread: bool) -> SafeString:
    parts = [
        format_html('<circle class="dot" cx="{}" cy="{}" r="5"/>', x - 40, y - 4),
        _text(x - 30, y, "median", css="tick"),
    ]
    if with_spread:
        parts.append(
            format_html(
                '<rect class="range" x="{}" y="{}" width="12" height="14" rx="2"/>', x + 40, y - 11
            )
        )
        parts.append(_text(x + 58, y, "10th to 90th percentile", css="tick"))
    return format_html('<g class="legend">{}</g>', _join(parts))


def _text(x: float, y: float, text: str, *, anchor: str = "start", css: str) -> SafeString:
    size = TICK_SIZE if css == "tick" else LABEL_SIZE
    return format_html(
        '<text class="{}" x="{}" y="{}" font-size="{}" text-anchor="{}">{}</text>',
        css,
        _n(x),
        _n(y),
        size,
        anchor,
        text,
    )


def _svg(title: str, description: str, height: float, parts: list[SafeString]) -> SafeString:
    digest = hashlib.sha1(f"{title}\n{description}".encode()).hexdigest()[:8]
    chart_id = f"chart-{slugify(title)[:40]}-{digest}"
    return format_html(
        '<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
        ' width="{width}" height="{height}" role="img" aria-labelledby="{id}-title {id}-desc">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{description}</desc>'
        "{body}</svg>",
        width=WIDTH,
        height=_n(height),
        id=chart_id,
        title=title,
        description=description,
        body=_join(parts),
    )


def _empty(title: str, description: str) -> SafeString:
    return _svg(title, description, 40, [_text(8, 24, "No figures on file yet.", css="tick")])


def _join(parts: list[SafeString]) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts)) if parts else mark_safe("")


def _n(value: float) -> str:
    """Write a coordinate with at most one decimal, without a trailing .0."""
    return f"{round(float(value), 1):g}"


# The map of the states -----------------------------------------------------------------

# One tile of the map: (abbreviation, column, row, link, accessible name, colour or None,
# is this site's estimate). A tile without a colour has no figure on file.
MapTile = tuple[str, int, int, str, str, str | None, bool]
# (label, colour or None, is this site's estimate)
LegendEntry = tuple[str, str | None, bool]
TILE_PITCH, TILE_SIZE, TILE_FONT = 40, 36, 15
SWATCH = 18
HATCH_OPACITY = "0.35"


def state_map(
    tiles: Sequence[MapTile], *, columns: int, rows: int, title: str, description: str, name: str
) -> SafeString:
    """A tile grid map: each place a square at its column and row, filled with its colour
    and linked to its own page.

    The drawing is a group of links rather than one image, so each tile is read out and
    can be reached with the keyboard. A tile with an estimate is hatched with a dashed
    edge; one with no figure is left empty with a dotted edge, so the three kinds differ
    without telling colours apart. name makes the drawing's ids unique in the page.
    """
    parts = []
    for abbreviation, column, row, href, label, colour, estimate in tiles:
        x, y = column * TILE_PITCH + 2, row * TILE_PITCH + 2
        shapes = _tile(x, y, TILE_SIZE, colour, estimate, name)
        # A halo in the tile's colour keeps the letters clear of the hatching.
        paint = (
            format_html(
                ' fill="{}" stroke="{}" stroke-width="4" paint-order="stroke"',
                ink_for(colour),
                colour,
            )
            if colour
            else mark_safe(' class="ink-page"')
        )
        shapes += format_html(
            '<text x="{}" y="{}" font-size="{}" font-weight="700" text-anchor="middle"{}>{}</text>',
            x + TILE_SIZE // 2,
            y + TILE_SIZE // 2 + 5,
            TILE_FONT,
            paint,
            abbreviation,
        )
        parts.append(
            format_html(
                '<a href="{}" aria-label="{}"><title>{}</title>{}</a>', href, label, label, shapes
            )
        )
    width, height = columns * TILE_PITCH, rows * TILE_PITCH
    return format_html(
        '<svg class="state-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}"'
        ' width="{w}" height="{h}" role="group" aria-labelledby="{id}-title"'
        ' aria-describedby="{id}-desc">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{description}</desc>'
        "{defs}{body}</svg>",
        w=width,
        h=height,
        id=name,
        title=title,
        description=description,
        defs=_hatches(name),
        body=_join(parts),
    )


def map_legend(entries: Sequence[LegendEntry], *, name: str) -> SafeString:
    """The map's key as a list: a small tile drawn as the map draws it, then its words."""
    items = [
        format_html(
            '<li><svg class="swatch" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {s} {s}"'
            ' width="{s}" height="{s}" aria-hidden="true" focusable="false">{defs}{tile}</svg>'
            "{label}</li>",
            s=SWATCH + 2,
            defs=_hatches(f"{name}-{index}") if estimate else "",
            tile=_tile(1, 1, SWATCH, colour, estimate, f"{name}-{index}"),
            label=label,
        )
        for index, (label, colour, estimate) in enumerate(entries)
    ]
    return format_html('<ul class="map-legend">{}</ul>', _join(items))


def _tile(
    x: float, y: float, size: int, colour: str | None, estimate: bool, name: str
) -> SafeString:
    """A tile's square: filled, filled and hatched (an estimate), or empty (no figure)."""
    kind = "tile-none" if colour is None else ("tile-estimate" if estimate else "tile-published")
    square = format_html(
        '<rect class="tile {}" x="{}" y="{}" width="{}" height="{}" rx="3"{}/>',
        kind,
        x,
        y,
        size,
        size,
        format_html(' fill="{}"', colour) if colour else "",
    )
    if not (colour and estimate):
        return square
    shade = "dark" if ink_for(colour) == DARK_INK else "light"
    return square + format_html(
        '<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="url(#{}-hatch-{})"/>',
        x,
        y,
        size,
        size,
        name,
        shade,
    )


def _hatches(name: str) -> SafeString:
    """Diagonal stripes in black and in white, for estimates on light and dark tiles."""
    return format_html(
        "<defs>{}</defs>",
        _join(
            [
                format_html(
                    '<pattern id="{}-hatch-{}" width="6" height="6" patternUnits="userSpaceOnUse"'
                    ' patternTransform="rotate(45)"><rect width="2" height="6" fill="{}"'
                    ' fill-opacity="{}"/></pattern>',
                    name,
                    shade,
                    ink,
                    HATCH_OPACITY,
                )
                for shade, ink in (("dark", DARK_INK), ("light", LIGHT_INK))
            ]
        ),
    )
