"""Named figures that pages quote as {{ name }} placeholders.

The whole set is built from the snapshot of the tables (salaries.snapshot) and cached
until the next edit (see careerguide.shared.versioning).
"""

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.urls import reverse

from careerguide.shared.versioning import cached
from salaries.models import WAGE_FIELDS, Grade, Statistic, overdue_sources, source_url
from salaries.models import grade_text as models_grade_text
from salaries.pay import formatting as fmt
from salaries.pay.estimator import (
    DEFAULT_LOCATION,
    HOURS_PER_YEAR,
    MAX_YEARLY_RISE,
    Profile,
    Tables,
    estimate,
    head_start,
)
from salaries.snapshot import SalaryData, estimator_tables, read_tables_for_estimate, salary_data


@dataclass(frozen=True)
class Figure:
    key: str
    text: str
    source_slug: str
    source_name: str
    as_of: str
    as_of_date: date | None = None  # the source's date, for a page's range of source dates
    grade: str = "published"
    grade_text: str = "published"
    overdue_since: date | None = None  # a newer edition was due then and is not on file
    subject: str = ""  # the row the figure comes from, as readers know it

    @property
    def grade_words(self) -> str:
        """The grade alone, as a page says it beside the figure (an estimate's method is
        left to the link's title)."""
        return models_grade_text(self.grade)

    @property
    def anchor(self) -> str:
        return source_url(self.source_slug)

    @property
    def url(self) -> str:
        """The figure's own page: its value, history, source and a citation."""
        return figure_url(self.key)

    @property
    def label(self) -> str:
        """What the figure is, in words: "Median yearly pay: BLS OEWS May 2024, U.S." """
        return figure_label(self.key, self.subject)


def figure_url(name: str) -> str:
    return reverse("careerguide:figure", kwargs={"name": name})


PERCENTILE_WORDS = {"10": "10th", "25": "25th", "75": "75th", "90": "90th"}
WORDS = {
    "low": "low end",
    "typical": "typical figure",
    "high": "high end",
    "range": "range",
    "as_of": "date",
    "year": "year",
    "years": "years of experience",
    "period": "release",
    "example_range": "worked example (national pay moved by this row)",
    "pay_low": "pay, low end",
    "pay_high": "pay, high end",
    "pay_range": "pay range",
    "employment": "people employed",
    "a_mean": "mean yearly pay",
    "h_mean": "mean hourly pay",
    "a_median": "median yearly pay",
    "h_median": "median hourly pay",
    **{f"a_pct{n}": f"yearly pay, {word} percentile" for n, word in PERCENTILE_WORDS.items()},
    **{f"h_pct{n}": f"hourly pay, {word} percentile" for n, word in PERCENTILE_WORDS.items()},
    "match_rate": "401(k) match rate",
    "match_cap": "401(k) match cap",
    "default_contribution": "usual 401(k) contribution",
    "bonus_low": "bonus, low end",
    "bonus_high": "bonus, high end",
    "bonus_range": "bonus range",
    "health": "employer's share of the health premium",
    "pto_days": "paid time off",
}


def figure_label(name: str, subject: str = "") -> str:
    """A figure's name in words, from its placeholder name and the row it comes from."""
    kind, _, rest = name.partition(".")
    if kind == "stat":
        return subject or rest
    if kind == "method":
        words = rest.replace("example.", "worked example, ").replace("_", " ").replace(".", " ")
        return f"How the estimate works: {words}"
    words = WORDS.get(name.rpartition(".")[2], name.rpartition(".")[2].replace("_", " "))
    return f"{subject}: {words}" if subject else words.capitalize()


# The national figure that worked examples apply percentages to.
EXAMPLE_BASE = "guide-national"


def statistic_text(statistic: Statistic) -> str:
    """A statistic in its unit: 8%, 604,780, $38,090, $17.59."""
    return {
        Statistic.Unit.PERCENT: fmt.percent,
        Statistic.Unit.COUNT: fmt.number,
        Statistic.Unit.DOLLARS: fmt.money,
        Statistic.Unit.HOURLY: fmt.hourly,
    }[statistic.unit](statistic.value)


