"""The itemised steps of an estimate: a low-typical-high ``Span`` and each step's ``Line``."""

from dataclasses import dataclass
from decimal import Decimal

from salaries.pay import formatting as fmt
from salaries.pay.distribution import SourceRef
from salaries.pay.estimator.constants import HOURS_PER_YEAR, HUNDRED


@dataclass(frozen=True)
class Span:
    """A low, typical and high figure, carried together through every step."""

    low: Decimal
    typical: Decimal
    high: Decimal

    @classmethod
    def around(cls, low: Decimal | int, high: Decimal | int) -> "Span":
        """A range with its midpoint as the typical figure."""
        return cls(Decimal(low), (Decimal(low) + Decimal(high)) / 2, Decimal(high))

    def __iter__(self):
        return iter((self.low, self.typical, self.high))

    def __add__(self, other: "Span") -> "Span":
        return Span(self.low + other.low, self.typical + other.typical, self.high + other.high)

    def __sub__(self, other: "Span") -> "Span":
        return Span(self.low - other.low, self.typical - other.typical, self.high - other.high)

    def adjusted(self, percents: "Span") -> "Span":
        return Span(
            self.low * (1 + percents.low / HUNDRED),
            self.typical * (1 + percents.typical / HUNDRED),
            self.high * (1 + percents.high / HUNDRED),
        )

    def times(self, factor: Decimal) -> "Span":
        return Span(self.low * factor, self.typical * factor, self.high * factor)

    def within(self, lowest: Decimal, highest: Decimal) -> "Span":
        return Span(*(min(max(value, lowest), highest) for value in self))

    def per_hour(self) -> "Span":
        return self.times(1 / Decimal(HOURS_PER_YEAR))


@dataclass(frozen=True, kw_only=True)
class Cell:
    label: str
    amount: str
    percent: str = ""


@dataclass(frozen=True, kw_only=True)
class Line:
    """One step of the breakdown: its effect on the low, typical and high figures."""

    step: int
    label: str
    row: str
    kind: str  # "start", "amount", "percent", "scale", "bound" or "hourly"
    effect: Span
    percents: Span | None = None
    factor: Decimal | None = None  # for "scale": the multiplier
    source: SourceRef | None = None
    plain: str = ""  # what the step does, in a reader's words; row holds the arithmetic

    @property
    def step_label(self) -> str:
        return f"{self.step}. {self.label}"

    @property
    def cells(self) -> tuple[Cell, ...]:
        """The low, typical and high effects as the breakdown table shows them."""
        return tuple(
            Cell(
                label=part.capitalize(),
                amount=self.amount_text(getattr(self.effect, part)),
                percent=self.percent_text(part),
            )
            for part in ("low", "typical", "high")
        )

    def percent_text(self, part: str) -> str:
        if self.factor is not None:
            # The multiplier is arithmetic, shown with the step's working, not in the cells.
            return ""
        if self.percents is not None:
            return fmt.signed_percent(getattr(self.percents, part))
        return ""

    def amount_text(self, amount: Decimal) -> str:
        if self.kind in ("start", "scale", "bound"):
            return fmt.money(amount)
        if self.kind == "hourly":
            return fmt.hourly(amount)
        return ("+" if amount >= 0 else "") + fmt.money(amount)
