from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .cache import cached
from .markup import render as render_markup
from .models import Page
from .pages import published_pages

PAGE_EXTRAS = {}


def page_extras(slug: str):
    """Register a function that adds data below one guide page (by slug)."""

    def register(func):
        PAGE_EXTRAS[slug] = func
        return func

    return register


def render_page(request: HttpRequest, page: Page, *, preview: bool = False) -> HttpResponse:
    if page.pk and page.is_published and not preview:
        body = cached(f"page-body:{page.slug}", lambda: render_markup(page.body))
    else:
        body = render_markup(page.body)
    context = {"page": page, "body": body, "preview": preview}
    extras = PAGE_EXTRAS.get(page.slug)
    if extras is not None:
        context.update(extras(request))
    return render(request, "careerguide/page_detail.html", context)


def find_page(request: HttpRequest, slug: str) -> Page:
    page = next((p for p in published_pages() if p.slug == slug), None)
    if page is None and request.user.is_staff:
        page = Page.objects.filter(slug=slug).first()
    if page is None:
        raise Http404("No such page")
    return page


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render_page(request, find_page(request, Page.HOME_SLUG))


@require_GET
def page_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render_page(request, find_page(request, slug))
