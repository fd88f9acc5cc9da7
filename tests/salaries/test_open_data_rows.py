"""The pure parts of open data: licences, CSV cells, reasons, changed figures, grouping."""

import csv
import io

from salaries.changes import NO_REASON, changed_figures, describe_reasons
from salaries.figures import Figure, figure_label
from salaries.pages.open.rows import csv_bytes, group_by_edit, is_derived, licence
from salaries.pay.spreadsheet import escape_formula, unescape_formula


def test_licences_follow_the_publisher_and_the_grade():
    assert licence("published", "U.S. Bureau of Labor Statistics, OEWS").startswith("Public domain")
    assert licence("published", "U.S. Bureau of Economic Analysis").startswith("Public domain")
    assert licence("reported", "Salary.com") == "© Salary.com, quoted under fair use"
    assert licence("published", "KFF") == "© KFF, quoted under fair use"
    # An estimate worked out here is this site's, whatever it was made from.
    assert licence("estimate", "U.S. Bureau of Labor Statistics").startswith("CC BY 4.0")
    assert licence("published", "This guide's editors").startswith("CC BY 4.0")


def test_a_csv_has_a_byte_order_mark_and_defused_formulas():
    rows = [
        {"name": "=1+1", "value": "-5", "note": "@SUM(A1)"},
        {"name": "plain", "value": None, "note": "'=x"},
    ]
    body = csv_bytes(rows, ["name", "value", "note"])
    assert body.startswith(b"\xef\xbb\xbf")
    read = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert read == [["name", "value", "note"], ["'=1+1", "'-5", "'@SUM(A1)"], ["plain", "", "''=x"]]
    # The admin's import takes exactly the apostrophe the export added.
    assert [unescape_formula(escape_formula(v)) for v in ("=1", "'=x", "ok")] == ["=1", "'=x", "ok"]


def test_a_batchs_reasons_become_one_and_a_correction_is_read_from_its_prefix():
    assert describe_reasons(["", "Correction: Digits swapped"]) == ("Digits swapped", True)
    assert describe_reasons(["BLS May 2025 release", "BLS May 2025 release", ""]) == (
        "BLS May 2025 release",
        False,
    )
    assert describe_reasons(["", ""]) == (NO_REASON, False)
    assert describe_reasons(["A", "B"]) == ("A; B", False)


def figure(key: str, text: str) -> Figure:
    return Figure(key=key, text=text, source_slug="s", source_name="S", as_of="May 2024")


def test_only_figures_shown_before_and_after_with_another_text_are_changes():
    before = {"a": figure("a", "$1"), "b": figure("b", "$2"), "gone": figure("gone", "$3")}
    after = {"a": figure("a", "$1"), "b": figure("b", "$20"), "new": figure("new", "$4")}
    assert [(old.text, new.text) for old, new in changed_figures(before, after)] == [("$2", "$20")]


def test_figure_labels_read_as_words():
    assert figure_label("bls.may-2024.a_median", "BLS OEWS May 2024, U.S.") == (
        "BLS OEWS May 2024, U.S.: median yearly pay"
    )
    assert figure_label("bls.latest.h_pct10", "X") == "X: hourly pay, 10th percentile"
    assert figure_label("stat.ors-telework", "Telework possible") == "Telework possible"
    assert (
        figure_label("method.example.typical") == "How the estimate works: worked example, typical"
    )
    assert is_derived("method.factor") and is_derived("location.boston.example_range")
    assert not is_derived("source.guide-national.typical")


def test_changes_group_by_edit_with_derived_figures_apart():
    def row(n: int, edit: int, name: str) -> dict:
        return {"id": n, "edit": edit, "date": "2026-12-07T10:00:00+00:00", "name": name,
                "reason": "R", "correction": False, "derived": is_derived(name)}  # fmt: skip

    groups = group_by_edit(
        [row(3, 7, "method.factor"), row(2, 7, "source.a.typical"), row(1, 5, "method.p10")]
    )
    assert [g["edit"] for g in groups] == [7, 5]
    assert [c["id"] for c in groups[0]["changes"]] == [2]
    assert [c["id"] for c in groups[0]["derived"]] == [3]
    # An edit that moved only derived figures shows them, rather than an empty list.
    assert [c["id"] for c in groups[1]["changes"]] == [1] and groups[1]["derived"] == []
