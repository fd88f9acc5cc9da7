"""What would raise an estimate (one change at a time) and where the same profile pays more."""

from dataclasses import dataclass, replace
from decimal import Decimal

from salaries.pay import formatting as fmt
from salaries.pay.distribution import Place, buys
from salaries.pay.estimator.anchored import anchored_typical, site_scale_pay
from salaries.pay.estimator.constants import (
    MAX_ELSEWHERE,
    MAX_SUGGESTIONS,
    MAX_YEARS,
    MORE_YEARS,
    whole_dollars,
)
from salaries.pay.estimator.tables import Profile, Tables


@dataclass(frozen=True, kw_only=True)
class Suggestion:
    kind: str
    label: str
    detail: str
    gain: int  # dollars a year added to the typical estimate
    profile: Profile

    @property
    def gain_text(self) -> str:
        return "+" + fmt.money(self.gain)


@dataclass(frozen=True, kw_only=True)
class Elsewhere:
    """The same profile in another place: pay there, and what it buys in national dollars."""

    place: Place
    typical: int
    buys: int | None
    profile: Profile

    @property
    def typical_text(self) -> str:
        return fmt.money(self.typical)

    @property
    def buys_text(self) -> str:
        return fmt.money(self.buys) if self.buys is not None else ""


def changes(*, profile: Profile, tables: Tables):
    """The single changes a careers adviser would put to this reader.

    Yields (kind, label, detail, changed profile):

    * One certification, only to someone who holds none (the sources give one premium
      for holding one or more, so a second adds nothing).
    * More experience, until the curve's plateau.
    * More education only before the last experience band: the sources give its effect
      on starting pay alone, so it is no advice for an experienced coordinator.
    * A better-paying employer type, and any skill a source prices.
    Moving elsewhere is not among them: see ``elsewhere``.
    """
    if not profile.certifications:
        for slug, row in tables.certifications.items():
            if row.middle > 0:
                yield (
                    "certification",
                    f"Earn the {row.short} certification",
                    f"Worth {fmt.money_range(row.low, row.high)} a year in the guide's sources; "
                    "one is enough.",
                    replace(profile, certifications=(slug,)),
                )
    for slug, row in tables.skills.items():
        if slug not in profile.skills and row.middle > 0:
            yield (
                "skill",
                f"Add the skill “{row.name}”",
                f"Priced at {fmt.money_range(row.low, row.high)} a year.",
                replace(profile, skills=(*profile.skills, slug)),
            )
    if profile.years < min(MAX_YEARS, tables.plateau_from):
        years = min(profile.years + MORE_YEARS, MAX_YEARS)
        more = years - profile.years
        yield (
            "experience",
            f"Stay in the role {more} more year{'s' if more > 1 else ''}",
            "Pay rises with experience until the curve levels off after "
            f"{tables.plateau_from} years.",
            replace(profile, years=years),
        )
    if profile.years < tables.bands[-1].years_from:
        start = tables.education[profile.education].start_low
        higher = [level for level in tables.education.values() if level.start_low > start]
        if higher:
            level = min(higher, key=lambda level: level.start_low)
            yield (
                "education",
                f"Complete “{level.name}”",
                "Counts as a head start early in a career; the sources say nothing of it later.",
                replace(profile, education=level.slug),
            )
    current = tables.employers[profile.employer].middle
    for slug, row in tables.employers.items():
        if row.middle > current:
            yield (
                "employer",
                f"Look at “{row.name}” employers",
                f"Pay runs {fmt.adjustment_range(row.low, row.high)} the national figure.",
                replace(profile, employer=slug),
            )


def suggestions(*, profile: Profile, typical: int, tables: Tables) -> tuple[Suggestion, ...]:
    """The largest gains to typical pay, the best change of each kind, from one change each.

    No change moves the reader elsewhere, so each is the same anchoring of a new figure on
    the salary sites' scale: only that figure is worked out again, without its steps.
    """
    distribution = tables.distribution(profile.location)
    best: dict[str, Suggestion] = {}
    for kind, label, detail, changed in changes(profile=profile, tables=tables):
        site = site_scale_pay(profile=changed, tables=tables).pay.typical
        gain = whole_dollars(anchored_typical(site, distribution, tables)) - typical
        if gain > 0 and (kind not in best or gain > best[kind].gain):
            best[kind] = Suggestion(
                kind=kind, label=label, detail=detail, gain=gain, profile=changed
            )
    ranked = sorted(best.values(), key=lambda suggestion: -suggestion.gain)
    return tuple(ranked[:MAX_SUGGESTIONS])


def elsewhere(
    *, profile: Profile, at_home: int, site_scale: Decimal, tables: Tables
) -> tuple[Elsewhere, ...]:
    """The places where the same profile's pay buys most, after price level (pay ÷ RPP/100),
    and more than it buys where the reader is: higher pay that buys no more is no advice.

    at_home is what the reader's typical pay buys where they are (the pay itself where no
    price level is on file). Only places with a price parity can be judged, so only they
    are compared. The profile's pay on the salary sites' scale (``site_scale``) is the same
    everywhere; each place only anchors it (``anchored_typical``), so each place costs a
    few multiplications, not a whole estimate.
    """
    found: list[Elsewhere] = []
    for slug, place, distribution, parity, most in tables.priced_places:
        # Places come most-buying first: once the most one could buy cannot beat home or
        # the last of a full list, no place after it can either.
        enough = max(at_home, found[MAX_ELSEWHERE - 1].buys if len(found) >= MAX_ELSEWHERE else 0)
        if whole_dollars(most) + 2 <= enough:  # two dollars spare for rounding
            break
        if slug == profile.location:
            continue
        there = whole_dollars(anchored_typical(site_scale, distribution, tables))
        bought = buys(there, parity)
        if bought is None or whole_dollars(bought) <= at_home:
            continue
        found.append(
            Elsewhere(
                place=place,
                typical=there,
                buys=whole_dollars(bought),
                profile=replace(profile, location=slug),
            )
        )
        found.sort(key=lambda item: (-item.buys, item.place.name))
    found.sort(key=lambda item: (-item.buys, item.place.name))
    return tuple(found[:MAX_ELSEWHERE])
