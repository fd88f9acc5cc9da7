from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET
from django_htmx.middleware import HtmxDetails

from careerguide.cache import cached_or_none, store

from .estimator import estimate, load_tables
from .forms import EstimatorForm
from .snapshot import salary_data

FIELDS = list(EstimatorForm.base_fields)


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_GET
def source_list(request: HttpRequest) -> HttpResponse:
    sources = salary_data().sources
    return render(request, "salaries/source_list.html", {"sources": sources})


@require_GET
def estimator(request: HtmxHttpRequest) -> HttpResponse:
    template_name = "salaries/estimator.html"
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    if partial:
        template_name += "#result"
        # The fragment depends only on the answers: once a set of answers has been
        # checked and rendered at this content version, serve it as it is.
        fragment_key = "estimate-fragment:" + urlencode(
            sorted((name, value) for name in FIELDS for value in request.GET.getlist(name))
        )
        html = cached_or_none(fragment_key)
        if html is not None:
            return vary(HttpResponse(html))
    tables = load_tables()
    context: dict = {"partial": partial, "tables_ready": tables.is_complete}
    status = 200
    if tables.is_complete:
        form = EstimatorForm.from_query(request.GET, tables=tables)
        context["form"] = form
        if form.is_bound and not form.is_valid():
            status = 422
        else:
            context["result"] = estimate(profile=form.profile(), tables=tables)
            if partial:
                # Looked up and missed above: render and store without a second lookup.
                html = store(fragment_key, render_to_string(template_name, context, request))
                return vary(HttpResponse(html))
    return vary(render(request, template_name, context, status=status))


def vary(response: HttpResponse) -> HttpResponse:
    """Keep caches from mixing the full page with the htmx fragment."""
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
    return response
