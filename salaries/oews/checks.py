"""The one rule for OEWS wage figures that cannot be right, for imports and the admin alike.

Pure: plain values in, messages out. ``salaries.oews.read`` calls it on every row it
reads and ``OewsWage.clean()`` on every row an editor saves.
"""

from collections.abc import Callable, Collection, Mapping
from decimal import Decimal

HOURS_A_YEAR = 2080
# BLS computes annual figures as the unrounded hourly wage times 2,080, then publishes the
# hourly wage rounded to the cent and the annual one to the nearest $10 (to the dollar in
# older files). So annual - hourly x 2,080 can differ by up to 0.005 x 2,080 = $10.40 from
# the hourly rounding plus $5 from the annual rounding. BLS's own May 2019 10th percentile
# shows it: $12.58 x 2,080 = $26,166.40 against a published $26,180, $13.60 apart.
ANNUAL_TOLERANCE = Decimal("15.40")

HOURLY_FIELDS = ["h_mean", "h_pct10", "h_pct25", "h_median", "h_pct75", "h_pct90"]
ANNUAL_FIELDS = ["a_mean", "a_pct10", "a_pct25", "a_median", "a_pct75", "a_pct90"]
PERCENTILES = {
    "hourly": ["h_pct10", "h_pct25", "h_median", "h_pct75", "h_pct90"],
    "annual": ["a_pct10", "a_pct25", "a_median", "a_pct75", "a_pct90"],
}
WAGE_LABELS = {
    "h_mean": "Hourly mean",
    "a_mean": "Annual mean",
    "h_pct10": "Hourly 10th percentile",
    "h_pct25": "Hourly 25th percentile",
    "h_median": "Hourly median",
    "h_pct75": "Hourly 75th percentile",
    "h_pct90": "Hourly 90th percentile",
    "a_pct10": "Annual 10th percentile",
    "a_pct25": "Annual 25th percentile",
    "a_median": "Annual median",
    "a_pct75": "Annual 75th percentile",
    "a_pct90": "Annual 90th percentile",
}


def wage_problems(
    values: Mapping[str, object],
    *,
    top_coded: Collection[str] = (),
    label: Callable[[str], str] = WAGE_LABELS.__getitem__,
) -> list[tuple[str, str]]:
    """Return (field, message) for every figure that cannot be right; [] when all can.

    Empty figures (withheld, or an hourly-only or annual-only row) are never compared.
    Top-coded figures (BLS's #, stored as the top of the published range) are left out
    of the hourly-annual comparison, since both stand for "this much or more".
    ``label`` names a field in the messages: a column for files, a label for forms.
    """
    values = {name: _number(values.get(name)) for name in HOURLY_FIELDS + ANNUAL_FIELDS}
    problems = []
    for name in HOURLY_FIELDS + ANNUAL_FIELDS:
        value = values[name]
        if value is not None and value <= 0:
            problems.append((name, f"{label(name)} ({value}) must be above zero."))
    for names in PERCENTILES.values():
        present = [(name, values[name]) for name in names if values[name] is not None]
        for (prev_name, prev), (name, value) in zip(present, present[1:], strict=False):
            if value < prev:
                problems.append(
                    (
                        name,
                        f"{label(name)} ({value}) is below {label(prev_name)} ({prev}); "
                        "percentiles must not fall from the 10th to the 90th.",
                    )
                )
    for hourly_name, annual_name in zip(HOURLY_FIELDS, ANNUAL_FIELDS, strict=True):
        hourly, annual = values[hourly_name], values[annual_name]
        if hourly is None or annual is None or hourly <= 0 or annual <= 0:
            continue
        if hourly_name in top_coded or annual_name in top_coded:
            continue
        expected = hourly * HOURS_A_YEAR
        if abs(annual - expected) > ANNUAL_TOLERANCE:
            problems.append(
                (
                    annual_name,
                    f"{label(annual_name)} ({annual}) does not match {label(hourly_name)} "
                    f"({hourly}) at {HOURS_A_YEAR:,} hours a year, which gives {expected:.0f} "
                    f"(BLS rounding explains at most ${ANNUAL_TOLERANCE} either way).",
                )
            )
    return problems


def _number(value) -> Decimal | None:
    """Return a figure as a Decimal; None for an empty one or anything else (a form's
    own field checks report values that are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return None
    value = Decimal(value)
    return value if value.is_finite() else None
