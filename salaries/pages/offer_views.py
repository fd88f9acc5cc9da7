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
from salaries.pay.offers import (
    FULL_TIME_HOURS,
    HEALTH_HALF,
    HEALTH_LITTLE,
    HEALTH_MOST,
    MONTHS,
    Figure,
    Typical,
    compare,
    rules,
)
from salaries.snapshot import estimator_tables, salary_data, source_ref

# The statistics rows the typical figures read besides the benefit assumptions.
WORKER_PREMIUM = "health-premium-worker-single"
SINGLE_PREMIUM = "health-premium-single"
# "The employer pays most of the premium" and its like, as shares of a single premium.
SHARES = {
    HEALTH_MOST: "health-share-most",
    HEALTH_HALF: "health-share-half",
    HEALTH_LITTLE: "health-share-little",
}
# The link the issue shares: one offer a year, one an hour, nothing else stated.
EXAMPLE_QUERY = "a_pay=45000&a_per=year&b_pay=22.50&b_per=hour"


def statistic(rows: list[Statistic], slug: str, *, text: str, basis: str) -> Figure | None:
    """A figure read from a statistics row; None where editors have removed the row."""
    row = next((row for row in rows if row.slug == slug), None)
    if row is None:
        return None
    value = Decimal(row.value)
    return Figure(
        value=value,
        text=text.format(fmt.number(value), fmt.money(value / MONTHS)),
        basis=basis.format(fmt.number(value)),
        source=source_ref(row.source),
    )


def none_on_file(what: str) -> Figure:
    return Figure(value=Decimal(0), text="none on file", basis=f"No figure for {what} is on file.")


def offer_typical(tables: Tables, statistics: list[Statistic]) -> Typical:
    """What a typical employer gives, every figure from the salary tables."""
    benefits = tables.benefits
    rate, cap = fmt.percent(benefits.match_rate), fmt.percent(benefits.match_cap)
    contribution = fmt.percent(benefits.default_contribution)
    employer_health = Figure(
        value=Decimal(benefits.health_insurance_value),
        text=f"{fmt.money(benefits.health_insurance_value)} a year",
        basis="The average employer share of a single-coverage premium.",
        source=benefits.health_source,
    )
    premium = statistic(
        statistics,
        WORKER_PREMIUM,
        text="${} a year ({} a month)",
        basis="The average worker's share of a single-coverage premium.",
    ) or none_on_file("the worker's share of a premium")
    # Without its own row, a whole premium is the two shares on file added together.
    single = statistic(
        statistics,
        SINGLE_PREMIUM,
        text="${} a year",
        basis="The average single-coverage premium, employer and worker shares together.",
    ) or Figure(
        value=employer_health.value + premium.value,
        text=fmt.money(employer_health.value + premium.value) + " a year",
        basis="The average employer and worker shares of a single-coverage premium, added.",
        source=employer_health.source,
    )
    shares = {
        key: statistic(
            statistics,
            slug,
            text="{}%",
            basis="This site's reading of the words, a round share, not a measured one.",
        )
        for key, slug in SHARES.items()
    }
    bonus = None
    if benefits.bonus_high:
        low, high = fmt.money(benefits.bonus_low), fmt.money(benefits.bonus_high)
        bonus = Figure(
            value=Decimal(benefits.bonus_high),
            text=f"{low} to {high} a year",
            basis=f"Bonuses in this work run from {low} to {high} a year; the top counts.",
            source=benefits.bonus_source,
        )
    return Typical(
        hours=Figure(
            value=FULL_TIME_HOURS,
            text=f"{fmt.number(FULL_TIME_HOURS)} hours",
            basis="A full-time week, as in BLS's yearly pay figures "
            f"({fmt.number(HOURS_PER_YEAR)} hours a year).",
        ),
        match_rate=Figure(
            value=benefits.match_rate,
            text=f"{rate} of what you put in",
            basis=f"A common match: {rate} of what you put in.",
            source=benefits.source,
        ),
        match_cap=Figure(
            value=benefits.match_cap,
            text=f"{cap} of pay",
            basis=f"A common cap: matched up to {cap} of pay.",
            source=benefits.source,
        ),
        contribution=Figure(
            value=benefits.default_contribution,
            text=f"{contribution} of pay",
            basis=f"Enough to get the whole common match: {contribution} of pay.",
            source=benefits.source,
        ),
        employer_health=employer_health,
        premium=premium,
        single_premium=single,
        shares={key: share for key, share in shares.items() if share is not None},
        pto_days=Figure(
            value=Decimal(benefits.pto_days),
            text=f"{benefits.pto_days} days",
            basis="The average paid vacation days after a year's service.",
            source=benefits.pto_source,
        ),
        holidays=None
        if benefits.holidays is None
        else Figure(
            value=benefits.holidays,
            text=f"{fmt.number(benefits.holidays)} days",
            basis="The average paid holidays a year, as the estimate counts them.",
            source=benefits.holidays_source,
        ),
        bonus=bonus,
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
        typical = offer_typical(tables, salary_data().statistics)
        offers = OfferSet(request.GET, tables=tables, typical=typical)
        context.update(offers=offers, typical=typical)
        if offers.is_bound and not offers.is_valid():
            status = 422
        elif offers.is_bound:
            comparison = compare(offers.terms(), typical=typical, tables=tables)
            offers.note(comparison)
            context["comparison"] = comparison
    return render(request, template_name, context, status=status)
