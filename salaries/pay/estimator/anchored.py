"""The anchored estimate: a profile on the experience curve, then on BLS pay for its place."""

from dataclasses import dataclass, replace
from decimal import Decimal

from salaries.pay import formatting as fmt
from salaries.pay.distribution import Distribution
from salaries.pay.estimator.constants import DEFAULT_EMPLOYER, DEFAULT_LOCATION, MAX_YEARS, ZERO
from salaries.pay.estimator.curve import curve_at, years_for
from salaries.pay.estimator.rows import Band, Level, Premium
from salaries.pay.estimator.steps import Line, Span
from salaries.pay.estimator.tables import Profile, Tables


def head_start(level: Level, *, tables: Tables) -> Decimal:
    """The years of experience whose pay a level's higher starting pay matches."""
    lowest = tables.lowest_level.start_low
    curve = tables.curve
    if level.start_low <= lowest or lowest <= 0:
        return ZERO
    return years_for(curve, curve[0] * Decimal(level.start_low) / Decimal(lowest))


# The estimate ------------------------------------------------------------------------------


def default_profile(*, tables: Tables) -> Profile:
    """A newcomer: no experience, the lowest education, a corporate chain, national pay."""
    return Profile(
        years=0,
        education=tables.lowest_level.slug,
        employer=preferred(tables.employers, DEFAULT_EMPLOYER),
        location=preferred(tables.places, DEFAULT_LOCATION),
    )


