from django.conf import settings
from django.contrib import admin
from django.db.models import OuterRef, Subquery
from django.utils.html import format_html

from careerguide.admin_safety import SafeHistoryAdmin

from . import formatting, models, resources
from .admin_import import TableImportExportMixin
from .models import months_ago


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


@admin.register(models.Source)
class SourceAdmin(TableImportExportMixin, SafeHistoryAdmin):
    resource_classes = [resources.SourceResource]
    list_display = ["publisher", "name", "measure", "low", "typical", "high", "as_of_flag"]
    list_filter = [FreshnessFilter, "measure", "is_estimate", "publisher"]
    search_fields = ["name", "publisher", "slug", "note"]
    prepopulated_fields = {"slug": ["publisher", "name"]}
    fieldsets = [
        (None, {"fields": ["publisher", "name", "slug", "url", "note"]}),
        ("Figure", {"fields": ["measure", "low", "typical", "high", "as_of", "is_estimate"]}),
        ("Display", {"fields": ["position"]}),
    ]

    @admin.display(description="As of", ordering="as_of")
    def as_of_flag(self, source: models.Source) -> str:
        return freshness(source)


@admin.register(models.ExperienceBand)
class ExperienceBandAdmin(DataAdmin):
    resource_classes = [resources.ExperienceBandResource]
    list_display = ["name", "years", "low", "high", "source_as_of"]
    list_filter = [FreshnessFilter, "source"]
    prepopulated_fields = {"slug": ["name"]}
    fields = [
        "name", "slug", "years_from", "low", "high", "high_is_open", "description",
        "source", "source_as_of", "position",
    ]  # fmt: skip

    def get_queryset(self, request):
        # The year the next band starts, for every band in one query.
        next_start = models.ExperienceBand.objects.filter(
            years_from__gt=OuterRef("years_from")
        ).order_by("years_from")
        return (
            super()
            .get_queryset(request)
            .annotate(next_start=Subquery(next_start.values("years_from")[:1]))
        )

    @admin.display(description="Years", ordering="years_from")
    def years(self, band: models.ExperienceBand) -> str:
        return formatting.years_label(band.years_from, band.next_start)


@admin.register(models.EducationLevel)
class EducationLevelAdmin(DataAdmin):
    resource_classes = [resources.EducationLevelResource]
    list_display = ["name", "start_low", "start_high", "position", "source_as_of"]
    list_filter = [FreshnessFilter, "source"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.Certification)
class CertificationAdmin(DataAdmin):
    resource_classes = [resources.CertificationResource]
    list_display = ["abbreviation", "name", "issuer", "premium_low", "premium_high", "source_as_of"]
    list_filter = [FreshnessFilter, "issuer", "source"]
    search_fields = ["name", "abbreviation", "issuer"]
    prepopulated_fields = {"slug": ["abbreviation"]}


@admin.register(models.Skill)
class SkillAdmin(DataAdmin):
    resource_classes = [resources.SkillResource]
    list_display = ["name", "category", "premium_low", "premium_high", "source_as_of"]
    list_filter = [FreshnessFilter, "category", "source"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.Location)
class LocationAdmin(DataAdmin):
    resource_classes = [resources.LocationResource]
    list_display = ["name", "region", "adjustment_low", "adjustment_high", "source_as_of"]
    list_filter = [FreshnessFilter, "region", "source"]
    search_fields = ["name", "region", "example_cities"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.EmployerType)
class EmployerTypeAdmin(DataAdmin):
    resource_classes = [resources.EmployerTypeResource]
    list_display = [
        "name", "pay_low", "pay_high", "adjustment_low", "adjustment_high", "source_as_of",
    ]  # fmt: skip
    list_filter = [FreshnessFilter, "source"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.BenefitAssumptions)
class BenefitAssumptionsAdmin(DataAdmin):
    resource_classes = [resources.BenefitAssumptionsResource]
    list_display = [
        "__str__", "match_rate", "match_cap", "bonus_low", "bonus_high",
        "health_insurance_value", "pto_days", "source_as_of",
    ]  # fmt: skip
    list_filter = [FreshnessFilter]
    search_fields = []

    def has_add_permission(self, request) -> bool:
        # One row of assumptions: edit it rather than adding another.
        return not models.BenefitAssumptions.objects.exists()


@admin.register(models.Statistic)
class StatisticAdmin(DataAdmin):
    resource_classes = [resources.StatisticResource]
    list_display = ["label", "value", "unit", "quick_fact", "source_as_of"]
    list_filter = [FreshnessFilter, "unit", "quick_fact", "source"]
    search_fields = ["label", "slug"]


@admin.register(models.PriceParity)
class PriceParityAdmin(DataAdmin):
    """States' and metropolitan areas' price levels; import accepts BEA's SARPP and MARPP
    CSV files as downloaded, as well as this table's own export."""

    resource_classes = [resources.PriceParityResource]
    list_display = ["name", "kind", "rpp", "year", "area", "source_as_of"]
    list_filter = [FreshnessFilter, "kind", "year", "source"]
    search_fields = ["name", "slug", "area"]
    prepopulated_fields = {"slug": ["name"]}


from . import admin_oews  # noqa: E402, F401
