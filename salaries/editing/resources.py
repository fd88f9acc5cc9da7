"""Import and export of the salary tables as CSV or XLSX (django-import-export).

Cells are read the way an editor would mean them: "yes", "Y" and "TRUE " are true, a
fraction in a whole-number column is refused rather than rounded, and a source is named
by its slug. Text cells that a spreadsheet would run as a formula (starting with =, +, -,
@, tab or carriage return) are exported with a leading apostrophe, which the import takes
off again, so the site's own export imports back unchanged (salaries.pay.spreadsheet,
shared with the public data files).
"""

import re
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.db import models as db_models
from django.utils.encoding import force_str
from django.utils.html import format_html
from django.utils.text import slugify
from import_export import fields, resources, widgets
from import_export.instance_loaders import CachedInstanceLoader

from salaries import models
from salaries.pay.bea import is_bea_table, read_bea_rows
from salaries.pay.spreadsheet import escape_formula, unescape_formula

THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")
EMPTY_CODES = {"blank", "null", "required"}


def parse_number(value, kind: str) -> Decimal | None:
    """A cell as a finite Decimal, None when empty; "$40,000" reads as 40000."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(f"“{value}” is not {kind}.")
    if isinstance(value, float):
        value = repr(value)  # the shortest text that reads back as the same float
    text = str(value).strip()
    number = text.replace("$", "", 1) if text.lstrip("+-").startswith("$") else text
    if THOUSANDS.fullmatch(number):
        number = number.replace(",", "")
    try:
        parsed = Decimal(number)
    except (InvalidOperation, ValueError) as error:
        raise ValueError(f"“{text}” is not {kind}.") from error
    if not parsed.is_finite() or parsed.adjusted() > 15:
        raise ValueError(f"“{text}” is not {kind}.")
    return parsed


class WholeNumberWidget(widgets.IntegerWidget):
    """Whole numbers only: 40000.7 is refused with its value named, never truncated."""

    def clean(self, value, row=None, **kwargs):
        number = parse_number(value, "a whole number")
        if number is None:
            return None
        if number != number.to_integral_value():
            raise ValueError(
                f"“{str(value).strip()}” is not a whole number; this column takes whole "
                "numbers only, so it was refused rather than rounded."
            )
        return int(number)


class NumberWidget(widgets.DecimalWidget):
    def clean(self, value, row=None, **kwargs):
        return parse_number(value, "a number")


class YesNoWidget(widgets.BooleanWidget):
    """yes/no, y/n, true/false, 1/0 in any case and with stray spaces; empty is no."""

    TRUE_WORDS = {"1", "true", "yes", "y", "t", "on"}
    FALSE_WORDS = {"0", "false", "no", "n", "f", "off", ""}

    def clean(self, value, row=None, **kwargs):
        if value is None or isinstance(value, bool):
            return bool(value)
        if isinstance(value, int | float) and value in (0, 1):
            return bool(value)
        word = str(value).strip().casefold()
        if word in self.TRUE_WORDS:
            return True
        if word in self.FALSE_WORDS:
            return False
        raise ValueError(
            f"“{str(value).strip()}” is not yes or no (use yes/no, true/false or 1/0)."
        )


class DayWidget(widgets.DateWidget):
    """A date; a spreadsheet's date-and-time cell counts as its day."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, str):
            value = value.strip()
        try:
            return super().clean(value, row, **kwargs)
        except (TypeError, ValueError) as error:
            raise ValueError(f"“{value}” is not a date (write it as 2024-01-31).") from error


class TextWidget(widgets.CharWidget):
    """Text as the admin form takes it (surrounding spaces dropped), formula escape undone."""

    def clean(self, value, row=None, **kwargs):
        value = super().clean(value, row, **kwargs)
        if isinstance(value, str):
            value = unescape_formula(value.strip())
        return value


