from collections.abc import Sequence
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.choices import BaseChoiceIterator, normalize_choices

from salaries.pages.place_field import CITY, PlaceField
from salaries.pay import formatting as fmt
from salaries.pay.estimator import DEFAULT_LOCATION, MAX_YEARS, Profile, Tables, default_profile
from salaries.pay.pay_text import DECIMALS, INVALID, NEGATIVE, TWO_UNITS, PayTextError, read_pay
from salaries.pay.paycheck import PER_HOUR, PER_YEAR, pay_problem
from salaries.pay.places import FORMER_LOCATIONS

YEARS_MESSAGE = (
    f"Enter your years of experience as a whole number from 0 to {MAX_YEARS}, such as 3."
)
CONTRIBUTION_MESSAGE = "Enter the percentage of salary you put in, from 0 to 100, such as 6 or 4.5."
SINGLE_VALUE_FIELDS = ("years", "education", "employer", "location", "contribution")


class Prepared(BaseChoiceIterator):
    """Choices already in the form Django normalises them to, so that setting them on a
    field (every request) does not normalise them again."""

    def __init__(self, choices: list) -> None:
        self.choices = choices

    def __iter__(self):
        return iter(self.choices)


# The choices of the one set of tables this process serves (salaries.snapshot keeps that
# set for the current content version), held with the tables they came from.
_prepared: tuple[Tables, dict[str, Prepared]] | None = None


# Said beside an answer the estimate cannot use, so no box seems to do nothing (issue 20).
NO_EFFECT = "no measured effect on pay"


def premium_label(row, *, name: str = "") -> str:
    """A certification's or skill's choice: its name (its label unless name is given),
    and when no source prices it, so."""
    name = name or row.label
    return name if row.high > 0 else f"{name} ({NO_EFFECT})"


def table_choices(tables: Tables) -> dict[str, Prepared]:
    """Each answer's choices, from the tables: built once for each set of tables."""
    global _prepared
    if _prepared is None or _prepared[0] is not tables:
        lists = {
            "education": [(slug, row.name) for slug, row in tables.education.items()],
            "certifications": [
                (slug, premium_label(row)) for slug, row in tables.certifications.items()
            ],
            "skills": [(slug, premium_label(row)) for slug, row in tables.skills.items()],
            "employer": [(slug, row.name) for slug, row in tables.employers.items()],
        }
        _prepared = (tables, {name: Prepared(normalize_choices(c)) for name, c in lists.items()})
    return _prepared[1]


def answer_names(fields) -> list[str]:
    """Every name in a query that answers one of these fields (a place's box too)."""
    return [*fields, *(f"{name}{CITY}" for name, f in fields.items() if isinstance(f, PlaceField))]


def with_current_location(data: QueryDict, tables: Tables) -> QueryDict:
    """Read a retired location bucket as the place it meant, so links made before the
    buckets retired keep working; a repeated answer is left for the form to refuse."""
    former = data.getlist("location")
    if len(former) == 1 and former[0] in FORMER_LOCATIONS:
        candidates = [slug for slug in FORMER_LOCATIONS[former[0]] if slug in tables.places]
        if candidates:
            data["location"] = candidates[0]
    return data


def choice_errors(noun: str) -> dict[str, str]:
    # The rejected value is left out of the message, so nothing a visitor typed is echoed back.
    return {
        "required": f"Choose {noun} from the list.",
        "invalid_choice": f"Choose {noun} from the list.",
    }


class LiveForm(forms.Form):
    """A form whose htmx result refreshes every field's message slot, filled or empty."""

    def error_slots(self) -> list[tuple[str, Sequence[str]]]:
        """Each field's id and messages, for the fragment to refresh every message slot."""
        errors = self.errors
        return [(field.auto_id, errors.get(field.name, ())) for field in self]


