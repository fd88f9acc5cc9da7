"""Plan an OEWS import against what is stored, and apply it in one transaction.

Reading the file is salaries.oews.read (pure); this module is the part that queries and
writes the database.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.db import transaction
from django.db.models import Min
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from salaries.models import AreaType, Cadence, Grade, Measure, OewsRelease, OewsWage, Source
from salaries.oews.read import (
    COMPARED_FIELDS,
    FIGURE_FIELDS,
    LABELS,
    OCC_CODE,
    OCC_TITLE,
    OewsRow,
    Period,
    display,
)
from salaries.snapshot import tables_changed


class Status(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class FieldChange:
    name: str
    old: object
    new: object

    @property
    def label(self) -> str:
        return LABELS[self.name]

    @property
    def old_text(self) -> str:
        return display(self.name, self.old, empty="not on file")

    @property
    def new_text(self) -> str:
        return display(self.name, self.new)


@dataclass(frozen=True)
class AreaPlan:
    row: OewsRow
    status: Status
    changes: list[FieldChange]


@dataclass
class ImportPlan:
    """What an import would do, area by area, against what is stored now."""

    period: Period
    rows: list[OewsRow]
    areas: list[AreaPlan]
    release_exists: bool
    national_before: dict | None = None

    def with_status(self, status: Status) -> list[AreaPlan]:
        return [area for area in self.areas if area.status == status]

    @property
    def counts(self) -> dict[str, int]:
        return {status.value: len(self.with_status(status)) for status in Status}

    @property
    def national_after(self) -> dict | None:
        national = _national(self.rows)
        return national.values() if national else None

    def national_figures(self) -> list[FieldChange]:
        """Each national figure before and after, or nothing when the file has no nation."""
        after = self.national_after
        if after is None:
            return []
        before = self.national_before or {}
        return [FieldChange(name, before.get(name), after[name]) for name in FIGURE_FIELDS]


def stored_values(wage: OewsWage) -> dict:
    return {name: getattr(wage, name) for name in COMPARED_FIELDS}


def compare(before: dict, after: dict) -> list[FieldChange]:
    changes = []
    for name in COMPARED_FIELDS:
        old, new = before.get(name), after.get(name)
        if name in ("withheld", "top_coded"):
            old, new = sorted(old or []), sorted(new or [])
        if old != new:
            changes.append(FieldChange(name, old, new))
    return changes


def plan_import(rows: list[OewsRow], period: Period) -> ImportPlan:
    """Compare the rows read from a file with what is stored for the period, writing nothing."""
    release = OewsRelease.objects.filter(slug=period.slug).first()
    stored = {_key(w): stored_values(w) for w in release.wages.all()} if release else {}
    areas = []
    for row in rows:
        before = stored.get(_key(row))
        if before is None:
            areas.append(AreaPlan(row, Status.NEW, []))
            continue
        changes = compare(before, row.values())
        areas.append(AreaPlan(row, Status.CHANGED if changes else Status.UNCHANGED, changes))
    national = _national(rows)
    return ImportPlan(
        period=period,
        rows=rows,
        areas=areas,
        release_exists=release is not None,
        national_before=stored.get(_key(national)) if national else None,
    )


def _key(row: OewsRow | OewsWage) -> tuple[str, str]:
    """A stored wage row is one occupation in one area of a release."""
    return (row.area, row.occ_code)


def _national(rows: list[OewsRow]) -> OewsRow | None:
    """The nation's 43-6013 row: the one the release's source and the salary pages quote."""
    return next(
        (r for r in rows if r.area_type == AreaType.NATIONAL and r.occ_code == OCC_CODE), None
    )


def describe_plan(plan: ImportPlan, *, detail: bool = False) -> list[str]:
    """Return the preview as lines of text, for the management command."""
    counts = plan.counts
    lines = [
        f"OEWS {plan.period.label} ({'stored release' if plan.release_exists else 'new release'}): "
        f"{counts['new']} new, {counts['changed']} changed, {counts['unchanged']} unchanged areas."
    ]
    national = plan.national_figures()
    if national:
        lines.append("National figures, now → after import:")
        for change in national:
            mark = "*" if change.old != change.new else " "
            lines.append(f" {mark} {change.label}: {change.old_text} → {change.new_text}")
    if detail:
        for area in plan.with_status(Status.CHANGED):
            lines.append(f"{area.row.area_title} ({area.row.area}):")
            lines.extend(f"   {c.label}: {c.old_text} → {c.new_text}" for c in area.changes)
    return lines


def release_reason(period: Period) -> str:
    return f"BLS {period.label} release"


@dataclass(frozen=True)
class ImportResult:
    release: OewsRelease
    created: int
    updated: int
    unchanged: int


def apply_import(plan: ImportPlan, *, user=None) -> ImportResult:
    """Write the plan's rows in one transaction, creating the release and its source if new.

    Rows are compared again inside the transaction, so a preview made before another
    editor's import never overwrites more than the file says.
    """
    period = plan.period
    # The history's reason, which the public change log shows beside every figure the
    # import changes.
    reason = release_reason(period)
    with transaction.atomic():
        release = _release(period, plan.national_after)
        # Lock the release so two imports of the same period run one after the other.
        release = OewsRelease.objects.select_for_update().get(pk=release.pk)
        stored = {_key(wage): wage for wage in release.wages.all()}
        created, updated = [], []
        for row in plan.rows:
            wage = stored.get(_key(row))
            values = row.values()
            if wage is None:
                created.append(OewsWage(release=release, area=row.area, **values))
            elif compare(stored_values(wage), values):
                for name, value in values.items():
                    setattr(wage, name, value)
                updated.append(wage)
        if created:
            bulk_create_with_history(
                created, OewsWage, default_user=user, default_change_reason=reason
            )
        if updated:
            bulk_update_with_history(
                updated,
                OewsWage,
                fields=list(plan.rows[0].values()),
                default_user=user,
                default_change_reason=reason,
            )
        # Bulk writes send no save signals: a new version and snapshot, in this transaction.
        tables_changed()
    return ImportResult(
        release, len(created), len(updated), len(plan.rows) - len(created) - len(updated)
    )


# Every OEWS edition of the guide's occupation: a newer one on file means an older one is
# not overdue.
OEWS_SERIES = "oews-43-6013"


def next_oews_edition(survey_date: date) -> date:
    """When BLS is due to publish the next May survey after this one: in the spring of the
    second year after it (May 2024's successor, May 2025, came out in the spring of 2026)."""
    return date(survey_date.year + 2, 4, 1)


def _release(period: Period, national: dict | None) -> OewsRelease:
    typical = national["a_median"] if national else None
    position = Source.objects.filter(slug__startswith="bls-oews-").aggregate(Min("position"))
    source, created = Source.objects.get_or_create(
        slug=period.source_slug,
        defaults={
            "name": f"{OCC_TITLE} (SOC {OCC_CODE})",
            "publisher": "U.S. Bureau of Labor Statistics, OEWS",
            "url": period.source_url,
            "measure": Measure.MEDIAN,
            "typical": typical,
            "as_of": period.survey_date,
            "grade": Grade.PUBLISHED,
            "note": "Official survey of employers, imported from the BLS OEWS file.",
            "cadence": Cadence.YEARLY,
            "next_edition_due": next_oews_edition(period.survey_date),
            "series": OEWS_SERIES,
            "position": position["position__min"] or 0,
        },
    )
    if not created and source.typical is None and typical is not None:
        source.typical = typical
        source.save(update_fields=["typical"])
    release, _ = OewsRelease.objects.get_or_create(
        slug=period.slug,
        defaults={"survey_date": period.survey_date, "source": source},
    )
    return release
