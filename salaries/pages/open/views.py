"""The change log, the open data page and its files: thin views over salaries.pages.open.rows."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from careerguide.shared.versioning import cached
from salaries.pages.open import rows as open_data
from salaries.pages.open.rows import PageOutOfRange

# A page number beyond this is refused outright: no log grows so long.
MAX_PAGE = 1_000_000


class BadPage(ValueError):
    """A page number that is not one."""


def page_number(request: HttpRequest) -> int:
    """The page asked for: 1 when none is; BadPage for anything but one whole number."""
    given = request.GET.getlist("page")
    if not given:
        return 1
    if len(given) > 1:
        raise BadPage("Give one page number only.")
    text = given[0].strip()
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text[:8]) <= MAX_PAGE:
        raise BadPage(f"The page must be a whole number from 1 to {MAX_PAGE:,}.")
    return int(text)


@require_safe
def changes(request: HttpRequest) -> HttpResponse:
    try:
        number = page_number(request)
    except BadPage as error:
        return HttpResponseBadRequest(
            render_to_string("salaries/bad_request.html", {"message": str(error)}, request)
        )

    def build() -> str:
        page = open_data.change_page(number)
        context = {"page": page, "edits": open_data.group_by_edit(page.rows)}
        return render_to_string("salaries/changes.html", context, request=request)

    try:
        return HttpResponse(cached(f"changes-html:{number}", build))
    except PageOutOfRange:
        raise Http404("No such page of the change log") from None


@require_safe
def data(request: HttpRequest) -> HttpResponse:
    def build() -> str:
        context = {
            "count": len(open_data.figure_rows()),
            "licences": open_data.publisher_licences(),
            "columns": open_data.FIGURE_COLUMNS,
            "site_licence": open_data.SITE_LICENCE,
            "site_licence_url": open_data.SITE_LICENCE_URL,
        }
        return render_to_string("salaries/data.html", context, request=request)

    return HttpResponse(cached("data-html", build))


@require_safe
def figures_csv(request: HttpRequest) -> HttpResponse:
    body = cached(
        "figures-csv",
        lambda: open_data.csv_bytes(open_data.figure_rows(), open_data.FIGURE_COLUMNS),
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pt-care-coordinator-figures.csv"'
    return response


def figures_document() -> dict:
    return {
        "title": "Every figure the PT Care Coordinator Guide shows",
        "licence": {
            "site": f"{open_data.SITE_LICENCE} ({open_data.SITE_LICENCE_URL}): this site's "
            "own text and estimates",
            "figures": "Each figure's own licence is in its row: public domain for U.S. "
            "government data (BLS, BEA, CMS), the publisher's terms for others.",
        },
        "figures": open_data.figure_rows(),
    }


@require_safe
def figures_json(request: HttpRequest) -> HttpResponse:
    body = cached(
        "figures-json",
        lambda: json.dumps(figures_document(), cls=DjangoJSONEncoder, ensure_ascii=False),
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="pt-care-coordinator-figures.json"'
    return response


@require_safe
def api_docs(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        cached("api-docs-html", lambda: render_to_string("salaries/api.html", {}, request=request))
    )
