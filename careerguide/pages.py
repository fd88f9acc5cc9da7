"""Published pages, read once per content version, and the menu built from them."""

import re
from dataclasses import dataclass

from django.template.loader import get_template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from careerguide.markup import placeholders
from careerguide.models import Page
from careerguide.shared.versioning import cached


@dataclass(frozen=True)
class MenuLink:
    """A menu entry that is a view of the site rather than a guide page."""

    menu_label: str
    url_name: str

    @property
    def title(self) -> str:
        return self.menu_label

    def get_absolute_url(self) -> str:
        return reverse(self.url_name)


ESTIMATOR = MenuLink("Salary estimator", "salaries:estimator")
PAY_CHECK = MenuLink("Pay check", "salaries:pay_check")
COMPARE_OFFERS = MenuLink("Compare offers", "salaries:compare_offers")
SOURCES = MenuLink("Data sources", "salaries:sources")

# The menu's groups, by what a reader comes for, in the order they appear.
GROUPS = {"job": "The job", "pay": "Pay", "start": "Getting in", "tools": "Tools"}
# The group of each page; within a group, pages follow their position. A page an editor
# adds (a slug not listed here) joins the end of DEFAULT_GROUP, so it is never left out.
PAGE_GROUPS = {
    "what-they-do": "job",
    "day-in-the-life": "job",
    "work-environment": "job",
    "job-outlook": "job",
    "similar-occupations": "job",
    "right-career": "job",
    "salary": "pay",
    "pay-factors": "pay",
    "how-the-estimate-works": "pay",
    "getting-started": "start",
    "job-search": "start",
    "insurance-and-medicare": "start",
    "more-information": "start",
    "glossary": "start",
}
DEFAULT_GROUP = "job"
# Links after a group's pages.
GROUP_LINKS = {"pay": (SOURCES,), "tools": (ESTIMATOR, PAY_CHECK, COMPARE_OFFERS)}


# The reading path: what the job is, a day in it, whether it suits you, how to start, and
# finding the job. Every page ends with a link to the page to read next (page_detail.html),
# set here once rather than typed into each page: the path's pages lead along it, and the
# others lead on through the rest of the guide and back onto the path, so following "next"
# from anywhere visits every page.
READING_PATH = ("what-they-do", "day-in-the-life", "right-career", "getting-started", "job-search")
NEXT_PAGE = {
    Page.HOME_SLUG: READING_PATH[0],
    **dict(zip(READING_PATH, READING_PATH[1:], strict=False)),
    "job-search": "insurance-and-medicare",
    "insurance-and-medicare": "glossary",
    "glossary": "more-information",
    "more-information": "salary",
    "salary": "pay-factors",
    "pay-factors": "how-the-estimate-works",
    "how-the-estimate-works": "job-outlook",
    "job-outlook": "similar-occupations",
    "similar-occupations": "work-environment",
    "work-environment": "right-career",
}


def next_page(slug: str) -> Page | None:
    """The published page to read after this one: the one NEXT_PAGE names, or, for a page
    it does not name (one an editor added) or a page not published, the next in the menu."""
    pages = {page.slug: page for page in published_pages()}
    named = pages.get(NEXT_PAGE.get(slug, ""))
    if named is not None:
        return named
    in_menu = [entry for entry in navigation() if isinstance(entry, Page)]
    slugs = [page.slug for page in in_menu]
    if slug in slugs:
        following = in_menu[slugs.index(slug) + 1 :]
        return following[0] if following else pages.get(READING_PATH[0])
    return in_menu[0] if in_menu else None


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str
    current: bool


@dataclass(frozen=True)
class MenuGroup:
    key: str
    label: str
    items: tuple[MenuItem, ...]

    @property
    def current(self) -> bool:
        return any(item.current for item in self.items)


def published_pages() -> list[Page]:
    return cached("published-pages", lambda: list(Page.objects.published()))


def quoting_pages() -> dict[str, list[tuple[str, str]]]:
    """The published pages whose text quotes each figure, as (title, address), by the
    figure's name: every published body read once per content version. Drafts, and the
    draft text of a published page, are not what readers see, so they are not read."""

    def build() -> dict[str, list[tuple[str, str]]]:
        found: dict[str, list[tuple[str, str]]] = {}
        for page in published_pages():
            for name in placeholders(page.body):
                found.setdefault(name, []).append((page.title, page.get_absolute_url()))
        return found

    return cached("quoting-pages", build)


def grouped() -> dict[str, list[Page | MenuLink]]:
    """Every menu entry by group key, in menu order (the home page is the brand link)."""
    groups: dict[str, list[Page | MenuLink]] = {key: [] for key in GROUPS}
    for page in published_pages():
        if page.slug != Page.HOME_SLUG:
            groups[PAGE_GROUPS.get(page.slug, DEFAULT_GROUP)].append(page)
    for key, links in GROUP_LINKS.items():
        groups[key].extend(links)
    return groups


def navigation() -> list[Page | MenuLink]:
    """Every menu entry in menu order, as one list (the 404 page lists them)."""
    return [item for items in grouped().values() for item in items]


def menu(path: str) -> list[MenuGroup]:
    """The menu's groups, marking the entry at this path (and so its group) as current."""
    groups = []
    for key, entries in grouped().items():
        items = []
        for entry in entries:
            url = entry.get_absolute_url()
            items.append(MenuItem(label=entry.menu_label, url=url, current=url == path))
        if items:
            groups.append(MenuGroup(key=key, label=GROUPS[key], items=tuple(items)))
    return groups


# "In short": a page body that opens with an h2 whose id is in-short (in Markdown,
# "## In short {#in-short}") shows that section, up to the next h2, as a box between the
# page's heading and the rest of its text. Sanitised bodies write an h2 bare or with an id
# only (careerguide.markup, careerguide.contents).
IN_SHORT = re.compile(r'\s*(?P<box><h2 id="in-short">.*?)(?=<h2[ >]|\Z)', re.DOTALL)


def split_in_short(body: str) -> tuple[SafeString, SafeString]:
    """The In short section at the top of a rendered, safe page body, and the rest."""
    found = IN_SHORT.match(body)
    if found is None:
        return mark_safe(""), mark_safe(body)  # noqa: S308 - already safe HTML
    return mark_safe(found["box"].strip()), mark_safe(body[found.end() :])  # noqa: S308


@dataclass(frozen=True)
class BodyPart:
    """One part of the page body in a template's context, for {% include %}, which takes
    any object with a render(context) method: the In short box, or the text after it."""

    part: str  # "in_short" or "rest"

    def render(self, context) -> SafeString:
        in_short, rest = split_in_short(context.get("body", ""))
        if self.part == "rest":
            return rest
        if not in_short:
            return mark_safe("")
        return get_template("careerguide/_in_short.html").render({"in_short": in_short})


IN_SHORT_BOX = BodyPart("in_short")
BODY_AFTER_IN_SHORT = BodyPart("rest")
