"""The experience curve: typical pay on the salary sites' scale for each year in the role."""

import math
from decimal import Decimal

from salaries.pay.estimator.constants import MAX_YEARLY_RISE, MAX_YEARS, ZERO
from salaries.pay.estimator.rows import Band


def experience_curve(bands: tuple[Band, ...]) -> tuple[Decimal, ...]:
    """Typical pay on the salary sites' scale for each whole year from 0 to the plateau.

    It passes through each band's low end at the year the band starts, rises from the
    start of the last band to that band's middle over as many years as the band before
    it lasted, and never falls nor rises more than 10% in a year.
    """
    if not bands:
        return (ZERO,)
    points = [(band.years_from, Decimal(band.low)) for band in bands]
    last = bands[-1]
    ramp = (last.years_from - bands[-2].years_from) if len(bands) > 1 else 0
    points.append((last.years_from + ramp, last.middle))
    if points[0][0] > 0:
        points.insert(0, (0, points[0][1]))
    end = points[-1][0]
    targets = [target_at(points, year) for year in range(end + 1)]
    curve = [targets[0]]
    for target in targets[1:]:
        previous = curve[-1]
        curve.append(min(max(previous, target), previous * MAX_YEARLY_RISE))
    # The 10% limit can leave the curve short of the last point: let it keep climbing.
    top = max(point for _, point in points)
    while curve[-1] < top and len(curve) <= 10 * MAX_YEARS:
        curve.append(min(top, curve[-1] * MAX_YEARLY_RISE))
    return tuple(curve)


def target_at(points: list[tuple[int, Decimal]], year: int) -> Decimal:
    """Interpolate between points by the same percentage each year."""
    for (y0, v0), (y1, v1) in zip(points, points[1:], strict=False):
        if y0 <= year <= y1 and y1 > y0:
            if v0 <= 0 or v1 <= 0:
                return v0 + (v1 - v0) * Decimal(year - y0) / (y1 - y0)
            return v0 * (v1 / v0) ** (Decimal(year - y0) / (y1 - y0))
    return points[-1][1] if year >= points[-1][0] else points[0][1]


def curve_at(curve: tuple[Decimal, ...], years: Decimal) -> Decimal:
    """The curve at a fractional year, by the same percentage through the year."""
    if years >= len(curve) - 1:
        return curve[-1]
    whole = int(years)
    share = years - whole
    v0, v1 = curve[whole], curve[whole + 1]
    if share == 0 or v0 <= 0:
        return v0 + (v1 - v0) * share
    return v0 * (v1 / v0) ** share


def years_for(curve: tuple[Decimal, ...], pay: Decimal) -> Decimal:
    """The first (fractional) year at which the curve reaches pay; its end if never."""
    if pay <= curve[0]:
        return ZERO
    for year, (v0, v1) in enumerate(zip(curve, curve[1:], strict=False)):
        if v0 < pay <= v1:
            if v0 <= 0:
                return Decimal(year) + (pay - v0) / (v1 - v0)
            share = Decimal(math.log(pay / v0) / math.log(v1 / v0))
            return Decimal(year) + min(max(share, ZERO), Decimal(1))
    return Decimal(len(curve) - 1)