def typical_profile(*, tables: Tables, location: str) -> Profile:
    """A mid-career coordinator: the middle of the middle experience band, nothing added."""
    band = tables.bands[len(tables.bands) // 2]
    years = band.years_from if band.years_to is None else (band.years_from + band.years_to) // 2
    return replace(default_profile(tables=tables), years=min(years, MAX_YEARS), location=location)


def preferred(rows: dict, slug: str) -> str:
    """The slug if the table has it (editors may rename rows), else the table's first row."""
    return slug if slug in rows else next(iter(rows))


def held(slugs: tuple[str, ...], rows: dict[str, Premium]) -> list[Premium]:
    """The rows a reader holds, once each, in the table's order."""
    unknown = set(slugs) - rows.keys()
    if unknown:
        raise ValueError(f"Unknown rows: {', '.join(sorted(unknown))}")
    return [row for slug, row in rows.items() if slug in slugs]


def spread(band: Band, value: Decimal) -> Span:
    """A typical value with the band's own spread around its middle as low and high."""
    middle = band.middle
    if middle <= 0:
        return Span(value, value, value)
    return Span(value * band.low / middle, value, value * band.high / middle)


@dataclass(frozen=True)
class Worked:
    """The estimate's arithmetic before rounding, with its steps."""

    pay: Span
    site_scale: Decimal
    distribution: Distribution
    held: str | None
    lines: list[Line]
    unpriced: tuple[str, ...]
    extra_certifications: tuple[str, ...]


@dataclass(frozen=True)
class SiteScale:
    """A profile's pay on the salary sites' scale, before it is anchored to a place."""

    pay: Span
    unpriced: tuple[str, ...]
    extra_certifications: tuple[str, ...]


def site_scale_pay(*, profile: Profile, tables: Tables, lines: list[Line] | None = None):
    """The profile's pay before anchoring: experience, education, certification, skills
    and employer, none of which depend on the place. With lines, each step is added to it
    (the words of a step are only written when asked for)."""
    level = tables.education[profile.education]
    employer = tables.employers[profile.employer]
    certifications = held(profile.certifications, tables.certifications)
    skills = held(profile.skills, tables.skills)
    curve = tables.curve

    def add(**kwargs) -> None:
        lines.append(Line(step=len(lines) + 1, **kwargs))

    years = Decimal(profile.years)
    band = tables.band_for(years)
    pay = spread(band, curve_at(curve, years))
    if lines is not None:
        add(
            label="Experience",
            row=f"{profile.years} year{'' if profile.years == 1 else 's'} on the experience "
            f"curve ({band.name}, {band.years_label})",
            kind="start",
            effect=pay,
            source=band.source,
            plain=f"Where {fmt.years_phrase(profile.years)} in the role put you on the salary "
            "sites' pay scale",
        )

    ahead = head_start(level, tables=tables)
    if ahead > 0:
        effective = years + ahead
        with_education = spread(tables.band_for(effective), curve_at(curve, effective))
        added = Span(*(max(ZERO, value) for value in with_education - pay))
        if added.typical > 0:
            if lines is not None:
                add(
                    label="Education head start",
                    row=f"{level.name}: starting pay like "
                    f"{fmt.number(ahead.quantize(Decimal('0.1')))} years of experience",
                    kind="amount",
                    effect=added,
                    source=level.source,
                    plain=f"{level.name} starts you where about "
                    f"{fmt.number(ahead.quantize(Decimal('0.1')))} more years in the role would",
                )
            pay += added

    if certifications:
        # One premium counts, each figure the highest any held certification carries, so
        # holding one more never lowers an estimate.
        spans = [Span.around(row.low, row.high) for row in certifications]
        added = Span(*map(max, zip(*spans, strict=True)))
        if added.high > 0:
            if lines is not None:
                best = max(certifications, key=lambda row: (row.middle, row.high))
                row = best.label
                if len(certifications) > 1:
                    row += " (one certification counts: the sources give one premium for any)"
                add(
                    label="Certification",
                    row=row,
                    kind="amount",
                    effect=added,
                    source=best.source,
                    plain=f"Holding the {best.short} adds what its source says a "
                    "certification adds",
                )
            pay += added
    extra = tuple(row.short for row in certifications[1:]) if len(certifications) > 1 else ()

    for skill in skills:
        if skill.high > 0:
            added = Span.around(skill.low, skill.high)
            if lines is not None:
                add(
                    label="Skill",
                    row=skill.label,
                    kind="amount",
                    effect=added,
                    source=skill.source,
                    plain=f"{skill.name} adds what its source says it adds",
                )
            pay += added
    unpriced = tuple(skill.name for skill in skills if skill.high <= 0)

    if employer.low or employer.high:
        percents = Span.around(employer.low, employer.high)
        adjusted = pay.adjusted(percents)
        if lines is not None:
            add(
                label="Employer type",
                row=employer.name,
                kind="percent",
                effect=adjusted - pay,
                percents=percents,
                source=employer.source,
                plain=f"{employer.name} pay about "
                f"{fmt.adjustment_range(employer.low, employer.high)} the national figure",
            )
        pay = adjusted
    return SiteScale(pay=pay, unpriced=unpriced, extra_certifications=extra)


def anchored_typical(site_scale: Decimal, distribution: Distribution, tables: Tables) -> Decimal:
    """The typical figure of ``annual_pay`` from the site-scale one: the same arithmetic,
    without the steps, for trying many changes or places at once."""
    factor = distribution.median / Decimal(tables.reference.median)
    return min(max(site_scale * factor, distribution.lowest), distribution.highest)


def check_profile(profile: Profile, tables: Tables) -> None:
    if not tables.is_complete:
        raise ValueError("The salary tables are empty.")
    if not 0 <= profile.years <= MAX_YEARS:
        raise ValueError(f"Years must lie between 0 and {MAX_YEARS}.")


def annual_pay(*, profile: Profile, tables: Tables) -> Worked:
    """The low, typical and high annual pay for a profile, with the steps that build it."""
    check_profile(profile, tables)
    lines: list[Line] = []
    site = site_scale_pay(profile=profile, tables=tables, lines=lines)
    distribution = tables.distribution(profile.location)
    pay = site.pay

    def add(**kwargs) -> None:
        lines.append(Line(step=len(lines) + 1, **kwargs))

    site_scale = pay.typical
    reference = tables.reference
    factor = distribution.median / Decimal(reference.median)
    pay = pay.times(factor)
    add(
        label="Anchored to BLS pay",
        row=f"÷ {fmt.money(reference.median)} (salary sites' national median) × "
        f"{fmt.money(distribution.median)} ({median_phrase(distribution)})",
        kind="scale",
        effect=pay,
        factor=factor,
        source=distribution.median_source,
        plain="The same place on the scale, moved onto what BLS says these jobs pay "
        + ("nationally" if distribution.area == "the U.S." else f"in {distribution.area}")
        + f" ({distribution.period})",
    )

    bounded = pay.within(distribution.lowest, distribution.highest)
    held_at = None
    if pay.typical > distribution.highest:
        held_at = "above"
    elif pay.typical < distribution.lowest:
        held_at = "below"
    if bounded != pay:
        add(
            label="Kept within the 10th to 90th percentiles",
            row=f"{fmt.money(distribution.lowest)} to {fmt.money(distribution.highest)}: "
            "BLS publishes nothing beyond them",
            kind="bound",
            effect=bounded,
            source=distribution.release.source,
            plain="Kept between the lowest and highest pay BLS publishes there",
        )
    return Worked(
        pay=bounded,
        site_scale=site_scale,
        distribution=distribution,
        held=held_at,
        lines=lines,
        unpriced=site.unpriced,
        extra_certifications=site.extra_certifications,
    )


def median_phrase(distribution: Distribution) -> str:
    """Which median the anchor uses: "BLS median, U.S., May 2022"."""
    if distribution.parity:
        parity = distribution.parity
        return (
            f"BLS median, U.S., {distribution.period}, × {distribution.area}'s price level, "
            f"{fmt.number(parity.rpp.normalize())} in {parity.year} (BEA)"
        )
    area = distribution.area if distribution.area != "the U.S." else "U.S."
    return f"BLS median, {area}, {distribution.period}"
