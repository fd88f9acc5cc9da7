from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe
from django_htmx.middleware import HtmxDetails

from careerguide.versioning import cached_or_none, increment, store

from .estimator import Profile, estimate
from .forms import EstimatorForm
from .snapshot import estimator_tables, salary_data

# At most this many estimate fragments are cached per content version: the answers a
# reader can give are almost unbounded, the cache is not.
FRAGMENT_LIMIT = 5000


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@require_safe
def source_list(request: HttpRequest) -> HttpResponse:
    sources = salary_data().sources
    return render(request, "salaries/source_list.html", {"sources": sources})


@require_safe
def estimator(request: HtmxHttpRequest) -> HttpResponse:
    template_name = "salaries/estimator.html"
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    if partial:
        template_name += "#result"
    tables = estimator_tables()
    context: dict = {"partial": partial, "tables_ready": tables.is_complete}
    status = 200
    if tables.is_complete:
        form = EstimatorForm.from_query(request.GET, tables=tables)
        context["form"] = form
        if form.is_bound and not form.is_valid():
            status = 422
        elif partial:
            return vary(HttpResponse(estimate_fragment(request, form.profile(), context)))
        else:
            context["result"] = estimate(profile=form.profile(), tables=tables)
    return vary(render(request, template_name, context, status=status))


def estimate_fragment(request: HttpRequest, profile: Profile, context: dict) -> str:
    """The htmx result for a checked profile, rendered once per content version."""
    key = f"estimate-fragment:{profile.query}"
    html = cached_or_none(key)
    if html is None:
        context["result"] = estimate(profile=profile, tables=context["form"].tables)
        html = render_to_string("salaries/estimator.html#result", context, request)
        if increment("estimate-fragments") <= FRAGMENT_LIMIT:
            store(key, html)
    return html


def vary(response: HttpResponse) -> HttpResponse:
    """Keep caches from mixing the full page with the htmx fragment."""
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
    return response
