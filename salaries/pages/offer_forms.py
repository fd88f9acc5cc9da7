"""The offer comparison's form: two or three offers, every field carrying its letter.

A blank answer is not stated: nothing is filled in for it here. Two choices say how an
offer states its 401(k) match and its health insurance; each shows only its own fields
(site CSS, no script), and the fields of a choice not made are ignored, messages and all.
"""

from collections.abc import Sequence
from decimal import Decimal

from django import forms
from django.http import QueryDict

from salaries.pages.forms import (
    LiveForm,
    PayField,
    answer_names,
    choice_errors,
    pay_messages,
    with_pay_unit,
)
from salaries.pages.place_field import CITY, PlaceField
from salaries.pay import formatting as fmt
from salaries.pay.estimator import DEFAULT_LOCATION, WORKING_DAYS_PER_YEAR, Tables
from salaries.pay.offers import (
    FULL_TIME_HOURS,
    HEALTH_AMOUNTS,
    HEALTH_NONE,
    HEALTH_UNSTATED,
    HEALTH_WORDS,
    LETTERS,
    MATCH_NONE,
    MATCH_OF_CONTRIBUTION,
    MATCH_OF_PAY,
    MATCH_UNSTATED,
    MAX_HOURS,
    MAX_MATCH_RATE,
    MAX_OVERTIME_HOURS,
    PER_MONTH,
    PREMIUM_PERIODS,
    Comparison,
    Terms,
    Typical,
)
from salaries.pay.paycheck import MAX_ANNUAL, MAX_HOURLY, PER_HOUR, PER_YEAR, pay_problem

PAY_MESSAGE = "Enter the pay as a number, such as 45,000 a year or $22.50 an hour."
LABEL_LENGTH = 40

MATCH_CHOICES = [
    (MATCH_UNSTATED, "Not stated"),
    (MATCH_OF_PAY, "A share of your pay, such as “a 3% match”"),
    (MATCH_OF_CONTRIBUTION, "A share of what you put in, such as “50% up to 6% of pay”"),
    (MATCH_NONE, "No match"),
]
# The fields each way of stating the match uses; the others are ignored.
MATCH_FIELDS = {
    MATCH_UNSTATED: (),
    MATCH_NONE: (),
    MATCH_OF_PAY: ("match_pay", "contribution"),
    MATCH_OF_CONTRIBUTION: ("match_rate", "match_cap", "contribution"),
}
# A premium in dollars above this many typical single-coverage premiums a year is a slip.
PREMIUM_LIMIT = 5
HEALTH_FIELDS = {HEALTH_AMOUNTS: ("premium_per", "premium", "employer_health")}


def amount_field(
    label: str, *, unit: str, highest: Decimal, example: str, help_text: str = ""
) -> forms.DecimalField:
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
        help_text=help_text,
        # Django fills in %(limit_value)s and the like: a label's own "%" must be doubled.
        error_messages={
            key: text.replace("%", "%%")
            for key, text in {
                "invalid": message,
                "min_value": f"{label} cannot be negative. {message}",
                "max_value": message,
                "max_digits": message,
                "max_whole_digits": message,
                "max_decimal_places": "Use at most two decimal places.",
            }.items()
        },
        widget=forms.NumberInput(attrs={"inputmode": "decimal"}),
    )


