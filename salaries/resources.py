"""Import and export of the salary tables as CSV or XLSX (django-import-export)."""

from decimal import InvalidOperation

from django.db import models as db_models
from import_export import fields, resources, widgets
from import_export.widgets import ForeignKeyWidget

from . import models


class WholeNumberWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except (ValueError, ArithmeticError, InvalidOperation) as error:
            raise ValueError(f"“{value}” is not a whole number.") from error


class NumberWidget(widgets.DecimalWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except (ValueError, ArithmeticError, InvalidOperation) as error:
            raise ValueError(f"“{value}” is not a number.") from error


class TableResource(resources.ModelResource):
    """Validate every row like the admin form does, and explain unreadable numbers."""

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if isinstance(f, db_models.DecimalField):
            return NumberWidget
        if isinstance(f, db_models.IntegerField) and not f.is_relation:
            return WholeNumberWidget
        return super().widget_from_django_field(f, default)


def source_field(name: str = "source") -> fields.Field:
    return fields.Field(
        attribute=name, column_name=name, widget=ForeignKeyWidget(models.Source, "slug")
    )


class SlugResource(TableResource):
    """Rows are matched on their slug; a source is named by its slug."""

    source = source_field()

    class Meta:
        import_id_fields = ["slug"]
        exclude = ["id"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True


class SourceResource(TableResource):
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


class BenefitAssumptionsResource(TableResource):
    source = source_field()
    bonus_source = source_field("bonus_source")
    health_source = source_field("health_source")
    pto_source = source_field("pto_source")

    class Meta:
        model = models.BenefitAssumptions
        clean_model_instances = True
        skip_unchanged = True
        use_transactions = True
