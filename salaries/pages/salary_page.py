"""Data tables and charts shown below the guide's salary page.

Everything comes from the salary tables: each is read once, so the page runs the same
number of queries however many rows editors add, and the result is cached until the
next edit (see careerguide.shared.versioning). Every table is described as data (Table, Cell) and
drawn by one partial, so all of them get the same caption, headers and scrolling.
"""

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse

from careerguide.shared.versioning import cached
from salaries.models import (
    AreaType,
    EducationLevel,
    EmployerType,
    ExperienceBand,
    Grade,
    Location,
    OewsRelease,
    OewsWage,
    PriceParity,
    Source,
    overdue_sources,
)
from salaries.pages.charts import line_chart, map_legend, range_chart, state_map
from salaries.pay import formatting as fmt
from salaries.pay import state_map as tiles
from salaries.pay.places import STATES, bea_code
from salaries.snapshot import SalaryData, salary_data

MISSING = "—"
PERCENTILES = [
    ("pct10", "10th percentile"),
    ("pct25", "25th percentile"),
    ("median", "Median"),
    ("pct75", "75th percentile"),
    ("pct90", "90th percentile"),
]


@dataclass(frozen=True)
class Cell:
    text: str
    href: str = ""
    datetime: str = ""  # for a <time> element
    css: str = ""
    label: str = ""  # the column's heading, shown beside the cell when rows stack on a phone


@dataclass(frozen=True)
class Table:
    caption: str
    columns: list[tuple[Cell, bool]]  # (heading, holds figures)
    rows: list[list[Cell]]  # the first cell of a row is its header
    css: str = ""  # a width class from site.css for tables with long text


def salary_page_data(request: HttpRequest) -> dict:
    """What the guide's salary page shows below its text."""
    return {
        "page_extras": ["salaries/_salary_data.html"],
        "salary": cached("salary-page", salary_page_context),
    }


def salary_page_context() -> dict:
    data = salary_data()
    releases = sorted(data.releases, key=lambda release: release.survey_date, reverse=True)
    national = {wage.release_id: wage for wage in data.national_wages}
    bands = data.bands
    newest = data.newest_national_wage()
    latest = newest.release if newest else None
    return {
        "states": state_maps(data),
        "national": national_table(data.sources),
        "latest_release": release_cell(latest) if latest else None,
        "percentiles": percentile_tables(releases, national),
        "experience_chart": experience_chart(bands),
        "experience": experience_table(bands),
        "trend_chart": trend_chart(releases, national),
        "trend": trend_table(releases, national),
        "education": education_table(data.education),
        "locations": location_table(data.locations),
        "employers": employer_table(data.employers),
        "certifications": certification_table(data.certifications),
    }


def as_cell(value: Cell | str) -> Cell:
    return value if isinstance(value, Cell) else Cell(value)


def table(caption: str, columns: list[tuple[Cell | str, bool]], rows, *, css: str = "") -> Table:
    """Build a Table from Cells or plain text, marking the cells of figure columns and
    labelling every cell with its column's heading."""
    headings = [(as_cell(heading), numeric) for heading, numeric in columns]
    built = []
    for row in rows:
        cells = [as_cell(value) for value in row]
        built.append(
            [
                replace(cell, css="num" if numeric else cell.css, label=heading.text)
                for cell, (heading, numeric) in zip(cells, headings, strict=True)
            ]
        )
    return Table(caption=caption, columns=headings, rows=built, css=css)


def source_cell(source: Source, *, text: str = "", css: str = "cell-source") -> Cell:
    """Link to the source's entry on the data sources page."""
    return Cell(text or source.publisher, href=source.get_absolute_url(), css=css)


def month_cell(when: date, text: str = "", *, href: str = "") -> Cell:
    return Cell(
        text or when.strftime("%B %Y"), href=href, datetime=when.strftime("%Y-%m"), css="nowrap"
    )


def release_cell(release: OewsRelease) -> Cell:
    return month_cell(release.survey_date, release.period, href=source_cell(release.source).href)


def national_table(sources) -> Table:
    """Every source that gives a salary figure, in the editors' order."""
    return table(
        "National salary figures by source",
        [
            ("Source", False),
            ("Measures", False),
            ("Low", True),
            ("Typical", True),
            ("High", True),
            ("As of", False),
            ("Grade", False),
        ],
        [
            [
                source_cell(source, text=str(source), css=""),
                source.get_measure_display(),
                MISSING if source.low is None else fmt.money(source.low),
                fmt.money(source.typical),
                MISSING if source.high is None else fmt.money(source.high),
                month_cell(source.as_of),
                source.grade_text.capitalize(),
            ]
            for source in sources
            if source.typical is not None
        ],
        css="national-table",
    )