class OfferForm(LiveForm):
    """One offer, as its letter states it; a blank answer is not stated."""

    label = forms.CharField(
        label="Name",
        required=False,
        max_length=LABEL_LENGTH,
        error_messages={"max_length": f"Use at most {LABEL_LENGTH} characters."},
    )
    pay = PayField(
        label="Pay",
        required=False,
        messages=pay_messages(PAY_MESSAGE, negative="Pay cannot be negative or zero. "),
    )
    per = forms.ChoiceField(
        label="Paid",
        required=False,
        choices=[(PER_YEAR, "a year"), (PER_HOUR, "an hour")],
        error_messages=choice_errors("a year or an hour"),
    )
    hours = amount_field("Hours a week", unit="the hours", highest=MAX_HOURS, example="37.5")
    location = PlaceField(label="Where", required=False, error_messages=choice_errors("a place"))
    overtime_hours = amount_field(
        "Paid overtime (hours a week)",
        unit="the hours",
        highest=MAX_OVERTIME_HOURS,
        example="5",
        help_text="Paid at 1.5 times the hourly rate.",
    )
    shift_pay = amount_field(
        "Shift differential ($ an hour)",
        unit="dollars an hour",
        highest=MAX_HOURLY,
        example="2.00",
        help_text="Extra pay an hour for evening, night or weekend shifts.",
    )
    shift_hours = amount_field(
        "Hours a week at the differential",
        unit="the hours",
        highest=MAX_HOURS + MAX_OVERTIME_HOURS,
        example="16",
    )
    bonus = amount_field(
        "Expected bonus ($ a year)", unit="a bonus", highest=MAX_ANNUAL, example="1500"
    )
    match_form = forms.ChoiceField(
        label="401(k) match, as the offer puts it",
        required=False,
        choices=MATCH_CHOICES,
        widget=forms.RadioSelect,
        error_messages=choice_errors("how the offer puts the match"),
    )
    match_pay = amount_field(
        "Employer adds (% of your pay)",
        unit="a percentage",
        highest=Decimal(100),
        example="3",
        help_text="For “a 3% match”, enter 3: counted in full, unless you put in less.",
    )
    match_rate = amount_field(
        "Matches (% of what you put in)",
        unit="a match rate",
        highest=MAX_MATCH_RATE,
        example="50 or 100",
        help_text="100 for dollar for dollar, 50 for 50 cents on the dollar.",
    )
    match_cap = amount_field(
        "Up to (% of pay)",
        unit="a percentage",
        highest=Decimal(100),
        example="6",
        help_text="The limit: 6 in “50% up to 6% of pay”.",
    )
    contribution = amount_field(
        "You put in (% of pay)",
        unit="a percentage",
        highest=Decimal(100),
        example="6",
        help_text="Optional: empty counts as enough to get the whole match.",
    )
    health = forms.ChoiceField(
        label="Health insurance, as the offer puts it",
        required=False,
        widget=forms.RadioSelect,
        error_messages=choice_errors("how the offer puts health insurance"),
    )
    premium_per = forms.ChoiceField(
        label="The amounts below are for",
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

    PAY_EXTRAS = ("overtime_hours", "shift_pay", "shift_hours")
    MATCH = ("match_form", "match_pay", "match_rate", "match_cap", "contribution")
    HEALTH = ("health", "premium_per", "premium", "employer_health")
    BENEFITS = ("bonus", *MATCH, *HEALTH, "pto_days", "holidays")
    CHOICES = {"match_form": MATCH_FIELDS, "health": HEALTH_FIELDS}

    def __init__(
        self,
        data: QueryDict | None = None,
        *,
        letter: str,
        tables: Tables,
        typical: Typical,
        required: bool,
    ) -> None:
        super().__init__(
            data,
            prefix=letter,
            initial={
                "per": PER_YEAR,
                "location": DEFAULT_LOCATION,
                "premium_per": PER_MONTH,
                "match_form": MATCH_UNSTATED,
                "health": HEALTH_UNSTATED,
            },
        )
        self.letter = letter
        self.tables = tables
        self.typical = typical
        self.required = required
        self.name = f"Offer {letter.upper()}"
        self.match_note = ""  # how a match typed one way was read another, once compared
        fields = self.fields
        fields["location"].use_tables(tables)
        fields["label"].widget.attrs["placeholder"] = self.name
        # Only the words whose share of a premium is on file can be chosen.
        fields["health"].choices = [
            (HEALTH_UNSTATED, "Not stated"),
            *(
                (key, f"The employer pays {words} of the premium")
                for key, words in HEALTH_WORDS.items()
                if key in typical.shares
            ),
            (HEALTH_AMOUNTS, "In dollars: what you pay each paycheck or month"),
            (HEALTH_NONE, "No health insurance"),
        ]
        fields["pay"].help_text = (
            "Before tax, as the offer puts it: 42,000 a year, $19.50 an hour or $42k."
            + ("" if required else " Optional.")
        )
        fields[
            "hours"
        ].help_text = f"Empty: {typical.hours.text} a week (full time) for hourly pay."
        fields["location"].help_text = "Its price level puts the total in national dollars."
        fields["employer_health"].help_text = (
            "Optional: empty leaves the employer the rest of a typical single-coverage "
            f"premium ({typical.single_premium.text})."
        )
        for name, field in fields.items():
            if isinstance(field.widget, forms.RadioSelect):
                continue  # described by its fieldset
            # Every message slot stays on the page, so htmx can fill it later.
            described = [f"id_{letter}_{name}_error"]
            if field.help_text:
                described.insert(0, f"id_{letter}_{name}_helptext")
            if name == "match_rate":
                described.append(f"id_{letter}_{name}_note")
            field.widget.attrs["aria-describedby"] = " ".join(described)

    def main_fields(self) -> list[forms.BoundField]:
        taken = {*self.PAY_EXTRAS, *self.BENEFITS}
        return [self[name] for name in self.fields if name not in taken]

    def extra_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.PAY_EXTRAS]

    def match_fields(self) -> list[tuple[forms.BoundField, str]]:
        """The match's fields, each with the ways of stating it that show it."""
        return self.dependents("match_form", self.MATCH[1:])

    def health_fields(self) -> list[tuple[forms.BoundField, str]]:
        return self.dependents("health", self.HEALTH[1:])

    def dependents(self, choice: str, names) -> list[tuple[forms.BoundField, str]]:
        uses = self.CHOICES[choice]
        return [
            (self[name], " ".join(key for key, used in uses.items() if name in used))
            for name in names
        ]

    def add_prefix(self, field_name: str) -> str:
        """a_pay, not Django's a-pay: the letters are part of shared links."""
        return f"{self.prefix}_{field_name}"

    def typed(self, names) -> bool:
        """Whether the reader typed any of these answers (choices always come with one;
        a place's list does too, its box is typed)."""
        return self.is_bound and any(self.typed_text(name) for name in names)

    def typed_text(self, name: str) -> str:
        field = self.fields[name]
        if isinstance(field, forms.ChoiceField):
            return ""
        key = self.add_prefix(name) + (CITY if isinstance(field, PlaceField) else "")
        return self.data.get(key, "").strip()

    def chose(self, names) -> bool:
        """Whether a choice among these says something (not "not stated")."""
        return self.is_bound and any(
            self.data.get(self.add_prefix(name), "") not in ("", MATCH_UNSTATED)
            for name in names
            if name in self.CHOICES
        )

    @property
    def given(self) -> bool:
        """Whether the reader typed anything for this offer."""
        return self.typed(self.fields) or self.chose(self.CHOICES)

    @property
    def extras_given(self) -> bool:
        return self.typed(self.PAY_EXTRAS) or any(name in self.errors for name in self.PAY_EXTRAS)

    @property
    def benefits_given(self) -> bool:
        """Whether a benefit or time-off answer was given (or is wrong): open that section."""
        return (
            self.typed(self.BENEFITS)
            or self.chose(self.BENEFITS)
            or any(name in self.errors for name in self.BENEFITS)
        )

    def ignored(self, cleaned: dict) -> set[str]:
        """The fields of the ways of stating the match and health insurance not chosen."""
        ignored = set()
        for choice, uses in self.CHOICES.items():
            chosen = uses.get(cleaned.get(choice) or "", ())
            ignored |= {name for names in uses.values() for name in names} - set(chosen)
        return ignored

    def clean(self) -> dict:
        cleaned = super().clean()
        for name in self.ignored(cleaned):
            self.errors.pop(name, None)
            cleaned[name] = None
        getlist = getattr(self.data, "getlist", None)
        for name in self.fields:
            # A tampered link may repeat a field; rather than pick one value silently, ask.
            if getlist and len(getlist(self.add_prefix(name))) > 1:
                self.add_error(name, "Give one answer only.")
        read = cleaned.get("pay")
        if read is None:
            if "pay" not in self.errors and (self.required or self.given):
                self.add_error(
                    "pay",
                    "Enter the pay of the first offer, such as 45,000 a year."
                    if self.required
                    else f"Enter the pay of {self.name}, or clear its other answers.",
                )
            return cleaned
        # A unit in the pay itself ("19.50/hr") is the reader's last word on it.
        per = read.per or cleaned.get("per") or PER_YEAR
        cleaned.update(pay=read.amount, per=per)
        problem = pay_problem(read.amount, per)
        if problem:
            self.add_error("pay", problem)
        hours = cleaned.get("hours")
        if hours is not None and hours < 1:
            self.add_error("hours", "Enter at least 1 hour a week, such as 40.")
        self.check_shift(cleaned)
        self.check_premiums(cleaned)
        pto, holidays = cleaned.get("pto_days"), cleaned.get("holidays")
        if pto is not None and holidays is not None and pto + holidays >= WORKING_DAYS_PER_YEAR:
            self.add_error(
                "holidays",
                f"Days off and holidays together must leave days to work: fewer than "
                f"{WORKING_DAYS_PER_YEAR} (five days a week for 52 weeks).",
            )
        return cleaned

    def check_premiums(self, cleaned: dict) -> None:
        """Premiums in dollars must be within reach of a real plan: at most PREMIUM_LIMIT
        times a typical whole single-coverage premium a year (family cover costs about
        three), so a month typed for a year or a stray zero is caught."""
        whole = self.typical.single_premium
        if cleaned.get("health") != HEALTH_AMOUNTS or not whole or whole.value <= 0:
            return
        periods, period_text = PREMIUM_PERIODS[cleaned.get("premium_per") or PER_MONTH]
        for name in ("premium", "employer_health"):
            amount = cleaned.get(name)
            if amount is None or amount * periods <= whole.value * PREMIUM_LIMIT:
                continue
            self.add_error(
                name,
                f"{fmt.money(amount)} {period_text} comes to {fmt.money(amount * periods)} a "
                f"year, more than {PREMIUM_LIMIT} times a typical single-coverage premium "
                f"({whole.text}): check the amount, and the period it is for.",
            )

    def check_shift(self, cleaned: dict) -> None:
        """A differential needs both its rate and its hours, within the hours worked."""
        extra, hours = cleaned.get("shift_pay"), cleaned.get("shift_hours")
        if extra and hours is None and "shift_hours" not in self.errors:
            self.add_error("shift_hours", "Enter the hours a week it is paid for, such as 16.")
        if hours and extra is None and "shift_pay" not in self.errors:
            self.add_error("shift_pay", "Enter the extra pay an hour, such as 2.00.")
        if hours:
            week = cleaned.get("hours") or FULL_TIME_HOURS
            worked = week + (cleaned.get("overtime_hours") or 0)
            if hours > worked:
                self.add_error(
                    "shift_hours",
                    f"Enter at most the hours worked a week ({fmt.number(worked)}), "
                    "overtime included.",
                )

    def terms(self) -> Terms:
        data = self.cleaned_data
        return Terms(
            letter=self.letter,
            label=data["label"].strip(),
            pay=data["pay"],
            per=data["per"],
            hours=data["hours"],
            overtime_hours=data["overtime_hours"],
            shift_pay=data["shift_pay"],
            shift_hours=data["shift_hours"],
            bonus=data["bonus"],
            match_form=data["match_form"] or "",
            match_pay=data["match_pay"],
            match_rate=data["match_rate"],
            match_cap=data["match_cap"],
            contribution=data["contribution"],
            health=data["health"] or "",
            premium=data["premium"],
            premium_per=data["premium_per"] or PER_MONTH,
            employer_health=data["employer_health"],
            pto_days=data["pto_days"],
            holidays=data["holidays"],
            location=data["location"] or DEFAULT_LOCATION,
        )


