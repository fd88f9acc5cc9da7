"""Where someone works, as the estimator, the pay check and the offer comparison ask it.

One field, two controls: a list of national pay, the states and DC, and a text box for a
city or metropolitan area, found on the server among the areas on file (so the page stays
small however many there are). The list keeps its name (``location``, ``a_location``) and
its meaning, a place's slug, so every link made before still works, a metropolitan area's
slug included; the text box is ``location_city``. Typed text, when given, takes the place
of the list. With htmx, matches are suggested as one types (``place_suggestions``); a
small static script puts a chosen one in the box.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.choices import normalize_choices
from django.utils.safestring import mark_safe

from salaries.pay.distribution import METRO, NATIONAL, STATE, Place
from salaries.pay.estimator import Tables
from salaries.pay.place_search import MAX_TEXT

CITY = "_city"
NATIONAL_LABEL = "United States (national pay)"
# The most choices one message lists when typed text matches several places.
SHOWN_CHOICES = 10


def place_label(place: Place) -> str:
    return NATIONAL_LABEL if place.kind == NATIONAL else place.name


# The list's choices for the one set of tables this process serves (salaries.snapshot
# keeps that set for the current content version), held with the tables they came from.
_prepared: tuple[Tables, list] | None = None


def list_choices(tables: Tables) -> list:
    """National pay, then the states and DC: the metropolitan areas are typed."""
    global _prepared
    if _prepared is None or _prepared[0] is not tables:
        national = [(slug, NATIONAL_LABEL) for slug, p in tables.places.items() if p.is_national]
        states = [(slug, p.name) for slug, p in tables.places.items() if p.kind == STATE]
        _prepared = (tables, normalize_choices([*national, ("States", states)]))
    return _prepared[1]


class PlaceWidget(forms.Widget):
    """A select of national pay and the states, and a text box for a city or metro area."""

    template_name = "salaries/_place_widget.html"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs)
        self.tables: Tables | None = None

    def value_from_datadict(self, data, files, name) -> list[str]:
        return [data.get(name, ""), data.get(name + CITY, "")]

    def value_omitted_from_data(self, data, files, name) -> bool:
        return name not in data and name + CITY not in data

    def id_for_label(self, id_: str) -> str:
        return id_

    def shown(self, value) -> tuple[str, str]:
        """The list's choice and the box's text for a value: a slug (a metropolitan area
        is shown by name in the box) or what was sent."""
        if isinstance(value, list | tuple):
            return str(value[0] or ""), str(value[1] or "")
        slug = str(value or "")
        place = self.tables.places.get(slug) if self.tables else None
        return slug, place.name if place is not None and place.kind == METRO else ""

    def render(self, name, value, attrs=None, renderer=None):
        slug, text = self.shown(value)
        attrs = self.build_attrs(self.attrs, attrs)
        list_id = attrs.get("id") or f"id_{name}"
        choices = list_choices(self.tables) if self.tables else []
        place = self.tables.places.get(slug) if self.tables else None
        if place is not None and place.kind == METRO:
            # A metropolitan area chosen by a link or typed earlier shows in the list too.
            choices = [*choices, ("Metropolitan area", [(slug, place.name)])]
        select = forms.Select(attrs=attrs, choices=choices).render(name, slug, renderer=renderer)
        city_id = list_id + CITY
        described = " ".join(filter(None, [f"{city_id}_hint", attrs.get("aria-describedby")]))
        city_attrs = {
            **{key: value for key, value in attrs.items() if key != "required"},
            "id": city_id,
            "aria-describedby": described,
            "autocomplete": "off",
            "spellcheck": "false",
            "maxlength": str(MAX_TEXT),
            # Matches as one types, into the list below the box. Set here rather than
            # inherited from the form, whose request is the estimate's.
            "hx-get": reverse("salaries:place_suggestions"),
            "hx-trigger": "input changed delay:250ms",
            # The list's choice too: a city in several states lists the chosen state's first.
            "hx-include": f"this, #{list_id}",
            "hx-target": f"#{city_id}_suggestions",
            "hx-swap": "innerHTML",
            "hx-sync": "this:replace",
            "hx-push-url": "false",
            "hx-replace-url": "false",
            "hx-indicator": f"#{city_id}_suggestions",
        }
        city = forms.TextInput(attrs=city_attrs).render(name + CITY, text, renderer=renderer)
        # The project's own template engine: the form renderer finds only Django's.
        return mark_safe(
            render_to_string(
                self.template_name,
                {"select": select, "city": city, "city_id": city_id},
            )
        )


class PlaceBoundField(BoundField):
    def value(self):
        """After a valid answer, what it was read as: a typed "columbus oh" shows as
        Columbus, OH, in the box and in the list."""
        cleaned = getattr(self.form, "cleaned_data", {})
        if self.form.is_bound and cleaned.get(self.name):
            return cleaned[self.name]
        return super().value()

    @property
    def place_name(self) -> str:
        """The place the answer names, as the list would label it ("" for none)."""
        slug, _ = self.field.widget.shown(self.value())
        place = self.field.tables.places.get(slug) if self.field.tables else None
        return place_label(place) if place is not None else ""


class PlaceField(forms.Field):
    """A place's slug, from the list or from a city or metro area typed in the box."""

    widget = PlaceWidget
    default_error_messages = {
        "invalid_choice": "Choose a place from the list.",
        "not_found": "No metropolitan area on file matches what was typed. Type a city and "
        "its state, such as Columbus, OH, or choose a state from the list.",
        "several": "Several places match what was typed: {names}. Type one of them as "
        "written here, or choose a state from the list.",
        "many": "{count:,} places match what was typed, among them {names}. Type more of "
        "the name, with its state, such as Columbus, OH.",
    }

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.tables: Tables | None = None

    def use_tables(self, tables: Tables) -> None:
        self.tables = self.widget.tables = tables

    def get_bound_field(self, form, field_name):
        return PlaceBoundField(form, self, field_name)

    def to_python(self, value) -> str:
        slug, text = self.widget.shown(value)
        text = text.strip()
        if text:
            return self.typed(text, within=self.tables.places.get(slug))
        if slug and slug not in self.tables.places:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return slug

    def typed(self, text: str, within: Place | None = None) -> str:
        """The slug of the place typed; within is the state chosen in the list, which
        settles a city found in several states."""
        found = self.tables.place_finder.find(text, limit=SHOWN_CHOICES, within=within)
        if found.place is not None:
            return found.place.slug
        names = "; ".join(place.name for place in found.choices)
        if not found.count:
            raise ValidationError(self.error_messages["not_found"], code="not_found")
        if found.count <= SHOWN_CHOICES:
            message = self.error_messages["several"].format(names=names)
            raise ValidationError(message, code="several")
        message = self.error_messages["many"].format(count=found.count, names=names)
        raise ValidationError(message, code="many")

    def has_changed(self, initial, data) -> bool:
        return self.widget.shown(initial) != self.widget.shown(data)
