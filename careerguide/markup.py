"""Turn an editor's Markdown into sanitised HTML with live figures in place of placeholders.

Editors write Markdown, not HTML: anything that looks like a tag is shown as text, so
"never paste a <script> tag" reads as written. Bodies are checked when saved
(``problems``): text nested deeply enough to exhaust the Markdown parser is refused, and
``render`` never raises on text that slipped past the check.
"""

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import markdown
import nh3
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension

from salaries.figures import registry

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z0-9_.\-]+)\s*\}\}")


# Placeholders are held as tokens while Markdown and the sanitiser run. Each rendering
# draws its own random key for them, so no text an editor types (not "@@FIGURE0@@", nor
# the same in character references, which the sanitiser turns back into "@") can pass
# for one and show a figure.
def _token(key: str, index: int) -> str:
    return f"@@FIGURE{key}-{index}@@"


def _tokens(key: str, *, in_attribute: bool = False) -> re.Pattern:
    """The tokens of one rendering; or the attribute values holding one."""
    token = rf"@@FIGURE{key}-(\d+)@@"
    return re.compile(rf'="[^"]*{token}[^"]*"' if in_attribute else token)


MISSING = '<span class="figure figure-missing">(figure unavailable)</span>'

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "dl", "dt", "em", "h2", "h3", "h4", "hr",
    "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
# An editor gives a heading or a glossary term an anchor with {#name} after it, so prose
# can link to /glossary/#name. Only plain lower-case names survive: no classes, styles or
# handlers, and nothing that could clash with the site's own ids.
ANCHORED = {"h2", "h3", "dt"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"scope"},
    **{tag: {"id"} for tag in ANCHORED},
}
ANCHOR = re.compile(r"[a-z][a-z0-9-]{0,59}")

# Limits well beyond any guide page, and well within what the parser handles quickly.
MAX_LENGTH = 100_000
MAX_LIST_DEPTH = 8
MAX_QUOTE_DEPTH = 8
MAX_BRACKET_DEPTH = 16
LIST_ITEM = re.compile(r"^( *)(?:[-*+]|\d+[.)])\s", re.MULTILINE)
QUOTE = re.compile(r"^ {0,3}((?:> ?)+)", re.MULTILINE)


class TextOnlyHtml(Extension):
    """Show raw HTML in the Markdown as text rather than passing it through."""

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Markdown's API
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


def bracket_depth(text: str) -> int:
    depth = deepest = 0
    for char in text:
        if char in "[(":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "])" and depth:
            depth -= 1
    return deepest


def shape_problems(text: str) -> list[str]:
    """Text too long or too deeply nested to render quickly, in words for editors."""
    if len(text) > MAX_LENGTH:
        return [f"The text is {len(text):,} characters long; the limit is {MAX_LENGTH:,}."]
    found = []
    indents = [len(match.group(1)) for match in LIST_ITEM.finditer(text)]
    if indents and max(indents) // 2 + 1 > MAX_LIST_DEPTH:
        found.append(f"Lists are nested too deeply: at most {MAX_LIST_DEPTH} levels.")
    quotes = [match.group(1).count(">") for match in QUOTE.finditer(text)]
    if quotes and max(quotes) > MAX_QUOTE_DEPTH:
        found.append(f"Quotes are nested too deeply: at most {MAX_QUOTE_DEPTH} levels.")
    if bracket_depth(text) > MAX_BRACKET_DEPTH:
        found.append(
            f"Brackets are nested too deeply: at most {MAX_BRACKET_DEPTH} levels of [ and (."
        )
    return found


def problems(text: str) -> list[str]:
    """What stops a page body from being saved, in words for editors."""
    found = shape_problems(text)
    if found:
        return found
    unknown = unknown_placeholders(text)
    if unknown:
        found.append(
            f"Unknown figure placeholder: {', '.join(unknown)}. "
            "Check the name in the list of figures."
        )
    return found + link_problems(text)


def link_problems(text: str) -> list[str]:
    held, _, key, _ = _hold_placeholders(text)
    if _tokens(key, in_attribute=True).search(_to_html(held)):
        return [
            "A figure cannot be a link's address: put the placeholder in the link's text, "
            "as in [{{ source.bls-oews-2022.typical }} a year](https://www.bls.gov/)."
        ]
    return []


def placeholders(text: str) -> list[str]:
    return list(dict.fromkeys(PLACEHOLDER.findall(text)))


def quoted_figures(text: str, figures: dict | None = None) -> list:
    """The figures a page quotes, each once, in the order they first appear."""
    if figures is None:
        figures = registry()
    return [figures[name] for name in placeholders(text) if name in figures]


def loose_spans(text: str) -> list[tuple[int, int]]:
    """Where anything that looks like a placeholder is: from each "{{" to the first "}}"
    after it, valid name or not (invalid ones are never shown raw).

    A scan rather than the pattern \\{\\{.*?\\}\\}, which rescans the rest of the text
    from every "{{" when no "}}" follows: 24 s for 100 kB of "{{". Once no "}}" is left,
    nothing further can match, so every character is looked at a bounded number of times.
    """
    spans = []
    start = text.find("{{")
    while start != -1:
        end = text.find("}}", start + 2)
        if end == -1:
            break
        spans.append((start, end + 2))
        start = text.find("{{", end + 2)
    return spans


def loose_placeholders(text: str) -> list[str]:
    return [text[start:end] for start, end in loose_spans(text)]


