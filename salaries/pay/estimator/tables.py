"""Every table the estimate reads, together (``Tables``), and a reader's answers (``Profile``)."""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from urllib.parse import urlencode

from salaries.pay import formatting as fmt
from salaries.pay.distribution import Distribution, Place, WageIndex, Wages
from salaries.pay.estimator.constants import DEFAULT_LOCATION
from salaries.pay.estimator.curve import experience_curve
from salaries.pay.estimator.rows import (
    Band,
    Benefits,
    CrossCheck,
    Employer,
    Level,
    Premium,
    Reference,
)
from salaries.pay.place_search import PlaceFinder


@dataclass(frozen=True, kw_only=True)
class Tables:
    """Every row the estimate reads, keyed by slug in the editors' order."""

    bands: tuple[Band, ...] = ()
    education: dict[str, Level] = field(default_factory=dict)
    certifications: dict[str, Premium] = field(default_factory=dict)
    skills: dict[str, Premium] = field(default_factory=dict)
    employers: dict[str, Employer] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    wages: tuple[Wages, ...] = ()
    benefits: Benefits | None = None
    reference: Reference | None = None
    cross_checks: tuple[CrossCheck, ...] = ()

    @property
    def is_complete(self) -> bool:
        """Whether there is enough data for an estimate (certifications and skills may be empty)."""
        return bool(
            self.bands
            and self.education
            and self.employers
            and self.places
            and self.benefits
            and self.reference
            and self.national is not None
        )

    @cached_property
    def wage_index(self) -> WageIndex:
        """The wage rows grouped by area, once for these tables."""
        return WageIndex.of(self.wages)

    @cached_property
    def national(self) -> Distribution | None:
        return self.wage_index.nation

    @cached_property
    def lowest_level(self) -> Level:
        return min(self.education.values(), key=lambda level: level.start_low)

    @cached_property
    def curve(self) -> tuple[Decimal, ...]:
        return experience_curve(self.bands)

    @cached_property
    def distributions(self) -> dict[str, Distribution | None]:
        """Every place's distribution, worked out once for these tables: each reads only
        its own rows (``wage_index``), so the work grows with the rows, not areas × rows."""
        index = self.wage_index
        return {slug: index.distribution(place) for slug, place in self.places.items()}

    @cached_property
    def place_finder(self) -> PlaceFinder:
        """The places a reader can type, indexed once for these tables."""
        return PlaceFinder(list(self.places.values()))

    @cached_property
    def elsewhere_candidates(self) -> tuple[tuple[str, Place, Distribution, Decimal], ...]:
        """The places with figures of their own (OEWS rows or a price parity), highest
        median first, where "Where it pays more" looks; each with the highest 10th
        percentile among it and the places after it, which bounds what they can pay."""
        found = []
        for slug, place in self.places.items():
            distribution = self.distributions[slug]
            if place.is_national or distribution is None:
                continue
            if distribution.parity is None and not distribution.own_rows:
                continue
            found.append((slug, place, distribution))
        found.sort(key=lambda item: -item[2].median)
        lowest_from_here = []
        floor = Decimal(0)
        for _, _, distribution in reversed(found):
            floor = max(floor, distribution.lowest)
            lowest_from_here.append(floor)
        return tuple(
            (*item, floor) for item, floor in zip(found, reversed(lowest_from_here), strict=True)
        )

    def distribution(self, slug: str) -> Distribution:
        found = self.distributions[slug]
        if found is None:
            raise ValueError("No wage distribution is on file.")
        return found

    def band_for(self, years: Decimal | int) -> Band:
        holding = [band for band in self.bands if band.years_from <= years]
        return holding[-1] if holding else self.bands[0]

    @property
    def plateau_from(self) -> int:
        """The first year the experience curve stops rising."""
        curve = self.curve
        top = curve[-1]
        return next(year for year, value in enumerate(curve) if value >= top)


@dataclass(frozen=True, kw_only=True)
class Profile:
    years: int
    education: str
    employer: str
    location: str = DEFAULT_LOCATION
    certifications: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    contribution: Decimal | None = None  # percent of salary; None means the default

    @property
    def query(self) -> str:
        """The estimator's query string for this profile."""
        pairs = [
            ("years", self.years),
            ("education", self.education),
            *[("certifications", slug) for slug in self.certifications],
            *[("skills", slug) for slug in self.skills],
            ("employer", self.employer),
            ("location", self.location),
        ]
        if self.contribution is not None:
            pairs.append(("contribution", fmt.number(self.contribution)))
        return urlencode(pairs)