def registry() -> dict[str, Figure]:
    # Keyed by the day as well: a due date passing makes a figure overdue with no edit.
    today = date.today()
    return cached(f"figures:{today.isoformat()}", lambda: build_registry(today=today))


def build_registry(
    *, today: date | None = None, data: SalaryData | None = None, tables: Tables | None = None
) -> dict[str, Figure]:
    """Every figure, from the current tables or (for the change log) from given ones."""
    if data is None:
        data, tables = salary_data(), estimator_tables()
    elif tables is None:
        tables = read_tables_for_estimate(data)
    sources = {source.pk: source for source in data.sources}
    late = overdue_sources(data.sources, today=today)
    figures: dict[str, Figure] = {}
    subject = ""

    def add(key: str, text: str, source_id: int, method: str = "") -> None:
        """A figure from a source's row; with a method, this site's estimate made from it."""
        source = sources[source_id]
        grade, grade_text = source.grade, source.grade_text
        if method:
            grade, grade_text = Grade.ESTIMATE, models_grade_text(Grade.ESTIMATE, method)
        figures[key] = Figure(
            key=key,
            text=text,
            source_slug=source.slug,
            source_name=str(source),
            as_of=source.as_of.strftime("%B %Y"),
            as_of_date=source.as_of,
            grade=grade,
            grade_text=grade_text,
            overdue_since=late.get(source_id),
            subject=subject,
        )

    for source in sources.values():
        prefix = f"source.{source.slug}"
        subject = source.name
        # Dates in prose come from the tables too, so moving a source's date moves the text.
        add(f"{prefix}.as_of", source.as_of.strftime("%B %Y"), source.pk)
        add(f"{prefix}.year", str(source.as_of.year), source.pk)
        for field in ("low", "typical", "high"):
            if getattr(source, field) is not None:
                add(f"{prefix}.{field}", fmt.money(getattr(source, field)), source.pk)
        if source.low is not None and source.high is not None:
            add(f"{prefix}.range", fmt.money_range(source.low, source.high), source.pk)

    for band in data.bands:
        prefix = f"experience.{band.slug}"
        subject = f"Experience, {band.name}"
        add(f"{prefix}.low", fmt.money(band.low), band.source_id)
        add(f"{prefix}.high", fmt.money(band.high, open_ended=band.high_is_open), band.source_id)
        add(
            f"{prefix}.range",
            fmt.money_range(band.low, band.high, open_ended=band.high_is_open),
            band.source_id,
        )
        add(f"{prefix}.years", band.years_label, band.source_id)

    for level in data.education:
        prefix = f"education.{level.slug}"
        subject = f"Starting pay, {level.name}"
        add(f"{prefix}.low", fmt.money(level.start_low), level.source_id)
        if level.start_high is not None:
            add(f"{prefix}.high", fmt.money(level.start_high), level.source_id)
        add(f"{prefix}.range", fmt.money_range(level.start_low, level.start_high), level.source_id)

    for kind, rows in (("certification", data.certifications), ("skill", data.skills)):
        for row in rows:
            prefix = f"{kind}.{row.slug}"
            subject = f"{kind.capitalize()} premium, {row.name}"
            add(f"{prefix}.low", fmt.money(row.premium_low), row.source_id)
            add(f"{prefix}.high", fmt.money(row.premium_high), row.source_id)
            add(
                f"{prefix}.range",
                fmt.premium_range(row.premium_low, row.premium_high),
                row.source_id,
            )

    base = next((s for s in data.sources if s.slug == EXAMPLE_BASE and s.typical), None)
    for kind, rows in (("location", data.locations), ("employer", data.employers)):
        for row in rows:
            prefix = f"{kind}.{row.slug}"
            subject = f"{'Location' if kind == 'location' else 'Employer type'}, {row.name}"
            if base is not None:
                # The worked example on the pay-factors page: the national midpoint moved by
                # the row's percentages, so the example follows both rows when edited.
                low = base.typical * (100 + row.adjustment_low) / 100
                high = base.typical * (100 + row.adjustment_high) / 100
                text = fmt.money(low) if low == high else fmt.money_range(low, high)
                add(f"{prefix}.example_range", text, row.source_id)
            add(f"{prefix}.low", fmt.signed_percent(row.adjustment_low), row.source_id)
            add(f"{prefix}.high", fmt.signed_percent(row.adjustment_high), row.source_id)
            add(
                f"{prefix}.range",
                fmt.adjustment_range(row.adjustment_low, row.adjustment_high),
                row.source_id,
            )
            if kind == "employer" and row.pay_low is not None:
                add(f"{prefix}.pay_low", fmt.money(row.pay_low), row.source_id)
                if row.pay_high is not None:
                    add(f"{prefix}.pay_high", fmt.money(row.pay_high), row.source_id)
                add(
                    f"{prefix}.pay_range", fmt.money_range(row.pay_low, row.pay_high), row.source_id
                )

    benefits = data.benefits
    subject = "Benefit assumptions"
    if benefits is not None:
        add("benefits.match_rate", fmt.percent(benefits.match_rate), benefits.source_id)
        add("benefits.match_cap", fmt.percent(benefits.match_cap), benefits.source_id)
        add(
            "benefits.default_contribution",
            fmt.percent(benefits.default_contribution),
            benefits.source_id,
        )
        add("benefits.bonus_low", fmt.money(benefits.bonus_low), benefits.bonus_source_id)
        add("benefits.bonus_high", fmt.money(benefits.bonus_high), benefits.bonus_source_id)
        add(
            "benefits.bonus_range",
            fmt.money_range(benefits.bonus_low, benefits.bonus_high),
            benefits.bonus_source_id,
        )
        add(
            "benefits.health", fmt.money(benefits.health_insurance_value), benefits.health_source_id
        )
        add("benefits.pto_days", f"{benefits.pto_days} days", benefits.pto_source_id)

    for stat in data.statistics:
        subject = stat.label
        add(f"stat.{stat.slug}", statistic_text(stat), stat.source_id)

    newest = data.newest_national_wage()
    for wage in data.national_wages:
        prefixes = [f"bls.{wage.release.slug}"] + (["bls.latest"] if wage is newest else [])
        subjects = {
            f"bls.{wage.release.slug}": f"BLS OEWS {wage.release.period}, {wage.area_title}",
            "bls.latest": f"BLS OEWS, newest release, {wage.area_title}",
        }
        for prefix in prefixes:
            subject = subjects[prefix]
            add(f"{prefix}.period", wage.release.period, wage.release.source_id)
        for field, text in wage_texts(wage):
            for prefix in prefixes:
                subject = subjects[prefix]
                add(f"{prefix}.{field}", text, wage.release.source_id)
    subject = ""
    occupation_figures(add, data)
    method_figures(add, {source.slug: source.pk for source in sources.values()}, tables)
    return figures


