"""Quick facts about the occupation, as the BLS Occupational Outlook Handbook lists them.

Every fact comes from the salary tables: the newest national OEWS wages, the lowest
education level, and the statistics editors chose for a quick fact (Statistic.quick_fact).
A fact whose data is missing is left out rather than shown empty. Built from the snapshot
(salaries.snapshot) and cached until the next edit (see careerguide.shared.versioning).
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from careerguide.shared.versioning import cached
from salaries.figures import statistic_text
from salaries.models import OewsWage, Source, Statistic
from salaries.oews.checks import HOURS_A_YEAR
from salaries.oews.read import OCC_TITLE
from salaries.pages.salary_page import lowest_education, source_cell, wage_text
from salaries.pay import formatting as fmt
from salaries.snapshot import SalaryData, salary_data


@dataclass(frozen=True)
class QuickFact:
    label: str
    value: str
    detail: str
    source_name: str
    href: str  # the source's entry on the data sources page
    as_of: date


@dataclass(frozen=True)
class QuickFacts:
    facts: list[QuickFact]
    occupation: str  # the BLS occupation the official figures describe

    @property
    def newest(self) -> date | None:
        """The date of the newest figure among the facts."""
        return max((fact.as_of for fact in self.facts), default=None)


def quick_facts() -> QuickFacts:
    """The quick facts at the current content version."""
    return cached("quick-facts", lambda: build_quick_facts(salary_data()))


def fact(label: str, value: str, detail: str, source: Source) -> QuickFact:
    return QuickFact(
        label=label,
        value=value,
        detail=detail,
        source_name=str(source),
        href=source_cell(source).href,
        as_of=source.as_of,
    )


def newest_wage(data: SalaryData, field: str) -> OewsWage | None:
    """The national row of the newest release that gives this field."""
    return data.newest_national_wage(field)


def hourly_median(wage: OewsWage) -> str:
    """The hourly median; where only the annual one is on file, annual ÷ 2,080 as BLS does."""
    if wage.h_median is not None or "h_median" in wage.top_coded:
        return f"{wage_text(wage, 'h_median')} an hour"
    if "a_median" in wage.top_coded:
        return ""
    hourly = (Decimal(wage.a_median) / HOURS_A_YEAR).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"{fmt.hourly(hourly)} an hour (yearly pay ÷ {HOURS_A_YEAR:,})"


def median_fact(data: SalaryData) -> QuickFact | None:
    wage = newest_wage(data, "a_median")
    if wage is None:
        return None
    label, value = f"Median pay, {wage.release.period}", f"{wage_text(wage, 'a_median')} a year"
    return fact(label, value, hourly_median(wage), wage.release.source)


def employment_fact(data: SalaryData) -> QuickFact | None:
    wage = newest_wage(data, "employment")
    if wage is None:
        return None
    label, value = f"Employment, {wage.release.period}", f"{fmt.number(wage.employment)} jobs"
    return fact(label, value, "nationwide", wage.release.source)


def education_fact(data: SalaryData, share: Statistic | None) -> QuickFact | None:
    """The lowest education level, with the share of jobs that require it when on file."""
    level = lowest_education(data.education)
    if level is None:
        return None
    if share is None:
        return fact("Typical entry education", level.name, "", level.source)
    detail = f"{share.label}: {statistic_text(share)}"
    return fact("Typical entry education", level.name, detail, share.source)


def statistic_fact(label: str, stat: Statistic | None) -> QuickFact | None:
    return None if stat is None else fact(label, statistic_text(stat), stat.label, stat.source)


def build_quick_facts(data: SalaryData) -> QuickFacts:
    chosen = {stat.quick_fact: stat for stat in data.statistics if stat.quick_fact}
    facts = [
        median_fact(data),
        education_fact(data, chosen.get(Statistic.QuickFact.EDUCATION)),
        statistic_fact("On-the-job training", chosen.get(Statistic.QuickFact.TRAINING)),
        employment_fact(data),
        statistic_fact("Job outlook", chosen.get(Statistic.QuickFact.OUTLOOK)),
    ]
    return QuickFacts(facts=[f for f in facts if f is not None], occupation=OCC_TITLE)
