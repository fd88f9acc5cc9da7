"""The offer comparison's form: two or three offers, every field carrying its letter."""

from collections.abc import Sequence
from decimal import Decimal

from django import forms
from django.http import QueryDict

from salaries.pages.forms import LiveForm, choice_errors, table_choices
from salaries.pay import formatting as fmt
from salaries.pay.estimator import DEFAULT_LOCATION, WORKING_DAYS_PER_YEAR, Tables
from salaries.pay.offers import (
    LETTERS,
    MAX_HOURS,
    MAX_MATCH_RATE,
    PER_MONTH,
    PREMIUM_PERIODS,
    Assumptions,
    Terms,
)
from salaries.pay.paycheck import MAX_ANNUAL, PER_HOUR, PER_YEAR, pay_problem

PAY_MESSAGE = "Enter the pay as a number above zero, such as 45000 a year or 22.50 an hour."
LABEL_LENGTH = 40


def amount_field(label: str, *, unit: str, highest: Decimal, example: str) -> forms.DecimalField:
    """An optional number from 0 to highest, with messages that name the field."""
    message = f"Enter {unit} from 0 to {fmt.number(highest)}, such as {example}."
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_value=highest,
        max_digits=9,
        # Bounded so that a value such as 1e-999999999 cannot make a billion-digit string.
        decimal_places=2,
        error_messages={
            "invalid": message,
            "min_value": f"{label} cannot be negative. {message}",
            "max_value": message,
            "max_digits": message,
            "max_whole_digits": message,
            "max_decimal_places": "Use at most two decimal places.",
        },
        widget=forms.NumberInput(attrs={"inputmode": "decimal"}),
    )


