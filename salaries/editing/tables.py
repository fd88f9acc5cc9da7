"""The base admin screen every salary table shares: import/export, history, freshness."""

from datetime import date

from django.contrib import admin
from django.utils.html import format_html

from careerguide.shared.admin_safety import SafeHistoryAdmin
from careerguide.shared.versioning import cached
from salaries import models
from salaries.editing.table_import import TableImportExportMixin


class DataAdmin(TableImportExportMixin, SafeHistoryAdmin):
    """Every salary table: import/export as CSV or XLSX, history with revert."""

    list_select_related = ["source"]
    search_fields = ["name", "slug"]
    list_filter = ["source"]
    readonly_fields = ["source_as_of"]

    @property
    def figure_fields(self) -> frozenset[str]:
        # A change to one of these changes a figure readers see: it asks for a reason.
        return models.figure_fields(self.model)

    @admin.display(description="Figures as of", ordering="source__as_of")
    def source_as_of(self, obj) -> str:
        return freshness(obj.source)


def overdue() -> dict[int, date]:
    """Overdue sources (pk: the date their next edition fell due), worked out once per
    content version and day: a due date passing changes the answer with no edit."""
    today = date.today()
    return cached(
        f"overdue-sources-{today.isoformat()}",
        lambda: models.overdue_sources(models.Source.objects.all(), today=today),
    )


def freshness(source: models.Source) -> str:
    """The source's date, marked overdue when a newer edition was due and is not on file."""
    when = source.as_of.strftime("%b %Y")
    since = overdue().get(source.pk)
    if since is not None:
        return format_html(
            '{} <strong class="stale-flag" title="A newer edition was due {}: see Overdue figures">'
            "overdue</strong>",
            when,
            since.strftime("%B %Y"),
        )
    return when


class FreshnessFilter(admin.SimpleListFilter):
    title = "freshness"
    parameter_name = "freshness"

    def lookups(self, request, model_admin):
        return [("overdue", "Overdue"), ("current", "Current")]

    def queryset(self, request, queryset):
        field = "pk" if queryset.model is models.Source else "source_id"
        late = list(overdue())
        if self.value() == "overdue":
            return queryset.filter(**{f"{field}__in": late})
        if self.value() == "current":
            return queryset.exclude(**{f"{field}__in": late})
        return queryset


def refresh_hint(source: models.Source) -> str:
    """What brings an overdue source up to date."""
    if source.series.startswith("oews"):
        year = source.as_of.year + 1
        return (
            f"Run “manage.py fetch_oews --year {year} --confirm” (national, then --scope state "
            "and --scope metro), or upload BLS's file under OEWS releases."
        )
    if source.url:
        return "Read the publisher's page, then update this source and the rows that cite it."
    return "Find the publisher's newest edition, then update this source and its rows."
