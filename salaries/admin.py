"""Where the salary tables are registered with the admin: declarative screens only.

The machinery behind them (import/export, the OEWS upload, freshness) is in salaries.editing.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html

from careerguide.shared.admin_safety import SafeHistoryAdmin
from salaries import models
from salaries.editing import resources
from salaries.editing.oews_upload import UPLOAD_PERMISSIONS, OewsReleaseAdmin
from salaries.editing.table_import import TableImportExportMixin
from salaries.editing.tables import DataAdmin, FreshnessFilter, freshness, overdue, refresh_hint
from salaries.editing.wages import OccupationFilter, occupation_name, with_occupation_titles
from salaries.pages.salary_page import wage_text
from salaries.pay import formatting


@admin.register(models.Source)
class SourceAdmin(TableImportExportMixin, SafeHistoryAdmin):
    resource_classes = [resources.SourceResource]
    list_display = [
        "publisher", "name", "measure", "low", "typical", "high", "grade", "as_of_flag",
    ]  # fmt: skip
    list_filter = [FreshnessFilter, "grade", "measure", "publisher"]
    search_fields = ["name", "publisher", "slug", "note"]
    prepopulated_fields = {"slug": ["publisher", "name"]}
    fieldsets = [
        (None, {"fields": ["publisher", "name", "slug", "url", "note"]}),
        ("Figure", {"fields": ["measure", "low", "typical", "high", "as_of", "read_on"]}),
        ("Grade", {"fields": ["grade", "reported_in", "method"]}),
        ("New editions", {"fields": ["cadence", "next_edition_due", "series"]}),
        ("Display", {"fields": ["position"]}),
    ]
    change_list_template = "admin/salaries/source/change_list.html"
    figure_fields = models.figure_fields(models.Source)

    def get_urls(self):
        overdue_view = self.admin_site.admin_view(self.overdue_view)
        return [
            path("overdue/", overdue_view, name="salaries_source_overdue"),
            *super().get_urls(),
        ]

    def overdue_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        late = overdue()
        sources = list(models.Source.objects.filter(pk__in=late))
        rows = [(source, late[source.pk], refresh_hint(source)) for source in sources]
        return TemplateResponse(
            request,
            "admin/salaries/source/overdue.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Overdue figures",
                "can_fetch": request.user.has_perms(UPLOAD_PERMISSIONS),
                "rows": sorted(rows, key=lambda row: row[1]),
            },
        )

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


@admin.register(models.OewsWage)
class OewsWageAdmin(SafeHistoryAdmin):
    # Short headings, so the list fits beside the menu on a laptop without scrolling.
    list_display = ["occupation", "place", "period", "yearly_median", "hourly_median", "employed"]
    list_display_links = ["occupation"]
    list_filter = [OccupationFilter, "release", "area_type"]
    list_select_related = ["release"]
    search_fields = ["area_title", "area", "occ_code"]
    figure_fields = models.figure_fields(models.OewsWage)

    def get_queryset(self, request):
        return with_occupation_titles(super().get_queryset(request))

    @admin.display(description="Occupation", ordering="occ_code")
    def occupation(self, wage: models.OewsWage) -> str:
        name = occupation_name(wage.occ_code, getattr(wage, "occupation_title", None))
        return format_html('<span class="soc-code">{}</span> {}', wage.occ_code, name)

    @admin.display(description="Area", ordering="area_title")
    def place(self, wage: models.OewsWage) -> str:
        return f"{wage.area_title} ({wage.get_area_type_display().lower()})"

    @admin.display(description="Release", ordering="release__survey_date")
    def period(self, wage: models.OewsWage) -> str:
        return wage.release.period

    @admin.display(description="Yearly median", ordering="a_median")
    def yearly_median(self, wage: models.OewsWage) -> str:
        return wage_text(wage, "a_median")

    @admin.display(description="Hourly median", ordering="h_median")
    def hourly_median(self, wage: models.OewsWage) -> str:
        return wage_text(wage, "h_median")

    @admin.display(description="Employed", ordering="employment")
    def employed(self, wage: models.OewsWage) -> str:
        return "not on file" if wage.employment is None else formatting.number(wage.employment)


@admin.register(models.Occupation)
class OccupationAdmin(SafeHistoryAdmin):
    """The career ladder's jobs: an OEWS upload keeps the rows of every SOC code listed."""

    list_display = ["title", "soc_code", "bls_title", "kind", "position"]
    list_editable = ["position"]
    list_filter = ["kind"]
    search_fields = ["title", "soc_code", "bls_title"]


admin.site.register(models.OewsRelease, OewsReleaseAdmin)
