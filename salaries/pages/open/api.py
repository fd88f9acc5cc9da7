"""A read-only JSON API: the figures, the change log and estimates (/api/v1/).

Every answer carries an ETag made from the content version, the day and the address, so a
client asking again with If-None-Match gets 304 until an editor changes something; bodies
are cached per content version like the pages. Errors are JSON with a message and a 4xx.
"""

import hashlib
import json
from datetime import date
from decimal import Decimal
from functools import wraps

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import condition

from careerguide.shared.versioning import cached, current_version
from salaries.figures import registry
from salaries.pages.forms import EstimatorForm
from salaries.pages.open import rows as open_data
from salaries.pages.open.openapi import document as openapi_document
from salaries.pages.open.rows import PageOutOfRange, figure_detail
from salaries.pages.open.views import BadPage, page_number
from salaries.pay.distribution import SourceRef
from salaries.pay.estimator import Estimate, estimate
from salaries.snapshot import estimator_tables

API_VERSION = "v1"


class Encoder(DjangoJSONEncoder):
    def default(self, o):
        # Money as a number a client can add up (DjangoJSONEncoder writes Decimals as text).
        if isinstance(o, Decimal):
            return float(o)
        return super().default(o)


def json_response(data, status: int = 200) -> JsonResponse:
    return JsonResponse(
        data, status=status, encoder=Encoder, json_dumps_params={"ensure_ascii": False}
    )


def error(status: int, message: str, **details) -> JsonResponse:
    return json_response({"error": {"status": status, "message": message, **details}}, status)


def etag(request: HttpRequest, *args, **kwargs) -> str:
    # The day too: a due date passing marks a figure overdue with no edit.
    key = f"{current_version()}:{date.today().isoformat()}:{request.get_full_path()}"
    return hashlib.blake2b(key.encode(), digest_size=12).hexdigest()


def api_view(view):
    """GET and HEAD only (else a JSON 405), an ETag answered with 304 when it matches,
    and headers that let any page or script read the answer."""

    conditional = condition(etag_func=etag)(view)

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = error(405, "This API only reads: use GET.")
            response["Allow"] = "GET, HEAD"
            return response
        response = conditional(request, *args, **kwargs)
        # Stored, but checked with the ETag before each reuse: a change shows at once.
        patch_cache_control(response, public=True, no_cache=True)
        patch_vary_headers(response, ["Accept-Encoding"])
        response["Access-Control-Allow-Origin"] = "*"
        response["X-Content-Type-Options"] = "nosniff"
        return response

    return wrapped


def cached_json(key: str, build) -> HttpResponse:
    body = cached(f"api:{key}", lambda: json.dumps(build(), cls=Encoder, ensure_ascii=False))
    return HttpResponse(body, content_type="application/json")


@api_view
def index(request: HttpRequest) -> HttpResponse:
    return json_response(
        {
            "version": API_VERSION,
            "figures": open_data.absolute(reverse("salaries:api_figures")),
            "changes": open_data.absolute(reverse("salaries:api_changes")),
            "estimate": open_data.absolute(reverse("salaries:api_estimate")),
            "openapi": open_data.absolute(reverse("salaries:api_openapi")),
            "documentation": open_data.absolute(reverse("salaries:api_docs")),
        }
    )


@api_view
def figures(request: HttpRequest) -> HttpResponse:
    def build() -> dict:
        rows = open_data.figure_rows()
        return {"count": len(rows), "figures": rows}

    return cached_json(f"figures:{date.today().isoformat()}", build)


@api_view
def figure(request: HttpRequest, name: str) -> HttpResponse:
    if name not in registry():
        return error(404, f"No figure is named “{name[:100]}”. The list is at /api/v1/figures/.")
    return cached_json(f"figure:{date.today().isoformat()}:{name}", lambda: figure_detail(name))


@api_view
def changes(request: HttpRequest) -> HttpResponse:
    try:
        number = page_number(request)
        page = open_data.change_page(number)
    except BadPage as refused:
        return error(400, str(refused), parameter="page")
    except PageOutOfRange:
        return error(404, "The change log has no such page.", parameter="page")
    path = reverse("salaries:api_changes")
    return json_response(
        {
            "page": page.number,
            "pages": page.pages,
            "count": page.count,
            "next": open_data.absolute(f"{path}?page={page.number + 1}") if page.has_next else None,
            "previous": open_data.absolute(f"{path}?page={page.number - 1}")
            if page.has_previous
            else None,
            "changes": page.rows,
        }
    )


def source_json(source: SourceRef) -> dict:
    return {
        "slug": source.slug,
        "name": source.name,
        "as_of": source.as_of,
        "address": open_data.absolute(f"{reverse('salaries:sources')}#source-{source.slug}"),
    }


def estimate_json(result: Estimate) -> dict:
    """An estimate as the estimator page itemises it: steps, range, percentile, sources."""
    distribution = result.distribution
    used: dict[str, SourceRef] = {}
    steps = []
    for line in result.lines:
        cells = {cell.label.lower(): cell for cell in line.cells}
        rounding = Decimal("0.01") if line.kind == "hourly" else Decimal("1")
        steps.append(
            {
                "step": line.step,
                "label": line.label,
                "text": line.row,
                "kind": line.kind,
                **{part: getattr(line.effect, part).quantize(rounding) for part in cells},
                "shown": {part: cell.amount for part, cell in cells.items()},
                "percent": {part: cell.percent for part, cell in cells.items() if cell.percent},
                "source": source_json(line.source) if line.source else None,
            }
        )
        if line.source:
            used[line.source.slug] = line.source
    for source in (distribution.release.source, distribution.median_source):
        used[source.slug] = source
    parity = result.parity
    if parity is not None:
        used[parity.source.slug] = parity.source
    standing = result.standing
    return {
        "profile": {
            "years": result.profile.years,
            "education": result.profile.education,
            "certifications": list(result.profile.certifications),
            "skills": list(result.profile.skills),
            "employer": result.profile.employer,
            "location": result.profile.location,
            "contribution": result.profile.contribution,
        },
        "place": result.place.name,
        "range": {
            "low": result.low,
            "typical": result.typical,
            "high": result.high,
            "text": result.range_text,
            "high_is_open": result.high_is_open,
        },
        "hourly": {
            "low": result.hourly_low,
            "typical": result.hourly_typical,
            "high": result.hourly_high,
        },
        "percentile": {
            "value": standing.rounded,
            "side": standing.side,
            "text": standing.label,
        },
        "where": result.where,
        "release": {
            "period": distribution.period,
            "provenance": distribution.provenance,
            "published": distribution.is_published,
        },
        "steps": steps,
        "sources": [source_json(source) for source in used.values()],
    }


@api_view
def estimate_view(request: HttpRequest) -> HttpResponse:
    tables = estimator_tables()
    if not tables.is_complete:
        return error(503, "The salary tables are not loaded yet; try again later.")
    form = EstimatorForm.from_query(request.GET, tables=tables)
    if form.is_bound and not form.is_valid():
        fields = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
        return error(400, "Some answers could not be used: see fields.", fields=fields)
    return json_response(estimate_json(estimate(profile=form.profile(), tables=tables)))


@api_view
def openapi(request: HttpRequest) -> HttpResponse:
    return json_response(openapi_document(tables=estimator_tables()))


@api_view
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    return error(404, "No such address in this API. The list is at /api/v1/.")
