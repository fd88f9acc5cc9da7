"""Turn an editor's Markdown into sanitised HTML with live figures in place of placeholders."""

import re

import markdown
import nh3
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z0-9_.\-]+)\s*\}\}")
# Anything that looks like a placeholder but is not a valid name: never shown raw.
LOOSE_PLACEHOLDER = re.compile(r"\{\{.*?\}\}", re.DOTALL)

TOKEN = re.compile(r"@@FIGURE(\d+)@@")
MISSING = '<span class="figure figure-missing">(figure unavailable)</span>'

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li", "ol",
    "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}


def placeholders(text: str) -> list[str]:
    return list(dict.fromkeys(PLACEHOLDER.findall(text)))


def unknown_placeholders(text: str) -> list[str]:
    from salaries.figures import registry

    known = registry()
    names = placeholders(text)
    malformed = [m for m in LOOSE_PLACEHOLDER.findall(text) if not PLACEHOLDER.fullmatch(m)]
    return [name for name in names if name not in known] + malformed


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def render(text: str, figures: dict | None = None) -> SafeString:
    """Render Markdown to safe HTML, then put each figure in place of its placeholder."""
    if figures is None:
        from salaries.figures import registry

        figures = registry()
    # Swap placeholders for inert tokens first, so Markdown cannot read their
    # underscores as emphasis, and put the figures back after sanitising.
    names: list[str] = []

    def hold(match: re.Match) -> str:
        exact = PLACEHOLDER.fullmatch(match.group(0))
        names.append(exact.group(1) if exact else "")
        return f"@@FIGURE{len(names) - 1}@@"

    held = LOOSE_PLACEHOLDER.sub(hold, text)
    html = sanitise(markdown.markdown(held, extensions=["tables", "sane_lists"]))

    def replace(match: re.Match) -> str:
        index = int(match.group(1))
        figure = figures.get(names[index]) if index < len(names) else None
        if figure is None:
            return MISSING
        return format_html(
            '<a class="figure" href="{}" title="{}, as of {}">{}</a>',
            figure.anchor,
            figure.source_name,
            figure.as_of,
            figure.text,
        )

    html = TOKEN.sub(replace, html)
    return mark_safe(html)  # noqa: S308 - sanitised by nh3 above; figures are escaped
