"""Pay of the jobs closest to PT care coordination, below the similar-occupations page.

Drawn from the salary snapshot like the career ladder (salaries.pages.ladder): each job's
newest national BLS row, naming its release, and cached until the next edit. A table rather
than placeholders in the page's text, so the page reads the same whether or not a release
holds every job: a job without a row says so.
"""

from django.http import HttpRequest

from careerguide.shared.versioning import cached
from salaries.pages.ladder import NOT_ON_FILE
from salaries.pages.salary_page import MISSING, Table, release_cell, table
from salaries.pay import formatting as fmt
from salaries.snapshot import COORDINATOR, salary_data

# The jobs the page compares with coordination, in the page's order: medical assistants,
# receptionists, medical records specialists, billing and posting clerks, PT aides.
SIMILAR = ("31-9092", "43-4171", "29-2072", "43-3021", "31-2022")


def similar_page_data(request: HttpRequest) -> dict:
    """What the similar-occupations page shows below its text."""
    return {
        "page_extras": ["salaries/_similar.html"],
        "similar": cached("similar-occupations", similar_context),
    }


def similar_context() -> dict:
    return {"table": similar_table()}


def similar_table() -> Table:
    data = salary_data()
    newest = data.newest_wages_by_occupation()
    titles = {occupation.soc_code: occupation.bls_title for occupation in data.occupations}
    rows = []
    for code in (COORDINATOR, *SIMILAR):
        name = f"{titles.get(code, code)} ({code})"
        if code == COORDINATOR:
            name += ", the group that holds PT care coordinators"
        wage = newest.get(code)
        if wage is None:
            rows.append([name, MISSING, MISSING, MISSING, NOT_ON_FILE])
            continue
        rows.append(
            [
                name,
                MISSING if wage.a_median is None else fmt.money(wage.a_median),
                MISSING if wage.h_median is None else fmt.hourly(wage.h_median),
                MISSING if wage.employment is None else fmt.number(wage.employment),
                release_cell(wage.release),
            ]
        )
    return table(
        "National median pay of the coordinator's group and similar jobs, newest BLS survey",
        [
            ("Occupation (SOC code)", False),
            ("Median a year", True),
            ("Median an hour", True),
            ("Jobs in the U.S.", True),
            ("BLS survey", False),
        ],
        rows,
        css="data-table-wide",
    )
