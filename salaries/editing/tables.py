"""The base admin screen every salary table shares: import/export, history, freshness."""

from django.conf import settings
from django.contrib import admin
from django.utils.html import format_html

from careerguide.shared.admin_safety import SafeHistoryAdmin
from salaries import models
from salaries.editing.table_import import TableImportExportMixin
from salaries.models import months_ago


class DataAdmin(TableImportExportMixin, SafeHistoryAdmin):
    """Every salary table: import/export as CSV or XLSX, history with revert."""

    list_select_related = ["source"]
    search_fields = ["name", "slug"]
    list_filter = ["source"]
    readonly_fields = ["source_as_of"]

    @admin.display(description="Figures as of", ordering="source__as_of")
    def source_as_of(self, obj) -> str:
        return freshness(obj.source)


def freshness(source: models.Source) -> str:
    """The source's date, marked stale when older than settings.STALE_AFTER_MONTHS."""
    when = source.as_of.strftime("%b %Y")
    if source.is_stale:
        return format_html(
            '{} <strong class="stale-flag" title="Older than {} months: check for newer figures">'
            "stale</strong>",
            when,
            settings.STALE_AFTER_MONTHS,
        )
    return when


class FreshnessFilter(admin.SimpleListFilter):
    title = "freshness"
    parameter_name = "freshness"

    def lookups(self, request, model_admin):
        return [("stale", "Stale"), ("current", "Current")]

    def queryset(self, request, queryset):
        cutoff = months_ago(settings.STALE_AFTER_MONTHS)
        field = "as_of" if queryset.model is models.Source else "source__as_of"
        if self.value() == "stale":
            return queryset.filter(**{f"{field}__lt": cutoff})
        if self.value() == "current":
            return queryset.filter(**{f"{field}__gte": cutoff})
        return queryset
