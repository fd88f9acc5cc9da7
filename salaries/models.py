"""Salary data tables that editors keep current in the admin.

Every amount is in US dollars a year unless a field says otherwise, and every row
points at the Source it came from, whose ``as_of`` date tells how fresh it is.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import connections, models, router, transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from careerguide.shared.versioning import edit_batch
from salaries.oews.checks import wage_problems
from salaries.pay import formatting
from salaries.pay.places import STATES, oews_code

MAX_SALARY = 1_000_000
PERCENT_BOUND = Decimal("100")


def months_ago(months: int, *, today: date | None = None) -> date:
    """Return the date that lies the given number of whole months before today."""
    today = today or date.today()
    month_index = today.year * 12 + today.month - 1 - months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(today.day, 28))


amount_validators = [MinValueValidator(1), MaxValueValidator(MAX_SALARY)]
premium_validators = [MinValueValidator(0), MaxValueValidator(MAX_SALARY)]
percent_validators = [MinValueValidator(-PERCENT_BOUND), MaxValueValidator(PERCENT_BOUND)]


def check_order(obj, *fields: str) -> None:
    """Raise a ValidationError on the first field that is below the one before it."""
    values = [(name, getattr(obj, name)) for name in fields]
    present = [(name, value) for name, value in values if value is not None]
    for (prev_name, prev), (name, value) in zip(present, present[1:], strict=False):
        if value < prev:
            label = obj._meta.get_field(name).verbose_name
            prev_label = obj._meta.get_field(prev_name).verbose_name
            raise ValidationError({name: f"The {label} must not be below the {prev_label}."})


class Measure(models.TextChoices):
    MEDIAN = "median", "Median"
    AVERAGE = "average", "Average (mean)"
    TOTAL_PAY = "total_pay", "Total pay (base plus bonuses)"
    BASE_PAY = "base_pay", "Base pay"
    RANGE = "range", "Range only"
    REFERENCE = "reference", "Reference (no salary figure)"


def period_label(when: date) -> str:
    """A survey's period as BLS names it: "May 2019"."""
    return when.strftime("%B %Y")


def date_label(when: date) -> str:
    """A figure's date as readers see it: the year alone for 1 January (a figure for a
    whole year, such as a Medicare threshold), else the month and year."""
    return str(when.year) if (when.month, when.day) == (1, 1) else period_label(when)


def source_url(slug: str) -> str:
    """A source's entry on the data sources page: where every figure links."""
    return f"{reverse('salaries:sources')}#source-{slug}"


class Grade(models.TextChoices):
    PUBLISHED = "published", "Published"
    REPORTED = "reported", "Reported"
    ESTIMATE = "estimate", "This site's estimate"


class Cadence(models.TextChoices):
    NONE = "", "No regular edition"
    YEARLY = "yearly", "Yearly"


