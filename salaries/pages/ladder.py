"""The career ladder below the outlook page: BLS pay for each occupation editors list.

Built from the salary snapshot like the salary page (salaries.pages.salary_page), so it costs
no query of its own, and cached until the next edit.
"""

from django.http import HttpRequest

from careerguide.shared.versioning import cached
from salaries.models import Occupation, OewsWage
from salaries.pages.charts import range_chart
from salaries.pages.salary_page import MISSING, Table, release_cell, table
from salaries.pay import formatting as fmt
from salaries.snapshot import salary_data

NOT_ON_FILE = "No BLS figure on file"


def ladder_page_data(request: HttpRequest) -> dict:
    """What the outlook page shows below its text."""
    return {"page_extras": ["salaries/_ladder.html"], "ladder": cached("ladder", ladder_context)}


def ladder_context() -> dict:
    data = salary_data()
    wages: dict[str, list[OewsWage]] = {}
    for wage in sorted(
        [*data.national_wages, *data.ladder_wages],
        key=lambda wage: wage.release.survey_date,
        reverse=True,
    ):
        wages.setdefault(wage.occ_code, []).append(wage)
    occupations = list(data.occupations)
    return {
        "chart": ladder_chart(occupations, wages),
        "table": ladder_table(occupations, wages),
        "missing": [o for o in occupations if not wages.get(o.soc_code)],
    }


def spread(wages: list[OewsWage]) -> OewsWage | None:
    """The newest row with the 10th and 90th percentiles, which the chart draws."""
    return next((w for w in wages if w.a_pct10 is not None and w.a_pct90 is not None), None)


def ladder_chart(occupations: list[Occupation], wages: dict[str, list[OewsWage]]):
    rows, spoken = [], []
    for occupation in occupations:
        wage = spread(wages.get(occupation.soc_code, []))
        if wage is None:
            continue
        label = f"{occupation.title}, {wage.release.period}"
        rows.append((label, wage.a_pct10, wage.a_pct90, False))
        spoken.append(f"{label}: {fmt.money_range(wage.a_pct10, wage.a_pct90)}")
    return range_chart(
        rows,
        title="Yearly pay on the career ladder, 10th to 90th percentile",
        description=(
            "Horizontal bars from the 10th to the 90th percentile of national yearly pay, "
            f"each from the newest BLS release on file that has both. {'; '.join(spoken)}."
        ),
    )


def ladder_table(occupations: list[Occupation], wages: dict[str, list[OewsWage]]) -> Table:
    rows = []
    step = 0
    for occupation in occupations:
        if occupation.kind == Occupation.Kind.STEP:
            step += 1
            name = f"{occupation.title} (ladder step {step})"
        else:
            name = f"{occupation.title} ({occupation.get_kind_display().lower()})"
        found = wages.get(occupation.soc_code, [])
        if not found:
            rows.append([name, occupation.soc_code, NOT_ON_FILE, MISSING, MISSING, MISSING])
        for wage in found:
            rows.append(
                [
                    name,
                    occupation.soc_code,
                    release_cell(wage.release),
                    MISSING if wage.a_pct10 is None else fmt.money(wage.a_pct10),
                    MISSING if wage.a_median is None else fmt.money(wage.a_median),
                    MISSING if wage.a_pct90 is None else fmt.money(wage.a_pct90),
                ]
            )
    return table(
        "National yearly pay for each step and side move, by BLS survey",
        [
            ("Job", False),
            ("SOC code", False),
            ("BLS survey", False),
            ("10th percentile", True),
            ("Median", True),
            ("90th percentile", True),
        ],
        rows,
        css="data-table-wide",
    )