def wage_text(wage: OewsWage | None, field: str) -> str:
    """Say one BLS figure, or why it is missing."""
    value = None if wage is None else getattr(wage, field)
    top_coded = wage is not None and field in wage.top_coded
    if value is None:
        if wage is not None and field in wage.withheld:
            return "not published"
        return "above BLS's top published wage" if top_coded else "not on file"
    text = fmt.hourly(value) if field.startswith("h_") else fmt.money(value)
    return f"≥ {text}" if top_coded else text


def percentile_tables(releases, national) -> list[Table]:
    """Annual and hourly percentiles, one column per release on file, newest first."""
    columns = [("Percentile", False)] + [(release_cell(release), True) for release in releases]
    return [
        table(
            f"{kind} wages, national, by BLS survey period",
            columns,
            [
                [label] + [wage_text(national.get(r.pk), f"{unit}_{key}") for r in releases]
                for key, label in PERCENTILES
            ],
        )
        for unit, kind in (("a", "Annual"), ("h", "Hourly"))
    ]


def experience_chart(bands: list[ExperienceBand]):
    spoken = "; ".join(
        f"{band.name}, {band.years_label}: "
        f"{fmt.money_range(band.low, band.high, open_ended=band.high_is_open)}"
        for band in bands
    )
    return range_chart(
        [(f"{b.name} ({b.years_label})", b.low, b.high, b.high_is_open) for b in bands],
        title="Yearly pay by years of experience",
        description=f"Horizontal bars from the low to the high end of each band. {spoken}.",
    )


def experience_table(bands: list[ExperienceBand]) -> Table:
    return table(
        "Yearly pay by years of experience",
        [("Experience", False), ("Years", False), ("Low", True), ("High", True), ("Source", False)],
        [
            [
                band.name,
                Cell(band.years_label, css="nowrap"),
                fmt.money(band.low),
                fmt.money(band.high, open_ended=band.high_is_open),
                source_cell(band.source),
            ]
            for band in bands
        ],
        css="data-table-wide",
    )


TREND_FIELDS = [
    ("a_pct10", "10th percentile"),
    ("a_median", "Median"),
    ("a_pct90", "90th percentile"),
]


def trend_chart(releases, national):
    """The national annual median, with the 10th and 90th percentiles, release by release."""
    points = []
    spoken = []
    for release in sorted(releases, key=lambda release: release.survey_date):
        wage = national.get(release.pk)
        spoken.append(
            f"{release.period}: "
            + ", ".join(f"{label} {wage_text(wage, name)}" for name, label in TREND_FIELDS)
        )
        if wage is not None and (wage.a_median is not None or wage.a_pct10 is not None):
            points.append(
                (release.survey_date, release.period, wage.a_median, wage.a_pct10, wage.a_pct90)
            )
    return line_chart(
        points,
        title="BLS national annual wages by survey",
        description=(
            "The median as a line, with a bar from the 10th to the 90th percentile "
            f"where BLS published them. {'; '.join(spoken)}."
        ),
    )


def trend_table(releases, national) -> Table:
    return table(
        "National annual wages by BLS survey period",
        [("Survey period", False), *((label, True) for _, label in TREND_FIELDS)],
        [
            [release_cell(release)]
            + [wage_text(national.get(release.pk), name) for name, _ in TREND_FIELDS]
            for release in sorted(releases, key=lambda release: release.survey_date)
        ],
    )


def education_premium(level: EducationLevel, base: EducationLevel) -> str:
    """Say how much more a level starts at than the lowest-paid level, as the estimator adds it."""
    if level.pk == base.pk:
        return "baseline"
    return fmt.money(level.start_low - base.start_low)


def lowest_education(levels) -> EducationLevel | None:
    """The level with the lowest starting pay: the typical entry education."""
    return min(levels, key=lambda level: level.start_low, default=None)


def education_table(levels) -> Table:
    """Starting pay by education, with each level's premium over the lowest-paid level."""
    levels = list(levels)
    base = lowest_education(levels)
    return table(
        "Starting pay by education level, with the premium over the lowest-paid level",
        [("Education", False), ("Starting pay", True), ("Premium", True), ("Source", False)],
        [
            [
                level.name,
                fmt.money_range(level.start_low, level.start_high),
                education_premium(level, base),
                source_cell(level.source),
            ]
            for level in levels
        ],
        css="data-table-wide",
    )


def against_national(row: Location | EmployerType) -> str:
    return f"{fmt.adjustment_range(row.adjustment_low, row.adjustment_high)} national pay"