class EstimatorForm(LiveForm):
    """A reader's profile, with every choice taken by slug from the salary tables."""

    years = forms.IntegerField(
        label="Years of experience",
        min_value=0,
        max_value=MAX_YEARS,
        help_text=f"Whole years in patient coordination or similar work, 0 to {MAX_YEARS}.",
        error_messages={
            "required": "Enter your years of experience, such as 0 if you are new.",
            "invalid": YEARS_MESSAGE,
            "min_value": "Years of experience cannot be negative. Enter 0 if you are new.",
            "max_value": f"Enter {MAX_YEARS} years or fewer.",
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    education = forms.ChoiceField(
        label="Highest education",
        help_text="Counts as the head start its higher starting pay gives on the experience curve.",
        error_messages=choice_errors("an education level"),
    )
    certifications = forms.MultipleChoiceField(
        label="Certifications you hold",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="One certification counts: the sources give one premium for holding any.",
        error_messages=choice_errors("certifications"),
    )
    skills = forms.MultipleChoiceField(
        label="Skills you have",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only a skill a source puts a price on changes the estimate.",
        error_messages=choice_errors("skills"),
    )
    employer = forms.ChoiceField(
        label="Employer type",
        help_text="Moves pay by its percentage, and sets how often benefits are offered.",
        error_messages=choice_errors("an employer type"),
    )
    location = PlaceField(
        label="Where you work",
        help_text="A state or metropolitan area: its own BLS pay when on file, else national "
        "pay scaled by its price level.",
        error_messages=choice_errors("a location"),
    )
    contribution = forms.DecimalField(
        label="Your 401(k) contribution (% of salary)",
        required=False,
        min_value=0,
        max_value=100,
        # Bounded so that a value such as 1e-999999999 cannot make a billion-digit string.
        decimal_places=2,
        error_messages={
            "max_decimal_places": "Use at most two decimal places, such as 4.5.",
            "invalid": CONTRIBUTION_MESSAGE,
            "min_value": CONTRIBUTION_MESSAGE,
            "max_value": CONTRIBUTION_MESSAGE,
        },
        widget=forms.NumberInput(attrs={"inputmode": "decimal"}),
    )

    def __init__(self, data: QueryDict | None = None, *, tables: Tables) -> None:
        self.tables = tables
        self.defaults = default_profile(tables=tables)
        default_contribution = tables.benefits.default_contribution
        super().__init__(data, initial=self.initial_values(tables))
        fields = self.fields
        for name, choices in table_choices(tables).items():
            fields[name].choices = choices
        fields["location"].use_tables(tables)
        fields["contribution"].help_text = (
            "Used for the 401(k) match in total compensation. "
            f"Leave it empty for the usual {fmt.percent(default_contribution)}."
        )
        for name in ("certifications", "skills"):
            if not fields[name].choices.choices:
                del fields[name]
        for name, field in fields.items():
            if not isinstance(field.widget, forms.CheckboxSelectMultiple):
                # Always point at the error slot, which the page keeps even when empty,
                # so a message that htmx puts there later is still read with the field.
                field.widget.attrs["aria-describedby"] = f"id_{name}_helptext id_{name}_error"

    @staticmethod
    def initial_values(tables: Tables) -> dict:
        """What the form shows, and an estimate uses, for each answer not given."""
        defaults = default_profile(tables=tables)
        return {
            "years": defaults.years,
            "education": defaults.education,
            "employer": defaults.employer,
            "location": defaults.location,
            "contribution": fmt.number(tables.benefits.default_contribution),
        }

    @classmethod
    def from_query(cls, query: QueryDict, *, tables: Tables) -> "EstimatorForm":
        """Bind the answers in the query, each missing one taking its default, so any
        subset of answers gives an estimate and the form shows exactly what was used.

        Links with tracking parameters alone show the default estimate; a retired
        location bucket is read as the place it meant.
        """
        if not any(name in query for name in answer_names(cls.base_fields)):
            return cls(tables=tables)
        data = query.copy()
        for name, value in cls.initial_values(tables).items():
            if name not in data:
                data[name] = value
        return cls(with_current_location(data, tables), tables=tables)

    def clean(self) -> dict:
        cleaned = super().clean()
        # A tampered link may repeat a field; rather than pick one value silently, ask.
        getlist = getattr(self.data, "getlist", None)
        for name in SINGLE_VALUE_FIELDS:
            if getlist and name in self.fields and len(getlist(name)) > 1:
                self.add_error(name, "Give one answer only.")
        return cleaned

    def profile(self) -> Profile:
        """The profile the form describes: the defaults until it is bound and valid."""
        if not self.is_bound:
            return self.defaults
        if not self.is_valid():
            raise ValueError("An invalid form describes no profile.")
        data = self.cleaned_data
        contribution: Decimal | None = data["contribution"]
        return Profile(
            years=data["years"],
            education=data["education"],
            employer=data["employer"],
            location=data["location"],
            certifications=tuple(dict.fromkeys(data.get("certifications", ()))),
            skills=tuple(dict.fromkeys(data.get("skills", ()))),
            contribution=contribution,
        )


# The longest pay anyone writes ("$1,000,000.00 a year, before tax") is well within this.
MAX_PAY_TEXT = 40


class PayField(forms.CharField):
    """A pay as people write it ("$35k", "19.50/hr", "42,000 a year"): cleans to a PayText.

    A text input, not a number one: a number input would drop "$35k" before the server
    could read it. Nothing the visitor typed is repeated in a message.
    """

    def __init__(self, *, messages: dict[str, str], **kwargs) -> None:
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "autocomplete": "off",
                    "spellcheck": "false",
                    "size": "14",
                    "maxlength": str(MAX_PAY_TEXT),
                }
            ),
        )
        super().__init__(**kwargs)
        self.messages = messages

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        if len(text) > MAX_PAY_TEXT:
            raise ValidationError(
                f"Write the pay in at most {MAX_PAY_TEXT} characters. {self.messages[INVALID]}",
                code="max_length",
            )
        try:
            read = read_pay(text)
        except PayTextError as refused:
            raise ValidationError(self.messages[refused.problem], code=refused.problem) from None
        if read.amount <= 0:
            raise ValidationError(self.messages[NEGATIVE], code=NEGATIVE)
        return read


