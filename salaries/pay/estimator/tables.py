"""Every table the estimate reads, together (``Tables``), and a reader's answers (``Profile``)."""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from urllib.parse import urlencode

from salaries.pay import formatting as fmt
from salaries.pay.distribution import NATIONAL, Distribution, Place, Wages, area_distribution
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
    def national(self) -> Distribution | None:
        return area_distribution(
            Place(slug=DEFAULT_LOCATION, name="United States", kind=NATIONAL, oews_area=""),
            self.wages,
        )

    @cached_property
    def lowest_level(self) -> Level:
        return min(self.education.values(), key=lambda level: level.start_low)

    @cached_property
    def curve(self) -> tuple[Decimal, ...]:
        return experience_curve(self.bands)

    @cached_property
    def distributions(self) -> dict[str, Distribution | None]:
        """Every place's distribution, worked out once for these tables."""
        return {slug: area_distribution(place, self.wages) for slug, place in self.places.items()}

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