def occupation_figures(add, data) -> None:
    """Each occupation's newest national row, by SOC code: occupation.31-9092.a_median,
    .period and the rest, so pages can set this job beside similar ones in one release."""
    for code, wage in data.newest_wages_by_occupation().items():
        prefix = f"occupation.{code}"
        add(f"{prefix}.period", wage.release.period, wage.release.source_id)
        for field, text in wage_texts(wage):
            add(f"{prefix}.{field}", text, wage.release.source_id)


def wage_texts(wage) -> list[tuple[str, str]]:
    """Each figure an OEWS row publishes, as pages show it: 961,610, $22.08, $45,930."""
    texts = []
    for field in [*WAGE_FIELDS, "employment"]:
        value = getattr(wage, field)
        if value is None:
            continue
        if field == "employment":
            texts.append((field, fmt.number(value)))
        elif field.startswith("h_"):
            texts.append((field, fmt.hourly(value)))
        else:
            texts.append((field, fmt.money(value)))
    return texts


# The worked example on "How the estimate works": an associate degree, five years, the
# CMAA and a hospital, in the national figures and in California.
EXAMPLE = Profile(
    years=5,
    education="associate",
    employer="hospital",
    certifications=("cmaa",),
)
EXAMPLE_PLACE = "california"


def method_figures(add, source_ids: dict[str, int], tables: Tables) -> None:
    """The method's constants and its worked example, worked out by the estimator itself,
    so the method page always shows what the estimator does with the current tables."""
    example_rows = (
        EXAMPLE.education in tables.education,
        EXAMPLE.employer in tables.employers,
        EXAMPLE.certifications[0] in tables.certifications,
    )
    if not tables.is_complete or not all(example_rows):
        return

    def put(key: str, text: str, source, method: str = "") -> None:
        if source.slug in source_ids:
            add(f"method.{key}", text, source_ids[source.slug], method)

    national = tables.national
    reference = tables.reference
    median_source = national.median_source
    # Percentiles brought forward to a newer median are this site's estimate; the
    # estimator's own results always are.
    scaled = national.method
    worked = "worked out by this site's estimator"
    put("reference", fmt.money(reference.median), reference.source)
    put("bls_median", fmt.money(national.median), median_source)
    put("factor", f"{national.median / reference.median:.3f}", median_source, worked)
    put("p10", fmt.money(national.lowest), median_source, scaled)
    put("p90", fmt.money(national.highest), median_source, scaled)
    put("release", national.release.period, national.release.source)
    if national.forward:
        put("forward_factor", f"{national.forward.factor:.3f}", median_source, scaled)
        put("forward_to", national.forward.to.period, median_source)
    band = tables.bands[-1]
    put("max_rise", fmt.percent((MAX_YEARLY_RISE - 1) * 100), band.source)
    put("hours", f"{HOURS_PER_YEAR:,}", median_source)
    put("plateau_years", f"{tables.plateau_from} years", band.source)
    put("plateau_pay", fmt.money(tables.curve[-1]), band.source)

    result = estimate(profile=replace(EXAMPLE, location=DEFAULT_LOCATION), tables=tables)
    lines = {line.label: line for line in result.lines}
    first = result.lines[0]
    put("example.years", f"{EXAMPLE.years} years", first.source)
    put("example.curve", fmt.money(first.effect.typical), first.source)
    if "Education head start" in lines:
        line = lines["Education head start"]
        ahead = head_start(tables.education[EXAMPLE.education], tables=tables)
        years = fmt.number(ahead.quantize(Decimal("0.1")))
        put("example.head_start", f"{years} years", line.source)
        put("example.education", fmt.money(line.effect.typical), line.source)
    if "Certification" in lines:
        line = lines["Certification"]
        put("example.certification", fmt.money(line.effect.typical), line.source)
    if "Employer type" in lines:
        line = lines["Employer type"]
        put("example.employer_percent", fmt.signed_percent(line.percents.typical), line.source)
        put("example.employer", fmt.money(line.effect.typical), line.source)
    put("example.site_scale", fmt.money(result.site_scale), reference.source, worked)
    put("example.typical", fmt.money(result.typical), median_source, worked)
    put("example.range", result.range_text, median_source, worked)
    put("example.hourly", fmt.hourly(result.hourly_typical), median_source, worked)
    put("example.where", result.where, median_source, worked)
    if EXAMPLE_PLACE in tables.places and tables.places[EXAMPLE_PLACE].parity:
        there = estimate(profile=replace(EXAMPLE, location=EXAMPLE_PLACE), tables=tables)
        parity = tables.places[EXAMPLE_PLACE].parity
        put("example.place", tables.places[EXAMPLE_PLACE].name, parity.source)
        put("example.rpp", fmt.number(parity.rpp.normalize()), parity.source)
        put("example.rpp_year", str(parity.year), parity.source)
        put("example.place_typical", fmt.money(there.typical), parity.source, worked)
        put("example.place_buys", there.buys_text, parity.source, worked)