def stated_choices(data: QueryDict, letter: str) -> dict[str, str]:
    """How the amounts given state the match and health insurance, for a link that leaves
    the choices out (one made before they existed: a_match_rate=100&a_match_cap=3)."""

    def given(*names: str) -> bool:
        return any(data.get(f"{letter}_{name}", "").strip() for name in names)

    if given("match_pay"):
        match = MATCH_OF_PAY
    elif given("match_rate", "match_cap"):
        match = MATCH_OF_CONTRIBUTION
    else:
        match = MATCH_UNSTATED
    health = HEALTH_AMOUNTS if given("premium", "employer_health") else HEALTH_UNSTATED
    return {"match_form": match, "health": health}


def as_stated(query: QueryDict) -> QueryDict:
    """The query as the form shows it: a pay's own unit chosen, and a choice left out
    chosen as the amounts given show."""
    data = query.copy()
    for letter in LETTERS:
        with_pay_unit(data, f"{letter}_pay", f"{letter}_per")
        for choice, stated in stated_choices(data, letter).items():
            name = f"{letter}_{choice}"
            if len(data.getlist(name)) <= 1 and not data.get(name):
                data[name] = stated
    return data


class OfferSet:
    """Offers A, B and C from one query string; A needs a pay, B and C only when used."""

    def __init__(self, query: QueryDict, *, tables: Tables, typical: Typical) -> None:
        names = {
            f"{letter}_{name}" for letter in LETTERS for name in answer_names(OfferForm.base_fields)
        }
        self.is_bound = any(name in query for name in names)
        data = as_stated(query) if self.is_bound else None
        self.forms = [
            OfferForm(
                data,
                letter=letter,
                tables=tables,
                typical=typical,
                required=letter == LETTERS[0],
            )
            for letter in LETTERS
        ]

    def __iter__(self):
        return iter(self.forms)

    def is_valid(self) -> bool:
        if not all(form.is_valid() for form in self.forms):
            return False
        return self.names_differ()

    def names_differ(self) -> bool:
        """Each offer given has a name of its own: "Same is worth more than Same" says
        nothing. A repeated name is the later offer's to change."""
        seen: dict[str, OfferForm] = {}
        for form in self.forms:
            if form.cleaned_data.get("pay") is None:
                continue
            name = form.cleaned_data["label"].strip() or form.name
            earlier = seen.setdefault(name.casefold(), form)
            if earlier is not form:
                form.add_error(
                    "label",
                    f"“{name}” is already the name of {earlier.name}: give this offer a "
                    "name of its own.",
                )
                return False
        return True

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

    def note(self, comparison: Comparison) -> None:
        """Put each offer's note on how its match was read beside its match field."""
        notes = {offer.terms.letter: offer.worth.note for offer in comparison.offers}
        for form in self.forms:
            form.match_note = notes.get(form.letter, "")

    def error_slots(self) -> list[tuple[str, Sequence[str]]]:
        return [slot for form in self.forms for slot in form.error_slots()]

    @property
    def third_given(self) -> bool:
        return self.forms[-1].given or bool(self.forms[-1].errors)