def location_table(locations) -> Table:
    return table(
        "Pay by location compared with national pay",
        [
            ("Location", False),
            ("State or region", False),
            ("Example cities", False),
            ("Compared with national pay", False),
            ("Source", False),
        ],
        [
            [
                row.name,
                row.region,
                row.example_cities or MISSING,
                against_national(row),
                source_cell(row.source),
            ]
            for row in locations
        ],
        css="data-table-wide",
    )


def employer_pay(row: EmployerType) -> str:
    if row.pay_low is None:
        return row.pay_note or MISSING
    pay = fmt.money_range(row.pay_low, row.pay_high)
    return f"{pay} ({row.pay_note})" if row.pay_note else pay


def employer_table(employers) -> Table:
    return table(
        "Pay, adjustment, pros and cons by employer type",
        [
            ("Employer type", False),
            ("Pay", False),
            ("Compared with national pay", False),
            ("Pros", False),
            ("Cons", False),
            ("Source", False),
        ],
        [
            [
                row.name,
                employer_pay(row),
                against_national(row),
                Cell(row.pros or MISSING, css="cell-long"),
                Cell(row.cons or MISSING, css="cell-long"),
                source_cell(row.source),
            ]
            for row in employers
        ],
        css="data-table-wider",
    )


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def certification_table(certifications) -> Table:
    return table(
        "Yearly pay premium by certification, as the source article claims it",
        [("Certification", False), ("Issuer", False), ("Premium", True), ("Source", False)],
        [
            [
                f"{row.name} ({row.abbreviation})",
                row.issuer,
                sentence_case(fmt.premium_range(row.premium_low, row.premium_high)),
                source_cell(row.source),
            ]
            for row in certifications
        ],
        css="data-table-wide",
    )


@dataclass(frozen=True)
class GradeGroup:
    grade: str
    title: str
    explanation: str
    sources: list  # (source, the date a newer edition fell due or None)


GRADE_GROUPS = (
    (
        Grade.PUBLISHED,
        "Published",
        "Read on the publisher's own page or file, linked from each entry.",
    ),
    (
        Grade.REPORTED,
        "Reported",
        "The publisher's figure, read in another page that quotes it (named in each entry), "
        "because no copy from the publisher itself could be read.",
    ),
    (
        Grade.ESTIMATE,
        "This site's estimate",
        "Worked out here: scaled, interpolated, converted or combined from the figures above; "
        "each entry says how.",
    ),
)


def grade_groups(*, today: date | None = None) -> list[GradeGroup]:
    """The sources page's groups: each grade with its sources and which are overdue."""
    sources = salary_data().sources
    late = overdue_sources(sources, today=today)
    return [
        GradeGroup(
            grade=grade,
            title=title,
            explanation=explanation,
            sources=[(s, late.get(s.pk)) for s in sources if s.grade == grade],
        )
        for grade, title, explanation in GRADE_GROUPS
    ]


# The map of the states -----------------------------------------------------------------


def newest_state_medians(area_wages: list[OewsWage]) -> tuple[OewsRelease | None, dict]:
    """The newest release with a state median on file, and each state's median in it.

    The map shows one survey, so that its colours compare like with like."""
    states = [w for w in area_wages if w.area_type == AreaType.STATE and w.a_median is not None]
    if not states:
        return None, {}
    newest = max(states, key=lambda wage: wage.release.survey_date).release
    return newest, {w.area: w.a_median for w in states if w.release_id == newest.pk}


def state_parities(parities: list[PriceParity]) -> dict[str, PriceParity]:
    """Each state's price parity row, by its two-digit code."""
    codes = {bea_code(code, state=True): code for code, _ in STATES}
    return {codes[row.area]: row for row in parities if row.area in codes}


def estimate_url(slug: str) -> str:
    return f"{reverse('salaries:estimator')}?{urlencode({'location': slug})}"


def pay_label(figure: tiles.StateFigure) -> str:
    if figure.pay is None:
        return f"{figure.name}: not on file"
    grade = "published" if figure.grade == tiles.PUBLISHED else "this site's estimate"
    return f"{figure.name}: {fmt.money(figure.pay)} a year, {grade}"


def buys_label(figure: tiles.StateFigure) -> str:
    if figure.pay is None:
        return f"{figure.name}: not on file"
    if figure.buys is None:
        return f"{figure.name}: no price level on file"
    grade = "published pay" if figure.grade == tiles.PUBLISHED else "this site's estimate"
    return (
        f"{figure.name}: {fmt.money(figure.buys)} a year after price level "
        f"({grade}, price level {fmt.number(figure.price.rpp.normalize())})"
    )


