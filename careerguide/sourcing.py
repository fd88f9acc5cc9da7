"""How old the sources a page quotes are: the range of their dates and which are stale."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from careerguide.markup import quoted_figures
from salaries.models import months_ago


@dataclass(frozen=True)
class SourceDates:
    first: date
    last: date
    stale: list[tuple[str, date]]  # (publisher, as of) older than the stale limit, oldest first
    stale_after_months: int


def source_dates(text: str, figures: dict | None = None, *, today: date | None = None):
    """Date range of the sources a page body quotes, or None when it quotes none."""
    dated = {
        figure.source_slug: (figure.source_name, figure.as_of_date)
        for figure in quoted_figures(text, figures)
        if figure.as_of_date is not None
    }
    if not dated:
        return None
    limit = months_ago(settings.STALE_AFTER_MONTHS, today=today)
    dates = [when for _, when in dated.values()]
    # The notice names each publisher and date once; the figures link to the full source.
    stale = sorted(
        {(publisher(name), when) for name, when in dated.values() if when < limit},
        key=lambda item: (item[1], item[0]),
    )
    return SourceDates(
        first=min(dates),
        last=max(dates),
        stale=stale,
        stale_after_months=settings.STALE_AFTER_MONTHS,
    )


def publisher(source_name: str) -> str:
    """The publisher part of "Publisher: name", without any bracketed detail."""
    return source_name.partition(":")[0].partition(" (")[0]
