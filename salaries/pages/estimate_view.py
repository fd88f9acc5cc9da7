"""The estimate as its result shows it, worked out in Python before the template runs.

The result is most of the cost of a fresh estimate: a template looks up every value it
shows, one attribute at a time. So the parts that repeat (the breakdown's rows, the
compensation's items, the answers printed with it) come here as plain tuples of
strings, ready to place; the parts that do not depend on the reader (links to the
sources, the addresses of the other tools, the empty message slots of a valid form) are
rendered once per process and set of tables, from the same templates.
"""

from dataclasses import dataclass
from functools import cache

from django import forms
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString

from salaries.pages.forms import premium_label
from salaries.pages.place_field import PlaceField
from salaries.pay.distribution import SourceRef
from salaries.pay.estimator import Estimate, Tables

TEMPLATE = "salaries/estimator.html"


@cache
def links() -> dict[str, str]:
    """The addresses the result links to: the same for every request of this process."""
    return {
        "estimator": reverse("salaries:estimator"),
        "sources": reverse("salaries:sources"),
        "pay_check": reverse("salaries:pay_check"),
        "compare": reverse("salaries:compare_offers"),
        "how": reverse("careerguide:page", kwargs={"slug": "how-the-estimate-works"}),
    }


class Rendered:
    """Pieces of the result that depend on the tables only, rendered once for each set of
    tables this process serves (salaries.snapshot keeps one set per content version)."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.sources: dict[SourceRef, SafeString] = {}
        self.slots: dict[tuple[str, ...], SafeString] = {}
        self.choices: dict[str, dict[str, str]] = {}

    def source(self, source: SourceRef | None) -> SafeString | str:
        if source is None:
            return ""
        found = self.sources.get(source)
        if found is None:
            found = self.sources[source] = render_to_string(
                f"{TEMPLATE}#source-link", {"source": source, "sources_url": links()["sources"]}
            )
        return found

    def empty_slots(self, form: forms.Form) -> SafeString:
        """The message slot of every field, each emptied: what a valid answer sends."""
        ids = tuple(field.auto_id for field in form)
        found = self.slots.get(ids)
        if found is None:
            found = self.slots[ids] = SafeString(
                "".join(
                    render_to_string(
                        f"{TEMPLATE}#field-errors",
                        {"auto_id": auto_id, "errors": (), "partial": True},
                    )
                    for auto_id in ids
                )
            )
        return found

    def labels(self, field: forms.BoundField) -> dict[str, str]:
        """A field's choices as the printed copy names them: a certification by its
        abbreviation, a skill by its name alone (the result's notes say which have no
        measured effect on pay), anything else by its label on the form."""
        found = self.choices.get(field.name)
        if found is None:
            found = {str(value): str(label) for value, label in flat(field.field.choices)}
            if field.name == "certifications":
                for slug, row in self.tables.certifications.items():
                    found[slug] = premium_label(row, name=row.short)
            elif field.name == "skills":
                found.update((slug, row.name) for slug, row in self.tables.skills.items())
            self.choices[field.name] = found
        return found


def flat(choices) -> list[tuple]:
    found = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            found += list(label)
        else:
            found.append((value, label))
    return found


_rendered: Rendered | None = None


def rendered(tables: Tables) -> Rendered:
    global _rendered
    if _rendered is None or _rendered.tables is not tables:
        _rendered = Rendered(tables)
    return _rendered


@dataclass(frozen=True)
class ResultView:
    """What the estimator's result shows, as strings in the order it shows them."""

    result: Estimate
    links: dict[str, str]
    share_path: str
    breakdown: tuple  # (step, row, source link, low, typical, high); each (percent, amount)
    hourly: tuple
    compensation: tuple  # (label, detail, source link, amount)
    answers: tuple  # (label, is a number, values)
    empty_slots: SafeString | str


# The method page: where every step's arithmetic is explained.
METHOD_URL = reverse_lazy("careerguide:page", kwargs={"slug": "how-the-estimate-works"})


def line_row(line, pieces: Rendered) -> tuple:
    cells = tuple((cell.percent, cell.amount) for cell in line.cells)
    return (line.step_label, step_words(line), pieces.source(line.source), *cells)


def step_words(line) -> SafeString | str:
    """What a step does in plain words, with its arithmetic one click away (issue 20)."""
    if not line.plain:
        return line.row
    factor = f" (× {line.factor:.3f})" if line.factor is not None else ""
    return format_html(
        '{}<details class="step-arithmetic"><summary>The arithmetic</summary>{}{}; '
        '<a href="{}">how the estimate works</a></details>',
        line.plain,
        line.row,
        factor,
        METHOD_URL,
    )


def printed_answers(form: forms.Form, pieces: Rendered) -> tuple:
    """Each answer's label and value, as the printed copy lists them."""
    found = []
    for field in form:
        if field.widget_type in ("number", "text"):
            found.append((field.label, True, (field.value() or "none",)))
        elif isinstance(field.field, PlaceField):
            found.append((field.label, False, (field.place_name,)))
        else:
            value = field.value()
            chosen = {str(v) for v in (value if isinstance(value, list | tuple) else [value])}
            labels = pieces.labels(field).items()
            found.append((field.label, False, tuple(lb for v, lb in labels if v in chosen)))
    return tuple(found)


def result_view(result: Estimate, form: forms.Form, tables: Tables, *, partial: bool) -> ResultView:
    pieces = rendered(tables)
    urls = links()
    return ResultView(
        result=result,
        links=urls,
        share_path=f"{urls['estimator']}?{result.profile.query}",
        breakdown=tuple(line_row(line, pieces) for line in result.annual_lines),
        hourly=line_row(result.hourly_line, pieces),
        compensation=tuple(
            (item.label, item.detail, pieces.source(item.source), item.amount_text)
            for item in result.compensation.items
        ),
        answers=printed_answers(form, pieces),
        empty_slots=pieces.empty_slots(form) if partial else "",
    )
