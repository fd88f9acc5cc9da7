"""All salary tables read at once, for the public pages.

Public pages never query the salary tables themselves. An edit marks the stored
snapshot (TablesSnapshot, plain JSON) out of date in its own transaction, and the
snapshot is stored again once per batch of edits (see careerguide.shared.versioning). A page
then needs one query to read every figure it shows, however many rows the tables hold;
while the snapshot is out of date, pages read the tables instead.
"""

from dataclasses import dataclass, replace
from decimal import Decimal

from django.db import models as db_models
from django.db import transaction
from django.dispatch import Signal

from careerguide.shared.versioning import (
    bump_version,
    cached,
    kept_in_process,
    lock_version,
    rebuild_after_edits,
)
from salaries import models
from salaries.pay.distribution import METRO, NATIONAL, STATE, Parity, Place, Release, Wages
from salaries.pay.estimator import (
    DEFAULT_LOCATION,
    HOLIDAYS_STATISTIC,
    REFERENCE_SOURCE,
    Access,
    Band,
    Benefits,
    CrossCheck,
    Employer,
    Level,
    Premium,
    Reference,
    SourceRef,
    Tables,
)
from salaries.pay.places import STATES, bea_code, state_slug

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
    "area_wages": models.OewsWage,
    "parities": models.PriceParity,
    "occupations": models.Occupation,
    "ladder_wages": models.OewsWage,
}

# The occupation every wage list is about, unless it says otherwise: PT care coordination
# sits in SOC 43-6013. The career ladder's other occupations have a list of their own.
COORDINATOR = models.OewsWage._meta.get_field("occ_code").default


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
    area_wages: list[models.OewsWage]  # states and metropolitan areas, newest release first
    parities: list[models.PriceParity]
    occupations: list[models.Occupation]  # the career ladder, in the editors' order
    ladder_wages: list[models.OewsWage]  # national rows of the ladder's other occupations

    def newest_national_wage(self, *fields: str) -> models.OewsWage | None:
        """The national row of the newest release that publishes any of these figures
        (any wage figure when none is named): the one rule every page uses."""
        fields = fields or tuple(models.WAGE_FIELDS)
        return next(
            (w for w in self.national_wages if any(getattr(w, f) is not None for f in fields)),
            None,
        )

    def newest_wages_by_occupation(self) -> dict[str, models.OewsWage]:
        """Each occupation's national row from the newest release that publishes any wage
        figure for it, by SOC code, 43-6013 included."""
        rows = sorted(
            [*self.national_wages, *self.ladder_wages],
            key=lambda wage: wage.release.survey_date,
            reverse=True,
        )
        newest: dict[str, models.OewsWage] = {}
        for wage in rows:
            if any(getattr(wage, field) is not None for field in models.WAGE_FIELDS):
                newest.setdefault(wage.occ_code, wage)
        return newest


def _columns(model) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


def read_tables() -> dict[str, list[dict]]:
    """Read every table as plain values: a fixed fifteen queries."""
    querysets = {name: model.objects.all() for name, model in TABLES.items()}
    coordinator = models.OewsWage.objects.filter(occ_code=COORDINATOR)
    querysets["national_wages"] = coordinator.filter(area_type=models.AreaType.NATIONAL).order_by(
        "-release__survey_date"
    )
    querysets["area_wages"] = coordinator.filter(
        area_type__in=[models.AreaType.STATE, models.AreaType.METRO]
    ).order_by("-release__survey_date", "area")
    querysets["ladder_wages"] = (
        models.OewsWage.objects.filter(area_type=models.AreaType.NATIONAL)
        .exclude(occ_code=COORDINATOR)
        .order_by("-release__survey_date", "occ_code")
    )
    return {name: list(qs.values(*_columns(qs.model))) for name, qs in querysets.items()}


# Sent in the rebuild's transaction once the tables are stored again, with the tables as
# last stored (``before``, plain JSON values), as now (``after``) and when ``before`` was
# stored (``since``), so the change log can compare the figures of the two.
tables_stored = Signal()


