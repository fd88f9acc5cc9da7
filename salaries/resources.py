"""Import and export of the salary tables as CSV or XLSX (django-import-export)."""

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from . import models


def source_field(name: str = "source") -> fields.Field:
    return fields.Field(
        attribute=name, column_name=name, widget=ForeignKeyWidget(models.Source, "slug")
    )


class SlugResource(resources.ModelResource):
    """Rows are matched on their slug; a source is named by its slug."""

    source = source_field()

    class Meta:
        import_id_fields = ["slug"]
        exclude = ["id"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True


class SourceResource(resources.ModelResource):
    class Meta:
        model = models.Source
        import_id_fields = ["slug"]
        exclude = ["id"]
        clean_model_instances = True
        skip_unchanged = True
        use_transactions = True


class ExperienceBandResource(SlugResource):
    class Meta(SlugResource.Meta):
        model = models.ExperienceBand


class EducationLevelResource(SlugResource):
    class Meta(SlugResource.Meta):
        model = models.EducationLevel


class CertificationResource(SlugResource):
    class Meta(SlugResource.Meta):
        model = models.Certification


class SkillResource(SlugResource):
    class Meta(SlugResource.Meta):
        model = models.Skill


class LocationResource(SlugResource):
    class Meta(SlugResource.Meta):
        model = models.Location


class EmployerTypeResource(SlugResource):
    class Meta(SlugResource.Meta):
        model = models.EmployerType


class StatisticResource(SlugResource):
    class Meta(SlugResource.Meta):
        model = models.Statistic


class BenefitAssumptionsResource(resources.ModelResource):
    source = source_field()
    bonus_source = source_field("bonus_source")
    health_source = source_field("health_source")
    pto_source = source_field("pto_source")

    class Meta:
        model = models.BenefitAssumptions
        clean_model_instances = True
        skip_unchanged = True
        use_transactions = True