def state_maps(data: SalaryData) -> dict:
    """Two maps of the states (what the job pays, and what that pay buys), their key
    and the table with every figure."""
    release, own = newest_state_medians(data.area_wages)
    national_wage = data.newest_national_wage("a_median")
    national = Decimal(national_wage.a_median) if national_wage else None
    parity_rows = state_parities(data.parities)
    figures = tiles.state_figures(
        own=own,
        national=national,
        parities={
            code: tiles.PriceLevel(rpp=row.rpp, year=row.year) for code, row in parity_rows.items()
        },
        slugs={code: row.slug for code, row in parity_rows.items()},
    )
    bins = tiles.bins(
        [f.pay for f in figures if f.pay is not None]
        + [f.buys for f in figures if f.buys is not None]
    )

    def colour(value: Decimal | None) -> str | None:
        found = None if value is None else tiles.bin_for(value, bins)
        return found.colour if found else None

    def tiles_of(value, label) -> list:
        return [
            (
                f.abbreviation,
                f.column,
                f.row,
                estimate_url(f.slug),
                label(f),
                colour(value(f)),
                f.grade == tiles.ESTIMATE,
            )
            for f in figures
        ]

    drawn = {"columns": tiles.COLUMNS, "rows": tiles.ROWS}
    count = {grade: sum(f.grade == grade for f in figures) for grade in tiles.GRADES}
    return {
        "release": release_cell(release) if release else None,
        "national": fmt.money(national) if national is not None else None,
        "national_release": release_cell(national_wage.release) if national_wage else None,
        "counted": counted(count[tiles.PUBLISHED], count[tiles.ESTIMATE], count[tiles.NOT_ON_FILE]),
        "pay_map": state_map(
            tiles_of(lambda f: f.pay, pay_label),
            title="Median yearly pay by state",
            description=(
                "Each state is one square, placed roughly where it lies, coloured by its "
                "median yearly pay; each links to an estimate for that state. The table "
                "below the maps lists the same figures."
            ),
            name="map-pay",
            **drawn,
        ),
        "buys_map": state_map(
            tiles_of(lambda f: f.buys, buys_label),
            title="Yearly pay after each state's price level",
            description=(
                "The same squares, coloured by pay divided by the state's price level "
                "(BEA's regional price parity over 100): what the pay buys in national "
                "dollars. The table below the maps lists the same figures."
            ),
            name="map-buys",
            **drawn,
        ),
        "legend": map_legend(
            [(fmt.money_range(b.low, b.high), b.colour, False) for b in bins]
            + [
                ("This site's estimate (hatched, dashed edge)", tiles.PALETTE[2], True),
                ("Not on file (empty, dotted edge)", None, False),
            ],
            name="map-key",
        ),
        "table": state_table(figures, parity_rows, release),
    }


def grade_cell(figure: tiles.StateFigure, release: OewsRelease | None) -> Cell:
    if figure.grade == tiles.PUBLISHED:
        return Cell(
            f"Published (BLS, {release.period})",
            href=source_cell(release.source).href,
            css="nowrap",
        )
    if figure.grade == tiles.ESTIMATE:
        return Cell("This site's estimate")
    return Cell("Not on file")


def price_cell(row: PriceParity | None) -> Cell:
    if row is None:
        return Cell("not on file")
    return Cell(
        f"{fmt.number(row.rpp.normalize())} ({row.year})", href=source_cell(row.source).href
    )


def state_table(figures, parity_rows, release) -> Table:
    return table(
        "Median yearly pay by state, with its price level (U.S. = 100) and what the pay buys",
        [
            ("State", False),
            ("Median pay", True),
            ("Grade", False),
            ("Price level", True),
            ("After price level", True),
            ("Estimate", False),
        ],
        [
            [
                f.name,
                fmt.money(f.pay),
                grade_cell(f, release),
                price_cell(parity_rows.get(f.code)),
                MISSING if f.buys is None else fmt.money(f.buys),
                Cell(f"Estimate for {f.name}", href=estimate_url(f.slug)),
            ]
            for f in sorted(figures, key=lambda figure: figure.name)
        ],
        css="data-table-wide",
    )


def counted(published: int, estimated: int, missing: int) -> str:
    """How many of the 50 states and DC the map shows each way, naming only those that
    hold any: "all 51 ... have BLS figures of their own" when every one does."""
    total = published + estimated + missing
    if published == total:
        return f"Today all {total} have BLS figures of their own."
    parts = [
        text
        for number, text in (
            (published, f"{published} with BLS figures"),
            (estimated, f"{estimated} estimated"),
            (missing, f"{missing} not on file"),
        )
        if number
    ]
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"Today that is {joined}, of the 50 states and DC."