def rebuild() -> None:
    """Store the tables as they are now.

    The version row stays locked until the snapshot is stored, so no edit can commit
    in between, and the snapshot stored last is always the newest.
    """
    with transaction.atomic():
        lock_version()
        before = models.TablesSnapshot.objects.filter(pk=1).values_list("data", "built_at").first()
        after = read_tables()
        models.TablesSnapshot.objects.update_or_create(
            pk=1, defaults={"is_current": True, "data": after}
        )
        if before is not None:
            tables_stored.send(
                sender=models.TablesSnapshot, before=before[0], after=after, since=before[1]
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
        employers={row.slug: employer(row) for row in data.employers},
        places=places(data),
        wages=wage_rows([*data.national_wages, *data.area_wages]),
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
            **holidays(data),
        ),
        reference=next(
            (
                Reference(median=source.typical, source=source_ref(source))
                for source in data.sources
                if source.slug == REFERENCE_SOURCE and source.typical
            ),
            None,
        ),
        cross_checks=tuple(
            CrossCheck(
                label=f"{source.publisher}, {source.get_measure_display().lower()}",
                amount=source.typical,
                source=source_ref(source),
            )
            for source in data.sources
            if source.grade != models.Grade.PUBLISHED
            and source.typical
            and source.slug != REFERENCE_SOURCE
            and source.measure in CROSS_CHECK_MEASURES
        ),
    )


CROSS_CHECK_MEASURES = {
    models.Measure.MEDIAN,
    models.Measure.AVERAGE,
    models.Measure.BASE_PAY,
    models.Measure.TOTAL_PAY,
}
KINDS = {
    models.AreaType.NATIONAL: NATIONAL,
    models.AreaType.STATE: STATE,
    models.AreaType.METRO: METRO,
}


def holidays(data: SalaryData) -> dict:
    """Paid holidays a year from their statistics row, for both tools; none if removed."""
    row = next((row for row in data.statistics if row.slug == HOLIDAYS_STATISTIC), None)
    if row is None:
        return {}
    return {"holidays": Decimal(row.value), "holidays_source": source_ref(row.source)}


def employer(row: models.EmployerType) -> Employer:
    access = None
    if row.medical_access is not None and row.retirement_access is not None and row.access_source:
        access = Access(
            medical=row.medical_access,
            retirement=row.retirement_access,
            note=row.access_note,
            medical_note=row.medical_note,
            source=source_ref(row.access_source),
        )
    return Employer(**row_ref(row), low=row.adjustment_low, high=row.adjustment_high, access=access)


def wage_rows(rows: list[models.OewsWage]) -> tuple[Wages, ...]:
    """The estimator's wage rows; each release is made once and shared by its rows."""
    releases: dict[int, Release] = {}

    def release_of(row: models.OewsWage) -> Release:
        release = releases.get(row.release_id)
        if release is None:
            stored = row.release
            release = releases[row.release_id] = Release(
                period=stored.period,
                survey_date=stored.survey_date.isoformat(),
                source=source_ref(stored.source),
            )
        return release

    return tuple(
        Wages(
            area=row.area,
            area_title=row.area_title,
            kind=KINDS[row.area_type],
            release=release_of(row),
            percentiles=(row.a_pct10, row.a_pct25, row.a_median, row.a_pct75, row.a_pct90),
        )
        for row in rows
    )


def places(data: SalaryData) -> dict[str, Place]:
    """National pay first, then every state and DC, then the metropolitan areas on file."""

    def parity(row: models.PriceParity) -> Parity:
        return Parity(rpp=row.rpp, year=row.year, source=source_ref(row.source))

    by_area = {row.area: row for row in data.parities}
    found = [Place(slug=DEFAULT_LOCATION, name="United States", kind=NATIONAL, oews_area="99")]
    for code, name in STATES:
        row = by_area.get(bea_code(code, state=True))
        found.append(
            Place(
                slug=row.slug if row else state_slug(name),
                name=name,
                kind=STATE,
                oews_area=code,
                parity=parity(row) if row else None,
            )
        )
    metros = {
        row.area: Place(
            slug=row.slug, name=row.name, kind=METRO, oews_area=row.area, parity=parity(row)
        )
        for row in data.parities
        if row.kind == models.PriceParity.Kind.METRO
    }
    named: set[str] = set()
    for row in data.area_wages:  # newest release first
        if row.area_type != models.AreaType.METRO or row.area in named:
            continue
        named.add(row.area)
        if row.area in metros:
            # BLS's own name for the area its pay describes, as its newest rows give it.
            metros[row.area] = replace(metros[row.area], name=row.area_title)
        else:
            metros[row.area] = Place(
                slug=state_slug(row.area_title), name=row.area_title, kind=METRO, oews_area=row.area
            )
    found.extend(sorted(metros.values(), key=lambda place: place.name))
    unique: dict[str, Place] = {}
    for place in found:
        unique.setdefault(place.slug, place)
    return unique


def estimator_tables() -> Tables:
    """The estimator's tables at the current content version, cached until the next edit."""
    # Read by every estimate, pay check and offer comparison: kept in the process too
    # (the tables are frozen values), so a request does not unpickle them again.
    return kept_in_process(
        "estimator-tables",
        lambda: cached("estimator-tables", lambda: read_tables_for_estimate(salary_data())),
    )
