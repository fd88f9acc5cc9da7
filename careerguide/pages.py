"""Published pages, read once per content version."""

from .models import Page
from .versioning import cached


def published_pages() -> list[Page]:
    return cached("published-pages", lambda: list(Page.objects.published()))


def navigation() -> list[Page]:
    return [page for page in published_pages() if page.slug != Page.HOME_SLUG]