class Source(models.Model):
    """A publisher's figure, or a reference that other rows cite."""

    slug = models.SlugField(
        unique=True, help_text="Short name used in placeholders, e.g. salary-com."
    )
    name = models.CharField(max_length=200, help_text="What the figure is called by its publisher.")
    publisher = models.CharField(max_length=200)
    url = models.URLField("link", blank=True, help_text="Where a reader can check the figure.")
    measure = models.CharField(max_length=20, choices=Measure, default=Measure.MEDIAN)
    low = models.PositiveIntegerField(
        null=True, blank=True, validators=amount_validators, help_text="$ a year."
    )
    typical = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=amount_validators,
        help_text="$ a year: the median or average.",
    )
    high = models.PositiveIntegerField(
        null=True, blank=True, validators=amount_validators, help_text="$ a year."
    )
    as_of = models.DateField("as of", help_text="The date the publisher's figure describes.")
    grade = models.CharField(
        max_length=10,
        choices=Grade,
        default=Grade.PUBLISHED,
        help_text="Published: read on the publisher's own page or file (the link above). "
        "Reported: the publisher's figure read in another page that quotes it (name it below). "
        "This site's estimate: scaled, interpolated, converted or combined here.",
    )
    reported_in = models.CharField(
        "read in",
        max_length=300,
        blank=True,
        help_text="For a reported figure: the address (or title) of the page that quotes it.",
    )
    method = models.CharField(
        max_length=200,
        blank=True,
        help_text="For this site's estimate: how it was made, in a phrase readers see "
        "(“May 2019's spread scaled to the May 2024 median”).",
    )
    note = models.TextField(blank=True, help_text="How the figure was measured or derived.")
    cadence = models.CharField(
        "new editions",
        max_length=10,
        blank=True,
        choices=Cadence,
        default=Cadence.NONE,
        help_text="How often the publisher issues a new edition of this figure.",
    )
    next_edition_due = models.DateField(
        null=True,
        blank=True,
        help_text="When the publisher's next edition is due (OEWS: the spring after the May "
        "survey). Past this date, with no newer edition on file, the figure shows as overdue.",
    )
    series = models.SlugField(
        blank=True,
        help_text="Editions of one figure share a series name (oews-43-6013): a newer edition "
        "on file means the older one is not overdue.",
    )
    read_on = models.DateField(
        "read on",
        null=True,
        blank=True,
        help_text="The day an editor last read the figure at its address; citations and the "
        "open data name it.",
    )
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return f"{self.publisher}: {self.name}"

    def get_absolute_url(self) -> str:
        return source_url(self.slug)

    def clean(self) -> None:
        check_order(self, "low", "typical", "high")
        if self.grade == Grade.REPORTED and not self.reported_in.strip():
            raise ValidationError({"reported_in": "Name the page that reports the figure."})
        if self.grade == Grade.ESTIMATE and not self.method.strip():
            raise ValidationError({"method": "Say in a phrase how this site made the estimate."})

    @property
    def is_published(self) -> bool:
        return self.grade == Grade.PUBLISHED

    @property
    def grade_text(self) -> str:
        """The grade in plain words, as readers see it beside a figure."""
        return grade_text(self.grade, self.method)

    def overdue_since(self, *, newest_in_series: date | None, today: date | None = None):
        """The date a newer edition fell due, when it has and none is on file; else None."""
        today = today or date.today()
        due = self.next_edition_due
        if due is None or due > today:
            return None
        if newest_in_series is not None and newest_in_series > self.as_of:
            return None
        return due


def grade_text(grade: str, method: str = "") -> str:
    if grade == Grade.ESTIMATE:
        return f"this site's estimate: {method}" if method else "this site's estimate"
    return Grade(grade).label.lower() if grade in Grade.values else "published"


def overdue_sources(sources, *, today: date | None = None) -> dict[int, date]:
    """Each overdue source's pk with the date its next edition fell due."""
    newest: dict[str, date] = {}
    for source in sources:
        if source.series:
            newest[source.series] = max(newest.get(source.series, source.as_of), source.as_of)
    found = {}
    for source in sources:
        since = source.overdue_since(
            newest_in_series=newest.get(source.series) if source.series else None, today=today
        )
        if since is not None:
            found[source.pk] = since
    return found


# Fields that never change a figure readers see, whatever their type.
NOT_FIGURES = {"position", "next_edition_due", "read_on"}
# Text fields that do change one: a statistic's unit decides how its value reads.
FIGURE_TEXT_FIELDS = {"unit"}
FIGURE_TYPES = (
    models.IntegerField,
    models.DecimalField,
    models.DateField,
    models.BooleanField,
    models.FloatField,
)


def figure_fields(model) -> frozenset[str]:
    """The fields of a table whose change changes a figure the site shows: saving one in
    the admin asks for a reason, which the public change log prints."""
    return frozenset(
        field.name
        for field in model._meta.concrete_fields
        if not field.primary_key
        and not field.is_relation
        and field.name not in NOT_FIGURES
        and (isinstance(field, FIGURE_TYPES) or field.name in FIGURE_TEXT_FIELDS)
    )


