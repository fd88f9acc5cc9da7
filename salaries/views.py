from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET
from django_htmx.middleware import HtmxDetails

from careerguide.cache import cached

from .estimator import estimate, load_tables
from .forms import EstimatorForm
from .snapshot import salary_data


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
    tables = load_tables()
    context: dict = {"partial": partial, "tables_ready": tables.is_complete}
    status = 200
    if tables.is_complete:
        form = EstimatorForm.from_query(request.GET, tables=tables)
        context["form"] = form
        if form.is_bound and not form.is_valid():
            status = 422
        else:
            profile = form.profile()
            if partial:
                # The fragment depends on the profile alone: render each one once per
                # content version, however its query string was spelled.
                html = cached(
                    f"estimate-fragment:{profile.query}",
                    lambda: render_to_string(
                        template_name,
                        {**context, "result": estimate(profile=profile, tables=tables)},
                        request,
                    ),
                )
                return vary(HttpResponse(html))
            context["result"] = estimate(profile=profile, tables=tables)
    return vary(render(request, template_name, context, status=status))


def vary(response: HttpResponse) -> HttpResponse:
    """Keep caches from mixing the full page with the htmx fragment."""
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
    return response
