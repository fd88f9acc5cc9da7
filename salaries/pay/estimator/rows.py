"""The rows of each salary table as the estimator reads them: plain frozen values."""

from dataclasses import dataclass
from decimal import Decimal

from salaries.pay import formatting as fmt
from salaries.pay.distribution import SourceRef


@dataclass(frozen=True, kw_only=True)
class Row:
    name: str
    slug: str
    source: SourceRef


@dataclass(frozen=True, kw_only=True)
class Band(Row):
    years_from: int
    years_to: int | None  # the year the next band starts; None for the open-ended last band
    low: int
    high: int
    high_is_open: bool = False

    @property
    def years_label(self) -> str:
        return fmt.years_label(self.years_from, self.years_to)

    @property
    def middle(self) -> Decimal:
        return (Decimal(self.low) + Decimal(self.high)) / 2


@dataclass(frozen=True, kw_only=True)
class Level(Row):
    start_low: int


@dataclass(frozen=True, kw_only=True)
class Premium(Row):
    low: int
    high: int
    abbreviation: str = ""

    @property
    def label(self) -> str:
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    @property
    def short(self) -> str:
        return self.abbreviation or self.name

    @property
    def middle(self) -> Decimal:
        return (Decimal(self.low) + Decimal(self.high)) / 2


@dataclass(frozen=True, kw_only=True)
class Adjustment(Row):
    low: Decimal  # percent against the national figure
    high: Decimal

    @property
    def middle(self) -> Decimal:
        return (Decimal(self.low) + Decimal(self.high)) / 2


@dataclass(frozen=True, kw_only=True)
class Access:
    """The share of workers offered medical care and retirement plans at such employers."""

    medical: Decimal  # percent
    retirement: Decimal  # percent
    note: str  # which workers the figures describe
    source: SourceRef
    medical_note: str = ""  # which workers the medical share describes, where not the same

    @property
    def medical_workers(self) -> str:
        return self.medical_note or self.note


@dataclass(frozen=True, kw_only=True)
class Employer(Adjustment):
    access: Access | None = None  # None: no source; the package assumes both are offered


@dataclass(frozen=True, kw_only=True)
class Benefits:
    source: SourceRef
    match_rate: Decimal  # percent of the employee's contribution
    match_cap: Decimal  # percent of salary
    default_contribution: Decimal  # percent of salary
    bonus_low: int
    bonus_high: int
    bonus_source: SourceRef
    health_insurance_value: int
    health_source: SourceRef
    pto_days: int  # paid vacation days after a year's service
    pto_source: SourceRef
    # Paid holidays a year: the one figure the estimate and the offer comparison count;
    # None where editors have removed its statistics row.
    holidays: Decimal | None = None
    holidays_source: SourceRef | None = None


@dataclass(frozen=True, kw_only=True)
class Reference:
    """The salary sites' national figure the guide's ranges are measured against."""

    median: int
    source: SourceRef


@dataclass(frozen=True, kw_only=True)
class CrossCheck:
    """A salary site's national figure for the job title, shown beside the estimate."""

    label: str  # "Salary.com median"
    amount: int
    source: SourceRef

    @property
    def amount_text(self) -> str:
        return fmt.money(self.amount)
