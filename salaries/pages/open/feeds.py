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
from salaries.models import Source, grade_text, source_url
from salaries.pages.open import rows as open_data
from salaries.pay import formatting as fmt

AUTHOR = "PT Care Coordinator Guide editors"


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


class ChangesFeed(Feed):
    """One entry an edit: the figures it changed, from what to what, and why."""

    feed_type = Atom1Feed
    title = "Changes to the figures: PT Care Coordinator Guide"
    subtitle = "Every figure the guide shows that changed, from what to what, and why."
    author_name = AUTHOR

    def link(self) -> str:
        return absolute(reverse("salaries:changes"))

    def feed_url(self) -> str:
        return absolute(reverse("salaries:changes_feed"))

    def items(self) -> list[dict]:
        return open_data.recent_edits()

    def item_title(self, edit: dict) -> str:
        first = edit["changes"][0]
        kind = "Correction: " if edit["correction"] else ""
        others = len(edit["changes"]) - 1
        more = f" (and {others} other figure{'s' if others > 1 else ''})" if others else ""
        return f"{kind}{first['label']}: {first['old']} → {first['new']}{more}"

    def item_description(self, edit: dict) -> str:
        lines = [f"{c['label']}: {c['old']} → {c['new']}." for c in edit["changes"]]
        if edit["derived"]:
            count = len(edit["derived"])
            lines.append(
                f"{count} figure{'s' if count > 1 else ''} worked out from them changed too."
            )
        first = edit["changes"][0]
        what = "Correction" if edit["correction"] else "Reason"
        lines.append(
            f"{what}: {edit['reason']}. Source: {first['source_name']}, {first['period']}."
        )
        return " ".join(lines)

    def item_link(self, edit: dict) -> str:
        first = edit["changes"][0]
        page = first["page"] or absolute(reverse("salaries:changes"))
        return f"{page}#change-{first['id']}"

    def item_guid(self, edit: dict) -> str:
        # Stable whatever happens to the figures' pages: the edit's first change's number.
        return f"{absolute(reverse('salaries:changes'))}#change-{edit['id']}"

    def item_pubdate(self, edit: dict) -> datetime:
        return edit["when"]

    def item_updateddate(self, edit: dict) -> datetime:
        return edit["when"]


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
