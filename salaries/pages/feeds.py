"""Atom feeds (Django's syndication framework): the change log, and new data releases.

Each feed holds its newest RECENT_CHANGES entries and is built once per content version.
"""

from datetime import datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_safe

from careerguide.shared.versioning import cached
from salaries.figures import registry
from salaries.models import Source, grade_text, source_url
from salaries.pages import open_data
from salaries.pay import formatting as fmt

AUTHOR = "PT Care Coordinator Guide editors"


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


class ChangesFeed(Feed):
    feed_type = Atom1Feed
    title = "Changes to the figures: PT Care Coordinator Guide"
    subtitle = "Every figure the guide shows that changed, from what to what, and why."
    author_name = AUTHOR

    def link(self) -> str:
        return absolute(reverse("salaries:changes"))

    def feed_url(self) -> str:
        return absolute(reverse("salaries:changes_feed"))

    def items(self) -> list[dict]:
        figures = registry()
        return [open_data.change_row(c, figures) for c in open_data.recent_changes()]

    def item_title(self, row: dict) -> str:
        kind = "Correction: " if row["correction"] else ""
        return f"{kind}{row['label']}: {row['old']} → {row['new']}"

    def item_description(self, row: dict) -> str:
        what = "Corrected" if row["correction"] else "Changed"
        return (
            f"{what} from {row['old']} to {row['new']}. Reason: {row['reason']}. "
            f"Source: {row['source_name']}, {row['period']}."
        )

    def item_link(self, row: dict) -> str:
        page = row["page"] or absolute(reverse("salaries:changes"))
        return f"{page}#change-{row['id']}"

    def item_guid(self, row: dict) -> str:
        # Stable whatever happens to the figure's page: the change's own number.
        return f"{absolute(reverse('salaries:changes'))}#change-{row['id']}"

    def item_pubdate(self, row: dict) -> datetime:
        return open_data.when(row)

    def item_updateddate(self, row: dict) -> datetime:
        return open_data.when(row)


def first_recorded(source) -> datetime:
    """When the source arrived on this site (its first history record), else its date."""
    return source.added or timezone.make_aware(datetime.combine(source.as_of, time()))


class ReleasesFeed(Feed):
    """Sources as they arrive: a new OEWS release, a new edition of a survey."""

    feed_type = Atom1Feed
    title = "New data releases: PT Care Coordinator Guide"
    subtitle = "Each source of figures as it is added to the guide, newest first."
    author_name = AUTHOR

    def link(self) -> str:
        return absolute(reverse("salaries:sources"))

    def feed_url(self) -> str:
        return absolute(reverse("salaries:releases_feed"))

    def items(self) -> list:
        first = Source.history.filter(id=OuterRef("pk")).order_by("history_date")
        sources = Source.objects.annotate(added=Subquery(first.values("history_date")[:1]))
        return sorted(
            sources, key=lambda source: (first_recorded(source), source.as_of), reverse=True
        )[: open_data.RECENT_CHANGES]

    def item_title(self, source) -> str:
        return f"{source.publisher}: {source.name}, {source.as_of:%B %Y}"

    def item_description(self, source) -> str:
        figures = [
            f"{label} {fmt.money(value)}"
            for label, value in (
                ("low", source.low),
                ("typical", source.typical),
                ("high", source.high),
            )
            if value is not None
        ]
        said = f" Figures: {', '.join(figures)}." if figures else ""
        return (
            f"{source.get_measure_display()}, as of {source.as_of:%B %Y}; grade: "
            f"{grade_text(source.grade, source.method)}.{said}"
        )

    def item_link(self, source) -> str:
        return absolute(source_url(source.slug))

    def item_pubdate(self, source) -> datetime:
        return first_recorded(source)

    def item_updateddate(self, source) -> datetime:
        return first_recorded(source)


def cached_feed(name: str, feed: Feed):
    """The feed rendered once per content version; bounded by its items."""

    @require_safe
    def view(request: HttpRequest) -> HttpResponse:
        def build() -> tuple[bytes, str]:
            response = feed(request)
            return response.content, response["Content-Type"]

        body, content_type = cached(f"feed:{name}", build)
        return HttpResponse(body, content_type=content_type)

    return view


changes_feed = cached_feed("changes", ChangesFeed())
releases_feed = cached_feed("releases", ReleasesFeed())
