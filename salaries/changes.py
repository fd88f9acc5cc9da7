"""The public change log: which figures readers saw change, from what to what, and why.

When the tables' snapshot is stored again after a batch of edits (salaries.snapshot), the
figures built from the tables as last stored are compared with the figures built from
the tables as they are now; each figure whose text changed is written down as a
FigureChange, with the reasons editors gave for the edits since (django-simple-history's
``history_change_reason``: typed in the admin, or an import's default). So every way of
changing a figure reaches the log, derived figures (ranges, worked examples) included.

A rebuild that follows no recorded edit (``migrate`` on a deploy, say) writes nothing: a
new way of showing a figure is not a change to it.
"""

import logging
from datetime import date, datetime

from django.apps import apps
from django.db.models import CharField, F, Value
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalChanges

from careerguide.shared.admin_safety import CORRECTION_PREFIX
from careerguide.shared.versioning import bump_version
from salaries.figures import Figure, build_registry
from salaries.models import FigureChange, TablesSnapshot
from salaries.snapshot import from_json, tables_stored

logger = logging.getLogger(__name__)

NO_REASON = "No reason given"
# Distinct reasons kept for one batch of edits at most (an import gives one).
MAX_REASONS = 5
TEXT_LIMIT = FigureChange._meta.get_field("old_text").max_length
REASON_LIMIT = FigureChange._meta.get_field("reason").max_length


def history_models() -> list:
    return [
        model
        for model in apps.get_app_config("salaries").get_models()
        if issubclass(model, HistoricalChanges)
    ]


def reasons_since(since: datetime) -> list[str] | None:
    """The distinct reasons of the salary tables' history records written since, blank
    for records without one; None when no record was written (so nothing was edited).
    One query, whatever the number of tables or records."""
    queries = [
        model.objects.filter(history_date__gte=since)
        .order_by()
        .annotate(reason=Coalesce(F("history_change_reason"), Value(""), output_field=CharField()))
        .values_list("reason", flat=True)
        for model in history_models()
    ]
    if not queries:
        return None
    found = list(queries[0].union(*queries[1:])[: MAX_REASONS + 1])
    return found or None


def describe_reasons(reasons: list[str]) -> tuple[str, bool]:
    """One reason for the log from a batch's reasons, and whether it was a correction."""
    given = [reason.strip() for reason in reasons if reason and reason.strip()]
    is_correction = any(reason.startswith(CORRECTION_PREFIX) for reason in given)
    plain = [reason.removeprefix(CORRECTION_PREFIX).strip() for reason in given]
    text = "; ".join(dict.fromkeys(plain)) or NO_REASON
    return text[:REASON_LIMIT], is_correction


def changed_figures(before: dict[str, Figure], after: dict[str, Figure]) -> list[tuple]:
    """(old, new) for every figure shown both before and after whose text differs."""
    return [
        (before[name], figure)
        for name, figure in after.items()
        if name in before and before[name].text != figure.text
    ]


def registry_of(data: dict, today: date) -> dict[str, Figure]:
    return build_registry(data=from_json(data), today=today)


def record_changes(sender, *, before: dict, after: dict, since: datetime, **kwargs) -> None:
    """Write down the figures this batch of edits changed (tables_stored's receiver)."""
    reasons = reasons_since(since)
    if reasons is None:
        return
    today = date.today()
    try:
        old = registry_of(before, today)
    except Exception:
        # Tables stored by older code (before a migration added a column) cannot be read
        # back: the edit is saved all the same, only its entry in the log is lost.
        logger.warning("The tables as last stored could not be read; no change recorded.")
        return
    new = registry_of(after, today)
    changes = changed_figures(old, new)
    if not changes:
        return
    reason, is_correction = describe_reasons(reasons)
    # Readers who asked between the edit's commit and this one cached pages without the
    # new entries under the edit's version: a new one leaves those behind, and names
    # the edit.
    edit = bump_version()
    FigureChange.objects.bulk_create(
        FigureChange(
            name=figure.key,
            old_text=was.text[:TEXT_LIMIT],
            new_text=figure.text[:TEXT_LIMIT],
            reason=reason,
            is_correction=is_correction,
            source_slug=figure.source_slug,
            source_name=figure.source_name[:420],
            period=figure.as_of,
            edit=edit,
        )
        for was, figure in changes
    )


def connect() -> None:
    tables_stored.connect(record_changes, sender=TablesSnapshot, dispatch_uid="figure-changes")
