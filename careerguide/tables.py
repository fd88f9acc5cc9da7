"""Tables in a page body, ready to stack on a phone.

On a narrow screen (site.css) a table's rows become cards: each cell shows its column's
heading, from a data-label attribute added here, and a column holding long text takes
the card's whole width. The body is sanitised HTML (careerguide.markup), whose tables are
plain: <table>, <thead>/<tbody>, <tr>, <th> and <td> carry no attributes but scope.
"""

import html
import itertools
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

TABLE = re.compile(r"<table>(?P<inner>.*?)</table>", re.DOTALL)
HEAD = re.compile(r"<thead>(?P<inner>.*?)</thead>", re.DOTALL)
HEADING = re.compile(r"<th(?: [^>]*)?>(?P<inner>.*?)</th>", re.DOTALL)
ROW = re.compile(r"<tr>(?P<inner>.*?)</tr>", re.DOTALL)
CELL = re.compile(r"<td>(?P<inner>.*?)</td>", re.DOTALL)
# Text longer than this reads badly in half a phone's width.
LONG_TEXT = 40


def text_of(fragment: str) -> str:
    return html.unescape(strip_tags(fragment)).strip()


def label_table(table: re.Match) -> str:
    inner = table.group("inner")
    head = HEAD.search(inner)
    if head is None:
        return table.group(0)
    labels = [text_of(h.group("inner")) for h in HEADING.finditer(head.group("inner"))]
    body = inner[head.end() :]
    rows = [
        [text_of(c.group("inner")) for c in CELL.finditer(r.group("inner"))]
        for r in ROW.finditer(body)
    ]
    long = {column for row in rows for column, text in enumerate(row) if len(text) > LONG_TEXT}

    def label_row(row: re.Match) -> str:
        columns = itertools.count()

        def label_cell(cell: re.Match) -> str:
            column = next(columns)
            label = labels[column] if column < len(labels) else ""
            css = ' class="cell-long"' if column in long else ""
            return f'<td data-label="{escape(label)}"{css}>{cell.group("inner")}</td>'

        return f"<tr>{CELL.sub(label_cell, row.group('inner'))}</tr>"

    return f"<table>{inner[: head.end()]}{ROW.sub(label_row, body)}</table>"


def label_cells(body: str) -> SafeString:
    """The body with every table cell labelled by its column's heading."""
    # Safe: the body was safe, and each added attribute value is escaped.
    return mark_safe(TABLE.sub(label_table, body))  # noqa: S308
