"""The range of dates of the sources a page quotes, for its footer."""

from dataclasses import dataclass
from datetime import date

from careerguide.markup import quoted_figures


@dataclass(frozen=True)
class SourceDates:
    first: date
    last: date


def source_dates(text: str, figures: dict | None = None):
    """Date range of the sources a page body quotes, or None when it quotes none."""
    dates = [
        figure.as_of_date
        for figure in quoted_figures(text, figures)
        if figure.as_of_date is not None
    ]
    if not dates:
        return None
    return SourceDates(first=min(dates), last=max(dates))
