"""Quick facts about the occupation, as the BLS Occupational Outlook Handbook lists them.

Every fact comes from the salary tables: the newest national OEWS wages, the lowest
education level, and the statistics editors chose for a quick fact (Statistic.quick_fact).
A fact whose data is missing is left out rather than shown empty. Built from the snapshot
(salaries.snapshot) and cached until the next edit (see careerguide.versioning).
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from careerguide.versioning import cached

from . import formatting as fmt
from .models import OewsWage, Source, Statistic
from .oews import OCC_TITLE
from .salary_page import lowest_education, source_cell, wage_text
from .snapshot import SalaryData, salary_data

# OEWS computes a year's pay as 40 hours a week for 52 weeks.
HOURS_A_YEAR = 2080


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
    return next((w for w in data.national_wages if getattr(w, field) is not None), None)


def hourly_median(wage: OewsWage) -> str:
    """The hourly median; where only the annual one is on file, annual ÷ 2,080 as BLS does."""
    if wage.h_median is not None or "h_median" in wage.top_coded:
        return f"{wage_text(wage, 'h_median')} an hour"
    if "a_median" in wage.top_coded:
        return ""
    hourly = (Decimal(wage.a_median) / HOURS_A_YEAR).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"{fmt.hourly(hourly)} an hour (yearly pay ÷ {HOURS_A_YEAR:,})"


def statistic_text(statistic: Statistic) -> str:
    return {
        Statistic.Unit.PERCENT: fmt.percent,
        Statistic.Unit.COUNT: fmt.number,
        Statistic.Unit.DOLLARS: fmt.money,
        Statistic.Unit.HOURLY: fmt.hourly,
    }[statistic.unit](statistic.value)


def build_quick_facts(data: SalaryData) -> QuickFacts:
    chosen = {stat.quick_fact: stat for stat in data.statistics if stat.quick_fact}
    facts = []

    wage = newest_wage(data, "a_median")
    if wage is not None:
        facts.append(
            fact(
                f"Median pay, {wage.release.period}",
                f"{wage_text(wage, 'a_median')} a year",
                hourly_median(wage),
                wage.release.source,
            )
        )

    level = lowest_education(data.education)
    stat = chosen.get(Statistic.QuickFact.EDUCATION)
    if level is not None:
        if stat is None:
            facts.append(fact("Typical entry education", level.name, "", level.source))
        else:
            detail = f"{stat.label}: {statistic_text(stat)}"
            facts.append(fact("Typical entry education", level.name, detail, stat.source))

    stat = chosen.get(Statistic.QuickFact.TRAINING)
    if stat is not None:
        facts.append(fact("On-the-job training", statistic_text(stat), stat.label, stat.source))

    wage = newest_wage(data, "employment")
    if wage is not None:
        facts.append(
            fact(
                f"Employment, {wage.release.period}",
                f"{fmt.number(wage.employment)} jobs",
                "nationwide",
                wage.release.source,
            )
        )

    stat = chosen.get(Statistic.QuickFact.OUTLOOK)
    if stat is not None:
        facts.append(fact("Job outlook", statistic_text(stat), stat.label, stat.source))

    return QuickFacts(facts=facts, occupation=OCC_TITLE)