class SourcedRow(models.Model):
    """Common fields for every table row that quotes a source."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True, help_text="Short name used in placeholders.")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


def attach_band_ends(bands: list["ExperienceBand"]) -> None:
    """Tell each band, in order of its first year, the year the next one starts."""
    for band, following in zip(bands, bands[1:], strict=False):
        band.years_to = following.years_from
    if bands:
        bands[-1].years_to = None


class ExperienceBandQuerySet(models.QuerySet):
    def with_ends(self) -> list["ExperienceBand"]:
        """Return the bands in order, each knowing the year the next one starts."""
        bands = list(self.order_by("years_from"))
        attach_band_ends(bands)
        return bands


class ExperienceBand(SourcedRow):
    """Pay by years of experience. A band runs until the next one starts, so bands
    cannot overlap or leave gaps; the last band is open-ended."""

    years_from = models.PositiveSmallIntegerField(
        unique=True,
        validators=[MaxValueValidator(60)],
        help_text="The band runs from this many years until the next band starts.",
        error_messages={"unique": "Another band already starts at this year."},
    )
    low = models.PositiveIntegerField(validators=amount_validators, help_text="$ a year.")
    high = models.PositiveIntegerField(validators=amount_validators, help_text="$ a year.")
    high_is_open = models.BooleanField(
        default=False, help_text='Show the high end as "and up" (for example $70,000+).'
    )
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = ExperienceBandQuerySet.as_manager()
    years_to: int | None = None

    class Meta(SourcedRow.Meta):
        ordering = ["years_from"]

    def clean(self) -> None:
        check_order(self, "low", "high")
        if self.years_from not in (None, 0):
            starts_at_zero = ExperienceBand.objects.filter(years_from=0).exclude(pk=self.pk)
            if not starts_at_zero.exists():
                raise ValidationError(
                    {
                        "years_from": (
                            "The first band must start at 0 years, so no years are left out."
                        )
                    }
                )

    @property
    def years_label(self) -> str:
        return formatting.years_label(self.years_from, self.years_to)


class EducationLevel(SourcedRow):
    start_low = models.PositiveIntegerField(
        validators=amount_validators, help_text="$ a year: the low end of starting pay."
    )
    start_high = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=amount_validators,
        help_text="$ a year: the high end of starting pay. Empty means “and up”.",
    )
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    def clean(self) -> None:
        check_order(self, "start_low", "start_high")


class PremiumRow(SourcedRow):
    premium_low = models.PositiveIntegerField(
        default=0, validators=premium_validators, help_text="$ a year added to pay."
    )
    premium_high = models.PositiveIntegerField(
        default=0, validators=premium_validators, help_text="$ a year added to pay."
    )
    description = models.TextField(blank=True)

    class Meta(SourcedRow.Meta):
        abstract = True

    def clean(self) -> None:
        check_order(self, "premium_low", "premium_high")


class Certification(PremiumRow):
    abbreviation = models.CharField(max_length=20)
    issuer = models.CharField(max_length=200)
    url = models.URLField(blank=True)
    history = HistoricalRecords()


class Skill(PremiumRow):
    class Category(models.TextChoices):
        TECHNICAL = "technical", "Technical"
        SOFT = "soft", "Soft skill"

    category = models.CharField(max_length=20, choices=Category, default=Category.TECHNICAL)
    history = HistoricalRecords()


class AdjustmentRow(SourcedRow):
    adjustment_low = models.DecimalField(
        "adjustment low (%)",
        max_digits=5,
        decimal_places=1,
        default=0,
        validators=percent_validators,
        help_text="% of national pay, added to it; negative means below it (-10 is 10% below).",
    )
    adjustment_high = models.DecimalField(
        "adjustment high (%)",
        max_digits=5,
        decimal_places=1,
        default=0,
        validators=percent_validators,
        help_text="% of national pay, added to it; negative means below it.",
    )

    class Meta(SourcedRow.Meta):
        abstract = True

    def clean(self) -> None:
        check_order(self, "adjustment_low", "adjustment_high")


class Location(AdjustmentRow):
    region = models.CharField("state or region", max_length=120)
    example_cities = models.CharField(max_length=250, blank=True)
    history = HistoricalRecords()


access_validators = [MinValueValidator(0), MaxValueValidator(100)]


class EmployerType(AdjustmentRow):
    pay_low = models.PositiveIntegerField(
        null=True, blank=True, validators=amount_validators, help_text="$ a year."
    )
    pay_high = models.PositiveIntegerField(
        null=True, blank=True, validators=amount_validators, help_text="$ a year."
    )
    pay_note = models.CharField(max_length=200, blank=True)
    pros = models.TextField(blank=True)
    cons = models.TextField(blank=True)
    medical_access = models.DecimalField(
        "offered medical care (%)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=access_validators,
        help_text="Share of such workers offered employer medical care. Empty: assumed offered.",
    )
    retirement_access = models.DecimalField(
        "offered a retirement plan (%)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=access_validators,
    )
    access_note = models.CharField(
        "workers the shares describe",
        max_length=200,
        blank=True,
        help_text="Read after “the share of”, e.g. “workers at establishments of 500 or more”.",
    )
    medical_note = models.CharField(
        "workers the medical share describes, if others",
        max_length=200,
        blank=True,
        help_text="Only where the medical share describes other workers than the retirement "
        "share, e.g. “all private-industry workers” when no figure by workplace size is on file.",
    )
    access_source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    history = HistoricalRecords()

    def clean(self) -> None:
        super().clean()
        check_order(self, "pay_low", "pay_high")
        shares = (self.medical_access, self.retirement_access)
        if any(share is not None for share in shares):
            missing = {
                name: "Give both shares, the workers they describe and their source."
                for name, value in [
                    ("medical_access", self.medical_access),
                    ("retirement_access", self.retirement_access),
                    ("access_note", self.access_note),
                    ("access_source", self.access_source_id),
                ]
                if value in (None, "")
            }
            if missing:
                raise ValidationError(missing)


class PriceParity(models.Model):
    """A BEA Regional Price Parity: a state's or metropolitan area's price level, the
    nation being 100. Where no OEWS rows of its own are on file, an area's pay is the
    national pay times RPP / 100; every result also shows pay ÷ (RPP / 100)."""

    class Kind(models.TextChoices):
        STATE = "state", "State"
        METRO = "metro", "Metropolitan area"

    area = models.CharField(
        "BEA area code",
        max_length=5,
        unique=True,
        help_text="BEA’s GeoFIPS: a state’s FIPS code and 000 (Ohio 39000), or a metro "
        "area’s CBSA code (41860).",
    )
    name = models.CharField(max_length=200, help_text="As BEA names it, e.g. Cincinnati, OH-KY-IN.")
    slug = models.SlugField(unique=True, help_text="The place’s name in the estimator’s address.")
    kind = models.CharField(max_length=10, choices=Kind)
    rpp = models.DecimalField(
        "RPP, all items",
        max_digits=7,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("1000"))],
        help_text="Price level against the nation’s 100, e.g. 112.6.",
    )
    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text="The year the parity describes (each year’s set stands alone).",
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = "regional price parity"
        verbose_name_plural = "regional price parities"

    def __str__(self) -> str:
        return f"{self.name}: {self.rpp} ({self.year})"

    def clean(self) -> None:
        area = (self.area or "").strip()
        if not (len(area) == 5 and area.isdigit()):
            raise ValidationError({"area": "Enter BEA’s five-digit area code, such as 39000."})
        code, is_state = oews_code(area)
        if is_state and code not in dict(STATES):
            raise ValidationError({"area": "No state has this code."})
        if self.kind and (self.kind == self.Kind.STATE) != is_state:
            raise ValidationError(
                {"kind": "A state’s code ends in 000; a metropolitan area’s does not."}
            )


class BenefitAssumptions(models.Model):
    """The single row of assumptions used to value a compensation package."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    match_rate = models.DecimalField(
        "401(k) match rate (%)",
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(200)],
        help_text="% of the employee's own contribution that the employer adds.",
    )
    match_cap = models.DecimalField(
        "401(k) match cap (% of salary)",
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    default_contribution = models.DecimalField(
        "default employee contribution (% of salary)",
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    bonus_low = models.PositiveIntegerField(validators=premium_validators, help_text="$ a year.")
    bonus_high = models.PositiveIntegerField(validators=premium_validators, help_text="$ a year.")
    bonus_source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    health_insurance_value = models.PositiveIntegerField(
        validators=premium_validators, help_text="$ a year: the employer's share of the premium."
    )
    health_source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    pto_days = models.PositiveSmallIntegerField(
        "paid time off (days a year)", validators=[MaxValueValidator(365)]
    )
    pto_source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "benefit assumptions"
        verbose_name_plural = "benefit assumptions"

    def __str__(self) -> str:
        return "Benefit assumptions"

    def clean(self) -> None:
        check_order(self, "bonus_low", "bonus_high")


class Statistic(models.Model):
    """A single sourced number that is not a pay range, such as a growth rate."""

    class Unit(models.TextChoices):
        PERCENT = "percent", "Percent"
        COUNT = "count", "Count"
        DOLLARS = "dollars", "Dollars a year"
        HOURLY = "hourly", "Dollars an hour"

    class QuickFact(models.TextChoices):
        EDUCATION = "education", "Typical entry education (share of jobs requiring it)"
        TRAINING = "training", "On-the-job training"
        OUTLOOK = "outlook", "Job outlook"

    slug = models.SlugField(unique=True)
    label = models.CharField(
        max_length=200,
        help_text="What the figure counts, without its date: the date is read from the source.",
    )
    value = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(-1_000_000_000)],
        help_text="In the unit below: %, a count of people, $ a year or $ an hour.",
    )
    unit = models.CharField(max_length=10, choices=Unit)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    quick_fact = models.CharField(
        "shown in quick facts as",
        max_length=20,
        choices=QuickFact,
        blank=True,
        help_text="The quick facts at the top of the home and salary pages show this "
        "statistic in that line. One statistic a line; empty for most statistics.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["quick_fact"],
                condition=~models.Q(quick_fact=""),
                name="one_statistic_per_quick_fact",
                violation_error_message="Another statistic already fills this quick fact.",
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def period(self) -> str:
        """The date the figure describes, read from its source (never typed in the label):
        "May 2019", or the year alone for a figure set for a whole year."""
        return date_label(self.source.as_of)

    @property
    def dated_label(self) -> str:
        return f"{self.label}, {self.period}"

    def clean(self) -> None:
        if self.unit != self.Unit.PERCENT and self.value is not None and self.value < 0:
            raise ValidationError({"value": "Must not be negative for this unit."})
        if self.unit == self.Unit.PERCENT and self.value is not None and abs(self.value) > 1000:
            raise ValidationError({"value": "A percentage must lie between -1000 and 1000."})


class OewsReleaseQuerySet(models.QuerySet):
    def delete(self):
        """Delete the releases with their wage rows removed in bulk (``delete_wages``)."""
        with transaction.atomic(using=self.db), edit_batch():
            releases = list(self.values_list("pk", flat=True))
            wages = delete_wages(OewsWage.objects.using(self.db).filter(release__in=releases))
            deleted, counts = super().delete()
        return with_wages(deleted, counts, wages)


class OewsRelease(models.Model):
    """One BLS Occupational Employment and Wage Statistics survey period."""

    slug = models.SlugField(unique=True, help_text="For example may-2022.")
    survey_date = models.DateField(
        help_text="The reference month of the survey (BLS surveys pay in May); its name, "
        "“May 2022”, is read from this date everywhere it is shown."
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    objects = OewsReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-survey_date"]
        verbose_name = "OEWS release"

    def __str__(self) -> str:
        return f"OEWS {self.period}"

    def delete(self, using=None, keep_parents=False):
        """Delete the release with its wage rows removed in bulk (``delete_wages``): one
        new content version and one snapshot for the lot, however many rows it holds."""
        using = using or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using), edit_batch():
            wages = delete_wages(OewsWage.objects.using(using).filter(release=self))
            deleted, counts = super().delete(using, keep_parents)
        return with_wages(deleted, counts, wages)

    @property
    def period(self) -> str:
        return period_label(self.survey_date)


class AreaType(models.IntegerChoices):
    NATIONAL = 1, "National"
    STATE = 2, "State"
    METRO = 4, "Metropolitan area"
    NONMETRO = 6, "Non-metropolitan area"


WAGE_FIELDS = [
    "h_mean",
    "a_mean",
    "h_pct10",
    "h_pct25",
    "h_median",
    "h_pct75",
    "h_pct90",
    "a_pct10",
    "a_pct25",
    "a_median",
    "a_pct75",
    "a_pct90",
]


class OccupationQuerySet(models.QuerySet):
    def codes(self) -> list[str]:
        """The SOC codes an OEWS import keeps besides 43-6013."""
        return list(self.values_list("soc_code", flat=True))


class Occupation(models.Model):
    """A job on the career ladder. An OEWS import keeps the rows of every code listed here."""

    class Kind(models.TextChoices):
        STEP = "step", "A step up the ladder"
        SIDE = "side", "A side move"

    soc_code = models.CharField(
        "SOC code",
        max_length=7,
        unique=True,
        validators=[RegexValidator(r"^\d{2}-\d{4}$", "Write the code as BLS does: 43-6013.")],
        help_text="The BLS Standard Occupational Classification code, e.g. 43-4171.",
    )
    title = models.CharField(max_length=200, help_text="The job as readers know it.")
    bls_title = models.CharField("BLS title", max_length=200)
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.STEP)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order on the ladder.")
    history = HistoricalRecords()

    objects = OccupationQuerySet.as_manager()

    class Meta:
        ordering = ["position", "soc_code"]

    def __str__(self) -> str:
        return f"{self.title} ({self.soc_code})"


