"""All salary tables read at once, for the public pages.

Public pages never query the salary tables themselves. An edit marks the stored
snapshot (TablesSnapshot, plain JSON) out of date in its own transaction, and the
snapshot is stored again once per batch of edits (see careerguide.versioning). A page
then needs one query to read every figure it shows, however many rows the tables hold;
while the snapshot is out of date, pages read the tables instead.
"""

from dataclasses import dataclass

from django.db import models as db_models
from django.db import transaction

from careerguide.versioning import bump_version, cached, lock_version, rebuild_after_edits

from . import models
from .estimator import Adjustment, Band, Benefits, Level, Premium, SourceRef, Tables

# Each list in the snapshot, with the model its rows belong to, in loading order: a row's
# foreign keys point at rows of lists before it.
TABLES = {
    "sources": models.Source,
    "releases": models.OewsRelease,
    "bands": models.ExperienceBand,
    "education": models.EducationLevel,
    "certifications": models.Certification,
    "skills": models.Skill,
    "locations": models.Location,
    "employers": models.EmployerType,
    "benefits": models.BenefitAssumptions,
    "statistics": models.Statistic,
    "national_wages": models.OewsWage,
}


@dataclass(frozen=True)
class SalaryData:
    sources: list[models.Source]
    releases: list[models.OewsRelease]
    bands: list[models.ExperienceBand]
    education: list[models.EducationLevel]
    certifications: list[models.Certification]
    skills: list[models.Skill]
    locations: list[models.Location]
    employers: list[models.EmployerType]
    benefits: models.BenefitAssumptions | None
    statistics: list[models.Statistic]
    national_wages: list[models.OewsWage]  # newest release first


def _columns(model) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


def read_tables() -> dict[str, list[dict]]:
    """Read every table as plain values: a fixed eleven queries."""
    querysets = {name: model.objects.all() for name, model in TABLES.items()}
    querysets["national_wages"] = models.OewsWage.objects.filter(
        area_type=models.AreaType.NATIONAL
    ).order_by("-release__survey_date")
    return {name: list(qs.values(*_columns(qs.model))) for name, qs in querysets.items()}


def rebuild() -> None:
    """Store the tables as they are now.

    The version row stays locked until the snapshot is stored, so no edit can commit
    in between, and the snapshot stored last is always the newest.
    """
    with transaction.atomic():
        lock_version()
        models.TablesSnapshot.objects.update_or_create(
            pk=1, defaults={"is_current": True, "data": read_tables()}
        )


def tables_changed() -> None:
    """Record a change to the salary tables, in the current transaction.

    Save signals call this; so must any write that sends none (bulk writes, raw SQL).
    The stored snapshot is marked out of date at once, so no reader uses it, and is
    stored again when the batch of edits ends.
    """
    bump_version()  # first: it locks the version row, which rebuild() waits for
    models.TablesSnapshot.objects.filter(pk=1).update(is_current=False)
    rebuild_after_edits(rebuild)


def from_json(data: dict[str, list[dict]]) -> SalaryData:
    """Model instances from the stored values, each with its related rows attached."""
    by_model: dict[type, dict[int, db_models.Model]] = {}
    lists = {}
    for name, model in TABLES.items():
        fields = [(field, field.attname) for field in model._meta.concrete_fields]
        relations = [f for f in model._meta.concrete_fields if f.is_relation]
        rows = []
        for values in data.get(name, []):
            obj = model(**{attname: field.to_python(values[attname]) for field, attname in fields})
            for relation in relations:
                related = by_model.get(relation.related_model, {}).get(
                    getattr(obj, relation.attname)
                )
                if related is not None:
                    relation.set_cached_value(obj, related)
            rows.append(obj)
        by_model.setdefault(model, {}).update((obj.pk, obj) for obj in rows)
        lists[name] = rows
    models.attach_band_ends(lists["bands"])
    benefits = lists.pop("benefits")
    return SalaryData(**lists, benefits=benefits[0] if benefits else None)


def _load() -> SalaryData:
    stored = (
        models.TablesSnapshot.objects.filter(pk=1, is_current=True)
        .values_list("data", flat=True)
        .first()
    )
    return from_json(stored if stored is not None else read_tables())


def salary_data() -> SalaryData:
    """The salary tables at the current content version (cached until the next edit)."""
    return cached("salary-data", _load)


# The estimator's tables ----------------------------------------------------------------


def source_ref(source: models.Source) -> SourceRef:
    return SourceRef(name=str(source), slug=source.slug, as_of=source.as_of.isoformat())


def row_ref(row) -> dict:
    return {"name": row.name, "slug": row.slug, "source": source_ref(row.source)}


def read_tables_for_estimate(data: SalaryData) -> Tables:
    """Turn the salary tables into the plain frozen values the estimate reads."""
    benefits = data.benefits
    return Tables(
        bands=tuple(
            Band(
                **row_ref(band),
                years_from=band.years_from,
                years_to=band.years_to,
                low=band.low,
                high=band.high,
                high_is_open=band.high_is_open,
            )
            for band in data.bands
        ),
        education={
            row.slug: Level(**row_ref(row), start_low=row.start_low) for row in data.education
        },
        certifications={
            row.slug: Premium(
                **row_ref(row),
                low=row.premium_low,
                high=row.premium_high,
                abbreviation=row.abbreviation,
            )
            for row in data.certifications
        },
        skills={
            row.slug: Premium(**row_ref(row), low=row.premium_low, high=row.premium_high)
            for row in data.skills
        },
        employers={
            row.slug: Adjustment(**row_ref(row), low=row.adjustment_low, high=row.adjustment_high)
            for row in data.employers
        },
        locations={
            row.slug: Adjustment(**row_ref(row), low=row.adjustment_low, high=row.adjustment_high)
            for row in data.locations
        },
        benefits=None
        if benefits is None
        else Benefits(
            source=source_ref(benefits.source),
            match_rate=benefits.match_rate,
            match_cap=benefits.match_cap,
            default_contribution=benefits.default_contribution,
            bonus_low=benefits.bonus_low,
            bonus_high=benefits.bonus_high,
            bonus_source=source_ref(benefits.bonus_source),
            health_insurance_value=benefits.health_insurance_value,
            health_source=source_ref(benefits.health_source),
            pto_days=benefits.pto_days,
            pto_source=source_ref(benefits.pto_source),
        ),
    )


def estimator_tables() -> Tables:
    """The estimator's tables at the current content version, cached until the next edit."""
    return cached("estimator-tables", lambda: read_tables_for_estimate(salary_data()))
