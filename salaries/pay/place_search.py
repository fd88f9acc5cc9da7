"""Finding a metropolitan area (or a state) from what a reader types: "Columbus, OH",
"columbus ohio", "New York".

Pure and indexed once per set of places: a search looks up each word it was given in a
sorted list of the words of every place's name, so it takes about as long with 4,000
areas as with 40.

What counts as a match, most certain first:

1. a metropolitan area whose whole name it is ("Columbus, OH", "columbus oh", "Columbus,
   Ohio": state codes and state names are interchangeable after the city);
2. a metropolitan area whose city part holds every word typed, as the start of a word
   ("New York" is the New York-Newark-Jersey City area, not Albany, NY);
3. a state, by its name or postal code ("Ohio", "OH");
4. a metropolitan area holding every word typed anywhere in its name, a state's code or
   name included ("Albany New York").

The first rule that finds anything decides: one place is the answer; several are
choices for the reader; none is "not found". When several match and a state is chosen
beside the box (the list), those in that state are kept ("Columbus" with Ohio chosen is
Columbus, OH); if none is, the choices stay as they were.
"""

import bisect
import re
import unicodedata
from dataclasses import dataclass

from salaries.pay.distribution import METRO, STATE, Place
from salaries.pay.places import STATES

# The postal code of each state and DC, in the order of STATES.
CODES = (
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL",
    "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE",
    "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD",
    "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
)  # fmt: skip
POSTAL_CODES = dict(zip((name for _, name in STATES), CODES, strict=True))
STATE_NAMES = {code.lower(): name for name, code in POSTAL_CODES.items()}
# What a search reads of the text typed; BLS's longest area names are about 70 letters.
MAX_TEXT = 100
MAX_WORDS = 8


def words(text: str) -> list[str]:
    """Lower-case ASCII words: "Winston-Salem, NC" -> ["winston", "salem", "nc"]."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.findall(r"[a-z0-9]+", plain.lower())


def _with_state_names(state_part: list[str]) -> list[str]:
    """The state words of a name with each postal code also written out: ["oh"] ->
    ["oh", "ohio"]."""
    found = list(state_part)
    for word in state_part:
        if word in STATE_NAMES:
            found += words(STATE_NAMES[word])
    return found


def state_codes(metro: Place) -> set[str]:
    """The postal codes in a metro area's name: "Columbus, GA-AL" -> {"ga", "al"}."""
    _, comma, state = metro.name.rpartition(",")
    return {word for word in words(state) if word in STATE_NAMES} if comma else set()


def state_code(place: Place | None) -> str:
    """A state's postal code in lower case; "" for anything else (national pay, a metro)."""
    if place is None or place.kind != STATE:
        return ""
    return POSTAL_CODES.get(place.name, "").lower()


@dataclass(frozen=True)
class Found:
    place: Place | None  # the one place meant, when there is one
    choices: tuple[Place, ...] = ()  # when several places match, the first few of them
    count: int = 0  # how many places match in all


class _Words:
    """A sorted list of words, each with the places holding it, for prefix lookups."""

    def __init__(self, entries: dict[str, set[int]]) -> None:
        self.words = sorted(entries)
        self.places = [entries[word] for word in self.words]

    def starting(self, prefix: str) -> set[int]:
        start = bisect.bisect_left(self.words, prefix)
        found: set[int] = set()
        for index in range(start, len(self.words)):
            if not self.words[index].startswith(prefix):
                break
            found |= self.places[index]
        return found


class PlaceFinder:
    """Every place a reader can type, indexed once."""

    def __init__(self, places: list[Place]) -> None:
        self.metros = [place for place in places if place.kind == METRO]
        # The postal codes in each metro area's name: "Columbus, GA-AL" -> {"ga", "al"}.
        self.codes: list[set[str]] = []
        self.exact: dict[str, list[int]] = {}
        city_words: dict[str, set[int]] = {}
        all_words: dict[str, set[int]] = {}
        for index, place in enumerate(self.metros):
            city, _, state = place.name.rpartition(",")
            if not city:
                city, state = state, ""
            city_part, state_part = words(city), words(state)
            named = _with_state_names(state_part)
            self.codes.append(state_codes(place))
            forms = {
                " ".join(words(place.name)),
                " ".join([*city_part, *state_part]),
                " ".join([*city_part, *(w for w in named if w not in state_part)]),
            }
            for form in forms:
                self.exact.setdefault(form, []).append(index)
            for word in city_part:
                city_words.setdefault(word, set()).add(index)
            for word in [*city_part, *named]:
                all_words.setdefault(word, set()).add(index)
        self.city_words = _Words(city_words)
        self.all_words = _Words(all_words)
        self.states = {}
        for place in places:
            if place.kind == STATE:
                self.states[" ".join(words(place.name))] = place
                code = POSTAL_CODES.get(place.name)
                if code:
                    self.states[code.lower()] = place

    def find(self, text: str, *, limit: int = 10, within: Place | None = None) -> Found:
        """The place meant by text; within is the state chosen beside the box, if any."""
        typed = words(text[:MAX_TEXT])[:MAX_WORDS]
        if not typed:
            return Found(place=None)
        code = state_code(within)
        exact = self._in_state(set(self.exact.get(" ".join(typed), [])), code)
        if len(exact) == 1:
            return Found(place=self.metros[next(iter(exact))], count=1)
        in_city = self._holding(self.city_words, typed)
        if in_city:
            return self._answer(self._in_state(in_city, code), limit)
        state = self.states.get(" ".join(typed))
        if state is not None:
            return Found(place=state, count=1)
        return self._answer(self._in_state(self._holding(self.all_words, typed), code), limit)

    def _in_state(self, indexes: set[int], code: str) -> set[int]:
        """Those of indexes in the state with this postal code, if any are; else all."""
        if len(indexes) < 2 or not code:
            return indexes
        kept = {index for index in indexes if code in self.codes[index]}
        return kept or indexes

    def _holding(self, index: _Words, typed: list[str]) -> set[int]:
        found: set[int] | None = None
        for word in typed:
            holding = index.starting(word)
            found = holding if found is None else found & holding
            if not found:
                return set()
        return found or set()

    def _answer(self, indexes: set[int], limit: int) -> Found:
        if len(indexes) == 1:
            return Found(place=self.metros[next(iter(indexes))], count=1)
        places = sorted((self.metros[index] for index in indexes), key=lambda p: p.name)
        return Found(place=None, choices=tuple(places[:limit]), count=len(places))

    def suggest(
        self, text: str, *, limit: int = 10, within: Place | None = None
    ) -> tuple[Place, ...]:
        """Up to limit places for what has been typed so far, the likeliest first: with a
        state chosen beside the box, its places before the others."""
        found = self.find(text, limit=limit)
        if found.place:
            return (found.place,)
        code = state_code(within)
        if not code:
            return found.choices
        return tuple(sorted(found.choices, key=lambda place: code not in state_codes(place)))