def pay_messages(example: str, *, negative: str = "") -> dict[str, str]:
    return {
        INVALID: example,
        NEGATIVE: negative + example,
        DECIMALS: "Use at most two decimal places, such as 21.50.",
        TWO_UNITS: "Give one unit, an hour or a year, not both.",
    }


def with_pay_unit(data: QueryDict, pay: str, per: str) -> None:
    """Where the pay names its unit ("19.50/hr"), set the per choice to it, so that the
    page shows the unit the pay was read in; a repeated answer is left for the form."""
    given = data.getlist(pay)
    if len(given) != 1 or len(data.getlist(per)) > 1:
        return
    try:
        unit = read_pay(given[0]).per
    except PayTextError:
        return
    if unit:
        data[per] = unit


PAY_MESSAGE = "Enter your pay as a number above zero, such as $21.50 an hour or 44,720 a year."


class PayCheckForm(LiveForm):
    """A pay, hourly or yearly, and optionally where it is earned."""

    pay = PayField(
        label="Your pay",
        help_text="Before tax, as you would write it: $21.50 an hour, 44,720 a year or $45k.",
        error_messages={"required": PAY_MESSAGE},
        messages=pay_messages(PAY_MESSAGE),
    )
    per = forms.ChoiceField(
        label="Paid",
        choices=[(PER_HOUR, "an hour"), (PER_YEAR, "a year")],
        initial=PER_HOUR,
        error_messages=choice_errors("an hour or a year"),
    )
    location = PlaceField(
        label="Where you work",
        required=False,
        help_text="Optional: compare with pay in a state or metropolitan area too.",
        error_messages=choice_errors("a place"),
    )

    def __init__(self, data: QueryDict | None = None, *, tables: Tables) -> None:
        super().__init__(data, initial={"per": PER_HOUR, "location": DEFAULT_LOCATION})
        self.tables = tables
        self.fields["location"].use_tables(tables)
        for name, field in self.fields.items():
            field.widget.attrs["aria-describedby"] = f"id_{name}_helptext id_{name}_error"

    @classmethod
    def from_query(cls, query: QueryDict, *, tables: Tables) -> "PayCheckForm":
        if not any(name in query for name in answer_names(cls.base_fields)):
            return cls(tables=tables)
        data = query.copy()
        data.setdefault("per", PER_HOUR)
        with_pay_unit(data, "pay", "per")
        return cls(with_current_location(data, tables), tables=tables)

    def clean(self) -> dict:
        cleaned = super().clean()
        getlist = getattr(self.data, "getlist", None)
        for name in self.fields:
            if getlist and len(getlist(name)) > 1:
                self.add_error(name, "Give one answer only.")
        read, per = cleaned.get("pay"), cleaned.get("per")
        if read is None:
            return cleaned
        # A unit in the pay itself ("19.50/hr") is the reader's last word on it.
        per = read.per or per
        if per is None:
            return cleaned
        cleaned.update(pay=read.amount, per=per)
        problem = pay_problem(read.amount, per)
        if problem:
            self.add_error("pay", problem)
        return cleaned