class SourceWidget(widgets.CachedForeignKeyWidget):
    """A source named by its slug; the sources are read once per import, not once a row."""

    def __init__(self, **kwargs):
        super().__init__(models.Source, "slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, str):
            value = unescape_formula(value.strip())
        if value in (None, ""):
            return None
        try:
            return super().clean(value, row, **kwargs)
        except ObjectDoesNotExist as error:
            raise ValueError(f"no source with slug “{value}”") from error


TEXT_WIDGETS = (widgets.CharWidget, widgets.ForeignKeyWidget)
# Ahead of each changed value in the import preview, for screen readers (del and ins are
# not announced); the admin's stylesheet hides them from view.
WAS = '<span class="diff-label">was </span>'
NOW = '<span class="diff-label">now </span>'


class ValueDiff(resources.Diff):
    """The import preview's cells: a changed value as the whole old value struck out and
    the whole new one marked, never a character-by-character diff (36500 → 35000 would
    read "365000" without colours), and no inline styles, which the site's CSP blocks."""

    def as_html(self) -> list[str]:
        cells = []
        for before, after in zip(self.left, self.right, strict=False):
            old = "" if before is None else force_str(before)
            new = "" if after is None else force_str(after)
            if self.new or old == new:
                cells.append(format_html("{}", new))
            elif not old:
                cells.append(format_html(f"<ins>{NOW}{{}}</ins>", new))
            elif not new:
                cells.append(format_html(f"<del>{WAS}{{}}</del>", old))
            else:
                cells.append(
                    format_html(
                        f'<del>{WAS}{{}}</del> <span class="diff-arrow" aria-hidden="true">→'
                        f"</span> <ins>{NOW}{{}}</ins>",
                        old,
                        new,
                    )
                )
        return cells


class TableResource(resources.ModelResource):
    """Validate every row like the admin form does, and explain unreadable cells."""

    def get_diff_class(self):
        return ValueDiff

    def before_save_instance(self, instance, row, **kwargs):
        # The row's history says which file changed it; the user comes from the request.
        file_name = kwargs.get("file_name")
        if file_name:
            instance._change_reason = f"Imported from {file_name}"[:100]
        super().before_save_instance(instance, row, **kwargs)

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if isinstance(f, db_models.DecimalField):
            return NumberWidget
        if isinstance(f, db_models.BooleanField):
            return YesNoWidget
        if type(f) is db_models.DateField:
            return DayWidget
        if isinstance(f, db_models.IntegerField) and not f.is_relation:
            return WholeNumberWidget
        if isinstance(f, db_models.CharField | db_models.TextField):
            return TextWidget
        return super().widget_from_django_field(f, default)

    def export_field(self, field, instance, **kwargs):
        value = super().export_field(field, instance, **kwargs)
        if isinstance(field.widget, TEXT_WIDGETS) or type(field.widget) is widgets.Widget:
            value = escape_formula(value)
        return value

    def before_import(self, dataset, **kwargs):
        """Refuse a file that names the same row twice: which line would win is a guess."""
        super().before_import(dataset, **kwargs)
        id_fields = [self.fields[name] for name in self.get_import_id_fields()]
        columns = [field.column_name for field in id_fields]
        if not dataset.headers or not all(column in dataset.headers for column in columns):
            return
        seen: dict[tuple, int] = {}
        for number, values in enumerate(dataset.dict, start=2):
            key = tuple(
                "" if values[column] is None else str(values[column]).strip() for column in columns
            )
            if not all(key):
                continue
            if key in seen:
                named = ", ".join(f"{c} “{v}”" for c, v in zip(columns, key, strict=True))
                raise ValueError(
                    f"Rows {seen[key]} and {number} are the same row ({named}); "
                    "each row may appear once."
                )
            seen[key] = number

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            raise ValidationError(explain_empty_cells(error)) from error


def explain_empty_cells(error: ValidationError) -> dict:
    """Say "required, but the cell is empty" where Django says "cannot be blank/null"."""
    explained = {}
    for name, errors in error.error_dict.items():
        explained[name] = [
            ValidationError("required, but the cell is empty.", code="required")
            if name != NON_FIELD_ERRORS and e.code in EMPTY_CODES
            else e
            for e in errors
        ]
    return explained


def source_field(name: str = "source") -> fields.Field:
    return fields.Field(attribute=name, column_name=name, widget=SourceWidget())


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
        # Every row of the file is looked up in one query, not one query a row.
        instance_loader_class = CachedInstanceLoader


class SourceResource(TableResource):
    class Meta:
        model = models.Source
        import_id_fields = ["slug"]
        exclude = ["id"]
        clean_model_instances = True
        skip_unchanged = True
        use_transactions = True
        instance_loader_class = CachedInstanceLoader


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


class PriceParityResource(SlugResource):
    """The table's own export, or BEA's SARPP or MARPP CSV file as downloaded.

    A BEA file's rows are matched on the area code; a new area is named from BEA's
    name, an existing one keeps its slug, and every row cites the source BEA_SOURCE.
    """

    class Meta(SlugResource.Meta):
        model = models.PriceParity
        import_id_fields = ["area"]

    def before_import(self, dataset, **kwargs):
        if is_bea_table(dataset.headers or ()):
            rows = read_bea_rows(dataset.dict)
            if not rows:
                raise ValueError("The BEA file has no all-items parity (line 1) for any area.")
            slugs = dict(
                models.PriceParity.objects.filter(
                    area__in=[row["area"] for row in rows]
                ).values_list("area", "slug")
            )
            headers = ["area", "name", "slug", "kind", "rpp", "year", "source"]
            dataset.wipe()
            dataset.headers = headers
            for row in rows:
                row["slug"] = slugs.get(row["area"]) or slugify(row["name"])
                row["source"] = BEA_SOURCE
                dataset.append([row[name] for name in headers])
        super().before_import(dataset, **kwargs)


# The source a row imported from BEA's own file cites.
BEA_SOURCE = "bea-rpp"


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
