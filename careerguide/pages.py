"""Published pages, read once per content version, and the menu built from them."""

from dataclasses import dataclass

from django.urls import reverse

from careerguide.models import Page
from careerguide.shared.versioning import cached

# The estimator is a view, not a page: it goes in the menu just before the page that
# explains its method, so readers meet the tool before the fine print.
ESTIMATOR_BEFORE = "how-the-estimate-works"


@dataclass(frozen=True)
class MenuLink:
    menu_label: str
    url_name: str

    @property
    def title(self) -> str:
        return self.menu_label

    def get_absolute_url(self) -> str:
        return reverse(self.url_name)


ESTIMATOR = MenuLink("Salary estimator", "salaries:estimator")


def published_pages() -> list[Page]:
    return cached("published-pages", lambda: list(Page.objects.published()))


def navigation() -> list[Page | MenuLink]:
    items: list[Page | MenuLink] = []
    for page in published_pages():
        if page.slug == Page.HOME_SLUG:
            continue
        if page.slug == ESTIMATOR_BEFORE:
            items.append(ESTIMATOR)
        items.append(page)
    if ESTIMATOR not in items:
        items.append(ESTIMATOR)
    return items