class OewsWage(models.Model):
    """One area's wages for one occupation in one release (SOC 43-6013 unless a ladder code).
    Empty means BLS did not publish it."""

    release = models.ForeignKey(OewsRelease, on_delete=models.CASCADE, related_name="wages")
    area = models.CharField(max_length=10)
    area_title = models.CharField(max_length=200)
    area_type = models.PositiveSmallIntegerField(choices=AreaType)
    occ_code = models.CharField(max_length=10, default="43-6013")
    employment = models.PositiveIntegerField(
        null=True, blank=True, help_text="People employed (BLS TOT_EMP)."
    )
    h_mean = models.DecimalField(
        max_digits=7, decimal_places=2, null=True, blank=True, help_text="$ an hour."
    )
    a_mean = models.PositiveIntegerField(null=True, blank=True, help_text="$ a year.")
    h_pct10 = models.DecimalField(
        max_digits=7, decimal_places=2, null=True, blank=True, help_text="$ an hour."
    )
    h_pct25 = models.DecimalField(
        max_digits=7, decimal_places=2, null=True, blank=True, help_text="$ an hour."
    )
    h_median = models.DecimalField(
        max_digits=7, decimal_places=2, null=True, blank=True, help_text="$ an hour."
    )
    h_pct75 = models.DecimalField(
        max_digits=7, decimal_places=2, null=True, blank=True, help_text="$ an hour."
    )
    h_pct90 = models.DecimalField(
        max_digits=7, decimal_places=2, null=True, blank=True, help_text="$ an hour."
    )
    a_pct10 = models.PositiveIntegerField(null=True, blank=True, help_text="$ a year.")
    a_pct25 = models.PositiveIntegerField(null=True, blank=True, help_text="$ a year.")
    a_median = models.PositiveIntegerField(null=True, blank=True, help_text="$ a year.")
    a_pct75 = models.PositiveIntegerField(null=True, blank=True, help_text="$ a year.")
    a_pct90 = models.PositiveIntegerField(null=True, blank=True, help_text="$ a year.")
    withheld = models.JSONField(
        default=list,
        blank=True,
        help_text="Fields BLS did not publish (* or ** in its files).",
    )
    top_coded = models.JSONField(
        default=list,
        blank=True,
        help_text="Fields BLS marked # (at or above the top of its published range).",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["release", "area_type", "area_title"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "area", "occ_code"], name="one_wage_row_per_area_and_code"
            )
        ]
        verbose_name = "OEWS wage row"

    def __str__(self) -> str:
        return f"{self.area_title}, {self.occ_code} ({self.release.period})"

    def clean(self) -> None:
        # The same rule an OEWS import applies.
        values = {name: getattr(self, name) for name in WAGE_FIELDS}
        errors: dict[str, list[str]] = {}
        top_coded = self.top_coded if isinstance(self.top_coded, list) else []
        for name, message in wage_problems(values, top_coded=top_coded):
            errors.setdefault(name, []).append(message)
        if errors:
            raise ValidationError(errors)


