"""The offer comparison page (/compare-offers/): the full page, or its result for htmx."""

from decimal import Decimal

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from salaries.models import Statistic
from salaries.pages.offer_forms import OfferSet
from salaries.pages.views import HtmxHttpRequest, page_or_result, vary_on_htmx
from salaries.pay import formatting as fmt
from salaries.pay.estimator import HOURS_PER_YEAR, Tables
from salaries.pay.offers import FULL_TIME_HOURS, MONTHS, Assumptions, Stated, compare, rules
from salaries.snapshot import estimator_tables, salary_data, source_ref

# The two statistics rows the defaults read besides the benefit assumptions.
HOLIDAYS = "paid-holidays"
WORKER_PREMIUM = "health-premium-worker-single"
# The link the issue shares: one offer a year, one an hour, everything else by default.
EXAMPLE_QUERY = "a_pay=45000&a_per=year&b_pay=22.50&b_per=hour"


def statistic(rows: list[Statistic], slug: str, *, text: str, basis: str) -> Stated:
    """A default read from a statistics row; none where editors have removed the row."""
    row = next((row for row in rows if row.slug == slug), None)
    if row is None:
        return Stated(value=Decimal(0), text="none", basis="No figure is on file; none counted.")
    value = Decimal(row.value)
    return Stated(
        value=value,
        text=text.format(fmt.number(value), fmt.money(value / MONTHS)),
        basis=basis.format(fmt.number(value)),
        source=source_ref(row.source),
    )


def offer_assumptions(tables: Tables, statistics: list[Statistic]) -> Assumptions:
    """The stated default of each answer, every figure from the salary tables."""
    benefits = tables.benefits
    rate, cap = fmt.percent(benefits.match_rate), fmt.percent(benefits.match_cap)
    contribution = fmt.percent(benefits.default_contribution)
    return Assumptions(
        hours=Stated(
            value=FULL_TIME_HOURS,
            text=f"{fmt.number(FULL_TIME_HOURS)} hours",
            basis="A full-time week, as in BLS's yearly pay figures "
            f"({fmt.number(HOURS_PER_YEAR)} hours a year).",
        ),
        bonus=Stated(
            value=Decimal(0), text="none", basis="None counted: enter one if the offer names it."
        ),
        match_rate=Stated(
            value=benefits.match_rate,
            text=rate,
            basis=f"A common match: {rate} of what you put in.",
            source=benefits.source,
        ),
        match_cap=Stated(
            value=benefits.match_cap,
            text=f"{cap} of pay",
            basis=f"A common cap: matched up to {cap} of pay.",
            source=benefits.source,
        ),
        contribution=Stated(
            value=benefits.default_contribution,
            text=f"{contribution} of pay",
            basis=f"Enough to get the whole common match: {contribution} of pay.",
            source=benefits.source,
        ),
        employer_health=Stated(
            value=Decimal(benefits.health_insurance_value),
            text=f"{fmt.money(benefits.health_insurance_value)} a year",
            basis=f"{fmt.money(benefits.health_insurance_value)} a year, the average "
            "employer share of a single-coverage premium.",
            source=benefits.health_source,
        ),
        premium=statistic(
            statistics,
            WORKER_PREMIUM,
            text="${} a year ({} a month)",
            basis="${} a year, the average worker's share of a single-coverage premium, taken off.",
        ),
        pto_days=Stated(
            value=Decimal(benefits.pto_days),
            text=f"{benefits.pto_days} days",
            basis="The average paid vacation days after a year's service.",
            source=benefits.pto_source,
        ),
        holidays=statistic(
            statistics,
            HOLIDAYS,
            text="{} days",
            basis="The average paid holidays of full-time employees in larger private firms.",
        ),
    )


@require_safe
@vary_on_htmx
def compare_offers(request: HtmxHttpRequest) -> HttpResponse:
    template_name, partial = page_or_result(request, "salaries/compare_offers.html")
    tables = estimator_tables()
    context: dict = {
        "partial": partial,
        "tables_ready": tables.is_complete,
        "example_query": EXAMPLE_QUERY,
        "rules": rules(),
    }
    status = 200
    if tables.is_complete:
        assumptions = offer_assumptions(tables, salary_data().statistics)
        offers = OfferSet(request.GET, tables=tables, assumptions=assumptions)
        context.update(offers=offers, assumptions=assumptions)
        if offers.is_bound and not offers.is_valid():
            status = 422
        elif offers.is_bound:
            context["comparison"] = compare(offers.terms(), assumptions=assumptions, tables=tables)
    return render(request, template_name, context, status=status)
