from collections.abc import Sequence
from decimal import Decimal

from django import forms
from django.http import QueryDict

from . import formatting as fmt
from .estimator import MAX_YEARS, Profile, Tables, default_profile

YEARS_MESSAGE = (
    f"Enter your years of experience as a whole number from 0 to {MAX_YEARS}, such as 3."
)
CONTRIBUTION_MESSAGE = "Enter the percentage of salary you put in, from 0 to 100, such as 6 or 4.5."
SINGLE_VALUE_FIELDS = ("years", "education", "employer", "location", "contribution")


def choice_errors(noun: str) -> dict[str, str]:
    # The rejected value is left out of the message, so nothing a visitor typed is echoed back.
    return {
        "required": f"Choose {noun} from the list.",
        "invalid_choice": f"Choose {noun} from the list.",
    }


class EstimatorForm(forms.Form):
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
        help_text="Adds the gap between its starting pay and that of the lowest level.",
        error_messages=choice_errors("an education level"),
    )
    certifications = forms.MultipleChoiceField(
        label="Certifications you hold",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Each one adds its own premium.",
        error_messages=choice_errors("certifications"),
    )
    skills = forms.MultipleChoiceField(
        label="Skills you have",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Each one adds its own premium, where a source gives one.",
        error_messages=choice_errors("skills"),
    )
    employer = forms.ChoiceField(
        label="Employer type",
        help_text="Applied as a percentage of the national figure.",
        error_messages=choice_errors("an employer type"),
    )
    location = forms.ChoiceField(
        label="Location",
        help_text="Applied as a percentage, after the employer type.",
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
        super().__init__(
            data,
            initial={
                "years": self.defaults.years,
                "education": self.defaults.education,
                "employer": self.defaults.employer,
                "location": self.defaults.location,
                "contribution": fmt.number(default_contribution),
            },
        )
        fields = self.fields
        fields["education"].choices = [(slug, row.name) for slug, row in tables.education.items()]
        fields["certifications"].choices = [
            (slug, row.label) for slug, row in tables.certifications.items()
        ]
        fields["skills"].choices = [(slug, row.label) for slug, row in tables.skills.items()]
        fields["employer"].choices = [(slug, row.name) for slug, row in tables.employers.items()]
        fields["location"].choices = [(slug, row.name) for slug, row in tables.locations.items()]
        fields["contribution"].help_text = (
            "Used for the 401(k) match in total compensation. "
            f"Leave it empty for the usual {fmt.percent(default_contribution)}."
        )
        for name in ("certifications", "skills"):
            if not fields[name].choices:
                del fields[name]
        for name, field in fields.items():
            if not isinstance(field.widget, forms.CheckboxSelectMultiple):
                # Always point at the error slot, which the page keeps even when empty,
                # so a message that htmx puts there later is still read with the field.
                field.widget.attrs["aria-describedby"] = f"id_{name}_helptext id_{name}_error"

    @classmethod
    def from_query(cls, query: QueryDict, *, tables: Tables) -> "EstimatorForm":
        """Bind the form only when the query carries a profile, so that links with
        tracking parameters alone still show the default estimate."""
        if any(name in query for name in cls.base_fields):
            return cls(query, tables=tables)
        return cls(tables=tables)

    def clean(self) -> dict:
        cleaned = super().clean()
        # A tampered link may repeat a field; rather than pick one value silently, ask.
        getlist = getattr(self.data, "getlist", None)
        for name in SINGLE_VALUE_FIELDS:
            if getlist and name in self.fields and len(getlist(name)) > 1:
                self.add_error(name, "Give one answer only.")
        return cleaned

    def error_slots(self) -> list[tuple[str, Sequence[str]]]:
        """Each field's id and messages, for the fragment to refresh every message slot."""
        errors = self.errors
        return [(field.auto_id, errors.get(field.name, ())) for field in self]

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