class FigureChange(models.Model):
    """A figure readers saw change: its text before and after, and why.

    Written when the tables' snapshot is stored again after a batch of edits, by comparing
    every figure the site showed before with what it shows now (salaries.changes), so a
    change reaches the log however it was made: the admin, a table import, an OEWS upload.
    """

    name = models.CharField(max_length=200, help_text="The placeholder name.")
    old_text = models.CharField(max_length=200)
    new_text = models.CharField(max_length=200)
    reason = models.CharField(max_length=300, blank=True)
    is_correction = models.BooleanField(default=False)
    source_slug = models.CharField(max_length=50, blank=True)
    source_name = models.CharField(max_length=420, blank=True)
    period = models.CharField(max_length=40, blank=True, help_text="The source's date, as shown.")
    changed_at = models.DateTimeField(default=timezone.now)
    # The changes one batch of edits made share a number (the content version it gave).
    edit = models.PositiveBigIntegerField(default=0, db_index=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [
            models.Index(fields=["-changed_at", "-id"], name="figure_change_newest"),
            models.Index(fields=["name", "-changed_at"], name="figure_change_by_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.old_text} → {self.new_text}"


def delete_wages(wages: models.QuerySet) -> int:
    """Delete wage rows with one DELETE, and return how many went.

    Deleting them one by one sends a post_delete signal per row, each giving the content
    a new version and marking the snapshot out of date (an 80,001-row release took over
    ten minutes). Here no signal is sent: the caller deletes the release afterwards, whose
    own signal records the change once. Each row still gets the deletion record ("-")
    simple_history would give it, all written by one INSERT ... SELECT.
    """
    using = wages.db
    historical = OewsWage.history.model
    names = [field.attname for field in historical.tracked_fields]
    user = historical.get_default_history_user(OewsWage())
    stamps = {
        "history_date": models.Value(timezone.now(), output_field=models.DateTimeField()),
        "history_type": models.Value("-", output_field=models.CharField()),
        "history_user_id": models.Value(
            user.pk if user is not None else None, output_field=models.BigIntegerField()
        ),
        "history_change_reason": models.Value(
            "Deleted with its OEWS release", output_field=models.CharField()
        ),
    }
    # The history table's own key (history_id) is numbered by the database.
    columns = [*names, *stamps]
    expected = {f.attname for f in historical._meta.concrete_fields} - {"history_id"}
    if set(columns) != expected:
        raise RuntimeError(f"The history of wage rows has other columns: {expected ^ set(columns)}")
    rows = wages.order_by().annotate(**{f"_{name}": value for name, value in stamps.items()})
    select = rows.values_list(*names, *(f"_{name}" for name in stamps))
    sql, params = select.query.get_compiler(using).as_sql()
    quote = connections[using].ops.quote_name
    table = quote(historical._meta.db_table)
    targets = ", ".join(quote(historical._meta.get_field(name).column) for name in columns)
    with connections[using].cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({targets}) {sql}", params)
    # Nothing refers to a wage row (the test of the admin's delete page checks), so no
    # cascade is skipped; _raw_delete is the DELETE Django's own fast delete runs.
    return wages.order_by()._raw_delete(using)


def with_wages(deleted: int, counts: dict[str, int], wages: int) -> tuple[int, dict[str, int]]:
    """Django's count of deleted rows, with the wage rows deleted in bulk added."""
    if not wages:
        return deleted, counts
    return deleted + wages, {**counts, OewsWage._meta.label: wages}


class TablesSnapshot(models.Model):
    """Every salary table as plain JSON, stored after each batch of edits.

    Public pages read this one row instead of eleven tables (see salaries.snapshot). An
    edit marks it out of date in the edit's own transaction; until it is stored again,
    pages read the tables themselves.
    """

    is_current = models.BooleanField(default=False)
    data = models.JSONField(default=dict, encoder=DjangoJSONEncoder, editable=False)
    built_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Salary tables stored {self.built_at:%Y-%m-%d %H:%M}"
