import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from careerguide.contents import with_contents
from careerguide.markup import render as render_markup
from careerguide.models import Page
from careerguide.pages import next_page, published_pages, quoting_pages
from careerguide.seo import OCCUPATION_PAGES
from careerguide.shared.versioning import cached, cached_or_none, mark_shared
from careerguide.sourcing import source_dates
from careerguide.tables import label_cells
from salaries.figures import registry
from salaries.pages.ladder import ladder_page_data
from salaries.pages.open.rows import RECENT_CHANGES, figure_detail, shown_changes
from salaries.pages.quick_facts import quick_facts
from salaries.pages.salary_page import salary_page_data
from salaries.pages.similar import similar_page_data

# Data shown below a guide page, by the page's slug.
PAGE_EXTRAS = {
    "salary": salary_page_data,
    "job-outlook": ladder_page_data,
    "similar-occupations": similar_page_data,
}


def render_page(request: HttpRequest, page: Page, *, preview: bool = False) -> HttpResponse:
    """The page as readers see it; a published page is rendered once per content version."""
    if page.pk and page.is_published and not preview:
        html = cached(f"page-html:{page.slug}", lambda: page_html(request, page))
        return mark_shared(HttpResponse(html))
    return HttpResponse(page_html(request, page, preview=preview))


def page_html(request: HttpRequest, page: Page, *, preview: bool = False) -> str:
    # Nothing here may depend on who asks: published pages are cached for everyone.
    context = {
        "page": page,
        "body": render_markup(page.body),
        "sources": source_dates(page.body),
        "preview": preview,
        "next_page": next_page(page.slug),
    }
    extras = PAGE_EXTRAS.get(page.slug)
    if extras is not None:
        context.update(extras(request))
    if page.slug in OCCUPATION_PAGES:
        context["quick_facts"] = quick_facts()
    # The data below the text is drawn first, so the contents list names its sections too.
    below = "".join(
        render_to_string(name, context, request=request) for name in context.get("page_extras", [])
    )
    (context["body"], context["below"]), context["contents"] = with_contents(
        label_cells(context["body"]), below
    )
    return render_to_string("careerguide/page_detail.html", context, request=request)


def find_page(request: HttpRequest, slug: str) -> Page:
    page = next((p for p in published_pages() if p.slug == slug), None)
    if page is None and request.user.has_perm("careerguide.view_page"):
        page = Page.objects.filter(slug=slug).first()
    if page is None:
        raise Http404("No such page")
    return page


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return serve_page(request, Page.HOME_SLUG)


@require_safe
def page_detail(request: HttpRequest, slug: str) -> HttpResponse:
    if slug == Page.HOME_SLUG:
        return redirect("careerguide:home", permanent=True)
    return serve_page(request, slug)


def serve_page(request: HttpRequest, slug: str) -> HttpResponse:
    # The hot path: a published page already rendered at this content version.
    html = cached_or_none(f"page-html:{slug}")
    if html is not None:
        return mark_shared(HttpResponse(html))
    return render_page(request, find_page(request, slug))


@require_safe
def figure_detail_page(request: HttpRequest, name: str) -> HttpResponse:
    """A figure's own page: its value, source, history, the pages quoting it, a citation."""
    figure = registry().get(name)
    if figure is None:
        raise Http404("No such figure")

    def build() -> str:
        detail = figure_detail(name)
        context = {
            "figure": figure,
            "placeholder": f"{{{{ {name} }}}}",
            "row": detail,
            "changes": shown_changes(detail["changes"]),
            "more_changes": len(detail["changes"]) >= RECENT_CHANGES,
            "quoted_by": quoting_pages().get(name, []),
        }
        return render_to_string("salaries/figure.html", context, request=request)

    # Keyed by the day too: a due date passing marks a figure overdue with no edit.
    return HttpResponse(cached(f"figure-html:{date.today().isoformat()}:{name}", build))


def static_source(path: str) -> bytes:
    """Read a file from the project's static folders (not the collected copy)."""
    return Path(finders.find(path)).read_bytes()


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    # A secret admin path (DJANGO_ADMIN_PATH) is not advertised here; the admin's own
    # pages already ask robots not to index them.
    public_admin = settings.ADMIN_PATH == "admin/"
    return render(
        request,
        "robots.txt",
        {"public_admin": public_admin},
        content_type="text/plain; charset=utf-8",
    )


# The manifest and favicon keep one address for ever, so browsers must check back for
# changes: they are cached for days, not for the year that hashed static files get.
@require_safe
@cache_control(public=True, max_age=60 * 60 * 24)
def web_manifest(request: HttpRequest) -> JsonResponse:
    manifest = json.loads(static_source("manifest.webmanifest"))
    # The icons' hashed static addresses, so a changed icon is fetched again.
    for icon in manifest["icons"]:
        icon["src"] = static(icon["src"])
    return JsonResponse(manifest, content_type="application/manifest+json")


@require_safe
@cache_control(public=True, max_age=60 * 60 * 24 * 7)
def favicon(request: HttpRequest) -> HttpResponse:
    return HttpResponse(static_source("img/favicon.ico"), content_type="image/x-icon")