def unknown_placeholders(text: str) -> list[str]:
    known = registry()
    names = placeholders(text)
    malformed = [m for m in loose_placeholders(text) if not PLACEHOLDER.fullmatch(m)]
    return [name for name in names if name not in known] + malformed


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "id":
        return value if ANCHOR.fullmatch(value) else None
    return value


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def _hold_placeholders(text: str) -> tuple[str, list[str], str, list[str]]:
    """The text with each placeholder swapped for an inert token, so Markdown cannot read
    its underscores as emphasis; the names in token order; the tokens' key; and each
    placeholder as written."""
    key = secrets.token_hex(8)
    names: list[str] = []
    written: list[str] = []
    held = []
    done = 0
    for start, end in loose_spans(text):
        exact = PLACEHOLDER.fullmatch(text, start, end)
        names.append(exact.group(1) if exact else "")
        written.append(text[start:end])
        held += [text[done:start], _token(key, len(names) - 1)]
        done = end
    held.append(text[done:])
    return "".join(held), names, key, written


def _to_html(text: str) -> str:
    extensions = ["tables", "sane_lists", "attr_list", "def_list", TextOnlyHtml()]
    return sanitise(markdown.markdown(text, extensions=extensions))


def render(
    text: str, figures: dict | None = None, *, unknown: Callable[[str], str] | None = None
) -> SafeString:
    """Render Markdown to safe HTML, then put each figure in place of its placeholder.

    A placeholder with no figure shows MISSING, or what ``unknown`` makes of the
    placeholder as written (escaped HTML), in its place.
    """
    if figures is None:
        figures = registry()
    if shape_problems(text):
        # Saving refuses such text; should any reach here, show it rather than fail.
        return format_html("<p>{}</p>", text[:MAX_LENGTH])
    held, names, key, written = _hold_placeholders(text)
    # A placeholder inside an attribute (a link's address) is dropped: saving refuses it.
    html = _tokens(key, in_attribute=True).sub('=""', _to_html(held))

    noted: set[str] = set()

    def replace(match: re.Match) -> str:
        index = int(match.group(1))
        figure = figures.get(names[index]) if index < len(names) else None
        if figure is None:
            if unknown is not None and index < len(written):
                return unknown(written[index])
            return MISSING
        return figure_html(figure, noted)

    html = _tokens(key).sub(replace, html)
    return mark_safe(html)  # noqa: S308 - sanitised by nh3 above; figures are escaped


# Placeholders that name a date or a span of years rather than a figure: they carry no
# grade of their own.
LABEL_SUFFIXES = (".as_of", ".year", ".period", ".years", "_year")
# A newer edition this long overdue is not coming soon: the figure says its age instead.
LONG_OVERDUE_DAYS = 3 * 365


def figure_html(figure, noted: set[str]) -> str:
    """A figure as a link to its own page (value, source, history, citation), with its
    grade in words unless published, and (once a page per source) a note when a newer
    edition of its source is overdue."""
    html = format_html(
        '<a class="figure" href="{}" title="{}, as of {}; {}">{}</a>',
        figure.url,
        figure.source_name,
        figure.as_of,
        figure.grade_text,
        figure.text,
    )
    if figure.key.endswith(LABEL_SUFFIXES):
        return html
    if figure.grade != "published":
        html += format_html(' <span class="figure-grade">({})</span>', figure.grade_words)
    if figure.overdue_since is not None and figure.source_slug not in noted:
        noted.add(figure.source_slug)
        html += format_html(' <span class="figure-overdue">({})</span>', overdue_text(figure))
    return html


def overdue_text(figure) -> str:
    """What a figure whose newer edition is overdue says beside it: when the edition fell
    due, or, once that is years past (a survey stopped or a count never repeated), the
    figure's own year and that nothing newer was found."""
    if (date.today() - figure.overdue_since).days > LONG_OVERDUE_DAYS and figure.as_of_date:
        return f"a {figure.as_of_date.year} figure, the newest found"
    return f"newer figures due since {figure.overdue_since.strftime('%B %Y')}"


@dataclass(frozen=True)
class Annotated:
    """A body as an editor's preview shows it: problems marked where they are."""

    html: SafeString  # empty when the text is too long or too nested to render
    problems: list[str]  # problems with no place in the text
    marked: list[tuple[str, str]]  # (the mark's id, the placeholder as written)

    @property
    def problem_count(self) -> int:
        return len(self.problems) + len(self.marked)


def annotated(text: str, figures: dict | None = None, *, prefix: str = "live-problem") -> Annotated:
    """Render text for an editor: each placeholder that names no figure is marked in
    place, with an id for the list of problems to link to."""
    found = shape_problems(text)
    if found:
        return Annotated(mark_safe(""), found, [])
    marked: list[tuple[str, str]] = []

    def mark(written: str) -> str:
        anchor = f"{prefix}-{len(marked) + 1}"
        marked.append((anchor, written))
        return format_html(
            '<mark class="figure-unknown" id="{}"><code>{}</code> '
            '<span class="figure-unknown-note">is not a placeholder name</span></mark>',
            anchor,
            written,
        )

    # Links open in a new tab, so following one never leaves the editor's unsaved form.
    html = mark_safe(render(text, figures, unknown=mark).replace("<a ", '<a target="_blank" '))  # noqa: S308
    return Annotated(html, link_problems(text), marked)
