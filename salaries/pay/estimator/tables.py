"""Every table the estimate reads, together (``Tables``), and a reader's answers (``Profile``)."""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from urllib.parse import urlencode

from salaries.pay import formatting as fmt
from salaries.pay.distribution import Distribution, Parity, Place, WageIndex, Wages
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
    def priced_places(self) -> tuple[tuple[str, Place, Distribution, Parity, Decimal], ...]:
        """The places "Where it pays more" can judge (a price parity on file), each with the
        most its pay can buy at national prices (its 90th percentile ÷ RPP/100), most first,
        so a search can stop once no place left could enter its list."""
        found = []
        for slug, place in self.places.items():
            distribution = self.distributions[slug]
            if place.is_national or distribution is None:
                continue
            parity = distribution.parity or place.parity
            if parity is None or parity.rpp <= 0:
                continue
            most = distribution.highest / (parity.rpp / 100)
            found.append((slug, place, distribution, parity, most))
        found.sort(key=lambda item: -item[4])
        return tuple(found)

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
