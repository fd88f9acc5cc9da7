"""The in-page contents list of a guide page, from its h2 headings."""

import html
import re
from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

# Sanitised HTML (careerguide.markup) and the site's own templates write an h2 either
# bare or with an id only.
H2 = re.compile(r'<h2(?: id="(?P<id>[^"]*)")?>(?P<inner>.*?)</h2>', re.DOTALL)
ID = re.compile(r' id="([^"]*)"')
# Ids the page layout uses itself; a heading never takes one.
RESERVED = frozenset({"main", "quick-facts-title", "page-contents-title"})


@dataclass(frozen=True)
class Heading:
    anchor: str
    text: str


def with_contents(*parts: str) -> tuple[list[SafeString], list[Heading]]:
    """Give every h2 in the parts an id, and list the headings in order.

    Parts are safe HTML (a rendered page body, the data shown below it); each is returned
    with the ids added. A heading that has an id keeps it.
    """
    taken = set(RESERVED).union(*(ID.findall(part) for part in parts))
    headings: list[Heading] = []

    def anchor(match: re.Match) -> str:
        text = html.unescape(strip_tags(match.group("inner"))).strip()
        anchor = match.group("id")
        if not anchor:
            base = slugify(text) or "section"
            anchor, number = base, 2
            while anchor in taken:
                anchor, number = f"{base}-{number}", number + 1
            taken.add(anchor)
        headings.append(Heading(anchor=anchor, text=text))
        return f'<h2 id="{anchor}">{match.group("inner")}</h2>'

    # Safe: the parts were safe, and an added id is a slug (letters, digits, hyphens).
    marked = [mark_safe(H2.sub(anchor, part)) for part in parts]  # noqa: S308
    return marked, headings