class OfferForm(LiveForm):
    """One offer; a blank answer takes the stated default named in its help text."""

    label = forms.CharField(
        label="Name",
        required=False,
        max_length=LABEL_LENGTH,
        error_messages={"max_length": f"Use at most {LABEL_LENGTH} characters."},
    )
    pay = forms.DecimalField(
        label="Pay",
        required=False,
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
        error_messages={
            "invalid": PAY_MESSAGE,
            "min_value": f"Pay cannot be negative or zero. {PAY_MESSAGE}",
            "max_digits": "Enter a pay of at most $1,000,000 a year.",
            "max_whole_digits": "Enter a pay of at most $1,000,000 a year.",
            "max_decimal_places": "Use at most two decimal places, such as 22.50.",
        },
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )
    per = forms.ChoiceField(
        label="Paid",
        required=False,
        choices=[(PER_YEAR, "a year"), (PER_HOUR, "an hour")],
        error_messages=choice_errors("a year or an hour"),
    )
    hours = amount_field("Hours a week", unit="the hours", highest=MAX_HOURS, example="37.5")
    location = forms.ChoiceField(
        label="Where", required=False, error_messages=choice_errors("a place")
    )
    bonus = amount_field(
        "Expected bonus ($ a year)", unit="a bonus", highest=MAX_ANNUAL, example="1500"
    )
    match_rate = amount_field(
        "401(k) match rate (% of what you put in)",
        unit="a match rate",
        highest=MAX_MATCH_RATE,
        example="50 or 100",
    )
    match_cap = amount_field(
        "Matched up to (% of pay)", unit="a percentage", highest=Decimal(100), example="6"
    )
    contribution = amount_field(
        "You put in (% of pay)", unit="a percentage", highest=Decimal(100), example="6"
    )
    premium_per = forms.ChoiceField(
        label="Health premiums below are for",
        required=False,
        choices=[(key, text) for key, (_, text) in PREMIUM_PERIODS.items()],
        error_messages=choice_errors("how often the premium is taken"),
    )
    premium = amount_field(
        "Your health premium ($)", unit="an amount", highest=MAX_ANNUAL, example="120"
    )
    employer_health = amount_field(
        "Employer's share of the premium ($)", unit="an amount", highest=MAX_ANNUAL, example="550"
    )
    pto_days = amount_field(
        "Paid days off (vacation, sick, personal)",
        unit="days",
        highest=Decimal(WORKING_DAYS_PER_YEAR),
        example="15",
    )
    holidays = amount_field(
        "Paid holidays", unit="days", highest=Decimal(WORKING_DAYS_PER_YEAR), example="8"
    )

    # The answers under "Bonus, 401(k), health and time off".
    BENEFITS = (
        "bonus",
        "match_rate",
        "match_cap",
        "contribution",
        "premium_per",
        "premium",
        "employer_health",
        "pto_days",
        "holidays",
    )

    def __init__(
        self,
        data: QueryDict | None = None,
        *,
        letter: str,
        tables: Tables,
        assumptions: Assumptions,
        required: bool,
    ) -> None:
        super().__init__(
            data,
            prefix=letter,
            initial={"per": PER_YEAR, "location": DEFAULT_LOCATION, "premium_per": PER_MONTH},
        )
        self.letter = letter
        self.tables = tables
        self.required = required
        self.name = f"Offer {letter.upper()}"
        fields = self.fields
        fields["location"].choices = table_choices(tables)["location"]
        fields["label"].widget.attrs["placeholder"] = self.name
        stated = {
            "hours": assumptions.hours,
            "bonus": assumptions.bonus,
            "match_rate": assumptions.match_rate,
            "match_cap": assumptions.match_cap,
            "contribution": assumptions.contribution,
            "premium": assumptions.premium,
            "employer_health": assumptions.employer_health,
            "pto_days": assumptions.pto_days,
            "holidays": assumptions.holidays,
        }
        for name, default in stated.items():
            fields[name].help_text = f"Empty: {default.text} (stated default)."
        fields["pay"].help_text = "Before tax." if required else "Before tax. Optional."
        fields["location"].help_text = "Its price level puts the total in national dollars."
        for name, field in fields.items():
            # Every message slot stays on the page, so htmx can fill it later.
            described = [f"id_{letter}_{name}_error"]
            if field.help_text:
                described.insert(0, f"id_{letter}_{name}_helptext")
            field.widget.attrs["aria-describedby"] = " ".join(described)

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in self.BENEFITS]

    def benefit_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name in self.BENEFITS]

    def add_prefix(self, field_name: str) -> str:
        """a_pay, not Django's a-pay: the letters are part of shared links."""
        return f"{self.prefix}_{field_name}"

    def typed(self, names) -> bool:
        """Whether the reader typed any of these answers (choices always come with one)."""
        return self.is_bound and any(
            self.data.get(self.add_prefix(name), "").strip()
            for name in names
            if not isinstance(self.fields[name], forms.ChoiceField)
        )

    @property
    def given(self) -> bool:
        """Whether the reader typed anything for this offer."""
        return self.typed(self.fields)

    @property
    def benefits_given(self) -> bool:
        """Whether a benefit or time-off answer was typed (or is wrong): open that section."""
        return self.typed(self.BENEFITS) or any(name in self.errors for name in self.BENEFITS)

    def clean(self) -> dict:
        cleaned = super().clean()
        getlist = getattr(self.data, "getlist", None)
        for name in self.fields:
            # A tampered link may repeat a field; rather than pick one value silently, ask.
            if getlist and len(getlist(self.add_prefix(name))) > 1:
                self.add_error(name, "Give one answer only.")
        pay, per = cleaned.get("pay"), cleaned.get("per") or PER_YEAR
        if pay is None:
            if "pay" not in self.errors and (self.required or self.given):
                self.add_error(
                    "pay",
                    "Enter the pay of the first offer, such as 45000 a year."
                    if self.required
                    else f"Enter the pay of {self.name}, or clear its other answers.",
                )
            return cleaned
        problem = pay_problem(pay, per)
        if problem:
            self.add_error("pay", problem)
        hours = cleaned.get("hours")
        if hours is not None and hours < 1:
            self.add_error("hours", "Enter at least 1 hour a week, such as 40.")
        pto, holidays = cleaned.get("pto_days"), cleaned.get("holidays")
        if pto is not None and holidays is not None and pto + holidays >= WORKING_DAYS_PER_YEAR:
            self.add_error(
                "holidays",
                f"Days off and holidays together must leave days to work: fewer than "
                f"{WORKING_DAYS_PER_YEAR} (five days a week for 52 weeks).",
            )
        return cleaned

    def terms(self) -> Terms:
        data = self.cleaned_data
        return Terms(
            letter=self.letter,
            label=data["label"].strip(),
            pay=data["pay"],
            per=data["per"] or PER_YEAR,
            hours=data["hours"],
            bonus=data["bonus"],
            match_rate=data["match_rate"],
            match_cap=data["match_cap"],
            contribution=data["contribution"],
            premium=data["premium"],
            premium_per=data["premium_per"] or PER_MONTH,
            employer_health=data["employer_health"],
            pto_days=data["pto_days"],
            holidays=data["holidays"],
            location=data["location"] or DEFAULT_LOCATION,
        )


class OfferSet:
    """Offers A, B and C from one query string; A needs a pay, B and C only when used."""

    def __init__(self, query: QueryDict, *, tables: Tables, assumptions: Assumptions) -> None:
        names = {f"{letter}_{name}" for letter in LETTERS for name in OfferForm.base_fields}
        self.is_bound = any(name in query for name in names)
        data = query if self.is_bound else None
        self.forms = [
            OfferForm(
                data,
                letter=letter,
                tables=tables,
                assumptions=assumptions,
                required=letter == LETTERS[0],
            )
            for letter in LETTERS
        ]

    def __iter__(self):
        return iter(self.forms)

    def is_valid(self) -> bool:
        return all(form.is_valid() for form in self.forms)

    @property
    def errors(self) -> list[tuple[OfferForm, forms.BoundField, str]]:
        """Every message with its offer and field, in page order, for the summary."""
        return [
            (form, form[name], message)
            for form in self.forms
            for name, messages in form.errors.items()
            if name in form.fields
            for message in messages
        ]

    def terms(self) -> list[Terms]:
        """The offers given, in letter order (A always)."""
        return [form.terms() for form in self.forms if form.cleaned_data.get("pay") is not None]

    def error_slots(self) -> list[tuple[str, Sequence[str]]]:
        return [slot for form in self.forms for slot in form.error_slots()]

    @property
    def third_given(self) -> bool:
        return self.forms[-1].given or bool(self.forms[-1].errors)
