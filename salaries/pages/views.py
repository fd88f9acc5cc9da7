import re
import zlib

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails

from careerguide.shared.versioning import cached_or_none, increment, store
from salaries.pages.charts import distribution_chart
from salaries.pages.estimate_view import result_view
from salaries.pages.forms import EstimatorForm, PayCheckForm
from salaries.pages.place_field import CITY
from salaries.pages.salary_page import grade_groups
from salaries.pay import formatting as fmt
from salaries.pay.distribution import Distribution
from salaries.pay.estimator import Profile, estimate
from salaries.pay.paycheck import PayCheck, check_pay
from salaries.snapshot import estimator_tables

# At most this many estimate fragments are cached per content version: the answers a
# reader can give are almost unbounded, the cache is not.
FRAGMENT_LIMIT = 5000


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_safe
def source_list(request: HttpRequest) -> HttpResponse:
    return render(request, "salaries/source_list.html", {"groups": grade_groups()})


# The place fields' boxes: location_city, and a_location_city to c_location_city in the
# offer comparison.
PLACE_BOX = re.compile(r"(?:[a-c]_)?location_city")


@require_safe
def place_suggestions(request: HttpRequest) -> HttpResponse:
    """Up to ten places matching what is typed in a place field's box, as buttons that
    js/place-field.js puts in the box: the htmx answer to each pause in typing."""
    name, text = next(
        ((key, value) for key, value in request.GET.items() if PLACE_BOX.fullmatch(key)),
        ("location_city", ""),
    )
    tables = estimator_tables()
    within = tables.places.get(request.GET.get(name.removesuffix(CITY), ""))
    places = tables.place_finder.suggest(text, within=within) if text.strip() else ()
    context = {"places": places, "field_id": f"id_{name}"}
    return render(request, "salaries/_place_suggestions.html", context)


def page_or_result(request: HtmxHttpRequest, template_name: str) -> tuple[str, bool]:
    """The page's template, or only its result partial when htmx asks (not on a history
    restore, which needs the whole page)."""
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    return (f"{template_name}#result" if partial else template_name), partial


# The full page and its htmx result share an address: keep caches from mixing them.
vary_on_htmx = vary_on_headers("HX-Request", "HX-History-Restore-Request")


@require_safe
@vary_on_htmx
def estimator(request: HtmxHttpRequest) -> HttpResponse:
    template_name, partial = page_or_result(request, "salaries/estimator.html")
    tables = estimator_tables()
    context: dict = {"partial": partial, "tables_ready": tables.is_complete}
    status = 200
    if tables.is_complete:
        form = EstimatorForm.from_query(request.GET, tables=tables)
        context["form"] = form
        if form.is_bound and not form.is_valid():
            status = 422
        elif partial:
            return HttpResponse(estimate_fragment(request, form.profile(), context))
        else:
            with_result(context, estimate(profile=form.profile(), tables=tables), partial=False)
    return render(request, template_name, context, status=status)


def with_result(context: dict, result, *, partial: bool) -> None:
    """The estimate, and the strings its result shows (``estimate_view``)."""
    form = context["form"]
    context["result"] = result
    context["view"] = result_view(result, form, form.tables, partial=partial)


@require_safe
@vary_on_htmx
def pay_check(request: HtmxHttpRequest) -> HttpResponse:
    template_name, partial = page_or_result(request, "salaries/pay_check.html")
    tables = estimator_tables()
    context: dict = {"partial": partial, "tables_ready": tables.is_complete}
    status = 200
    if tables.is_complete:
        form = PayCheckForm.from_query(request.GET, tables=tables)
        context.update(form=form, national=tables.national)
        if form.is_bound and not form.is_valid():
            status = 422
        elif form.is_bound:
            data = form.cleaned_data
            context["check"] = check_pay(
                amount=data["pay"],
                per=data["per"],
                location=data["location"] or form.initial["location"],
                tables=tables,
            )
        if status == 200:
            context.update(distribution_figure(context.get("check"), tables.national))
            context["compare_url"] = reverse("salaries:compare_offers")
    return render(request, template_name, context, status=status)


def distribution_figure(check: PayCheck | None, national: Distribution) -> dict:
    """The chart of the national (and the area's) distribution with the reader's pay
    marked, and the same figures as a table."""
    areas = [("Nationally", national)]
    if check and check.area:
        areas.append((check.area.distribution.area, check.area.distribution))
    rows = [
        {
            "label": name,
            "cells": [(area, fmt.money(d.annual[index])) for area, d in areas],
            "mine": False,
        }
        for index, name in enumerate(PERCENTILE_LABELS)
    ]
    if check:
        mine = {
            "label": f"Your pay ({check.hourly_text} an hour)",
            "cells": [(area, fmt.money(check.annual)) for area, _ in areas],
            "mine": True,
        }
        rows.insert(sum(value < check.annual for value in national.annual), mine)
    spoken = "; ".join(
        f"{area}: "
        + ", ".join(f"{n} {fmt.money(v)}" for n, v in zip(PERCENTILE_LABELS, d.annual, strict=True))
        for area, d in areas
    )
    return {
        "chart": distribution_chart(
            [(area, d.annual) for area, d in areas],
            marker=check.annual if check else None,
            marker_label="Your pay",
            title="Yearly pay of medical secretaries and administrative assistants",
            description=(
                "Bars from the 10th to the 90th percentile, darker from the 25th to the 75th, "
                f"a line at the median{', and a line at your pay' if check else ''}. {spoken}."
            ),
        ),
        "table_caption": "Yearly pay at each percentile"
        + (", with your pay in its place" if check else "")
        + ": "
        + "; ".join(f"{area}, {d.provenance}" for area, d in areas),
        "table_columns": [area for area, _ in areas],
        "table_rows": rows,
    }


PERCENTILE_LABELS = (
    "10th percentile",
    "25th percentile",
    "Median",
    "75th percentile",
    "90th percentile",
)


def estimate_fragment(request: HttpRequest, profile: Profile, context: dict) -> str:
    """The htmx result for a checked profile, rendered once per content version.

    Kept compressed (zlib's fastest level: 14 kB to 4 kB in about 50 µs): 5,000 of them
    would otherwise hold some 70 MB in each worker's memory.
    """
    key = f"estimate-fragment:{profile.query}"
    kept = cached_or_none(key)
    if kept is not None:
        return zlib.decompress(kept).decode()
    with_result(context, estimate(profile=profile, tables=context["form"].tables), partial=True)
    html = render_to_string("salaries/estimator.html#result", context, request)
    if increment("estimate-fragments") <= FRAGMENT_LIMIT:
        store(key, zlib.compress(html.encode(), 1))
    return html
