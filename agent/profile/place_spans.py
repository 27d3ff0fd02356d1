"""Place names in text: a single pass over word n-grams against the gazetteer, then one reading per name.

Linear in the text: each word starts at most `_MAX_WORDS` dictionary look-ups. A name that is also an ordinary
word or a given name ("Reading", "Victoria") or a small town counts only with a place word before it ("in",
"near", a list of places) or a state or country after it; brackets after a city list its neighbourhoods."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from agent.profile.gazetteer import Place, lookup, normalise
from agent.profile.lexicon import load_yaml

_MAX_WORDS = 5
_WORD = re.compile(r"[^\W_]+")
_PLACE_WORD = re.compile(
    r"\b(?:in|near|from|outside|around|across|throughout|to|into|between|serving|covering)"
    r"(?:\s+(?:the|central|downtown|greater|northern|southern|eastern|western|north|south|east|west|rural|"
    r"suburban|metro|both|all|over))*\s*$",
    re.I,
)
_LIST_GAP = re.compile(r"^\s*(?:,|,?\s*(?:and|or|&|plus|as well as))\s*(?:the\s+)?$", re.I)
_QUALIFIER_GAP = re.compile(r"^\s*(?:,|\(|-|–)?\s*(?:co\.?\s*)?$", re.I)
_NEAR_WORD = re.compile(r"\b(?:in|near|outside|around)\s*$", re.I)  # what a given name needs
_STRONG_CITY = 1_000_000  # a place even when its name is also a word ("Phoenix")
_KNOWN_CITY = 100_000  # a place on its own unless its name is also a word ("Nice", "Reading")
_RIVAL_FACTOR = 30  # context can pick a reading at most this many times smaller than the largest city
_KIND_WEIGHT = {"country": 3.0, "state": 2.6, "region": 3.0, "county": 2.0, "alpha3": 2.0}


@dataclass
class Span:
    """A name found in the text with its possible readings and, once resolved, the one chosen."""

    start: int
    end: int
    text: str
    readings: list[Place]
    chosen: Place | None = None
    qualifier_of: Span | None = None
    inside_of: Span | None = None
    qualified_by: list[Place] = field(default_factory=list)


@lru_cache(maxsize=1)
def _word_lists() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Given names, ordinary lower-case words, and the short forms that count only in capitals ('US')."""
    data = load_yaml("places")
    shouted = {normalise(a) for words in data["countries"].values() for a in words if len(a) <= 5}
    return frozenset(data["given_names"]), frozenset(data["common_words"]), frozenset(shouted | {"eu", "eea"})


def find_spans(text: str, lenient: bool = False) -> list[Span]:
    """Place names in text with their readings, longest name first at each word, in order of appearance."""
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
    lenient = lenient or text.islower()  # no capitals anywhere: capitals cannot tell names from words
    spans: list[Span] = []
    i = 0
    while i < len(words):
        for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            start, end = words[i][0], words[i + n - 1][1]
            surface = text[start:end]
            if n > 1 and not re.fullmatch(r"[\w\s.'’-]+", surface):
                continue  # a name does not run across a comma or bracket
            readings = _admissible(lookup(normalise(surface)), surface, lenient)
            if readings:
                spans.append(Span(start, end, surface, readings))
                i += n
                break
        else:
            i += 1
    return spans


def _admissible(readings: list[Place], surface: str, lenient: bool) -> list[Place]:
    """Readings allowed by how the name is written: codes and short forms in capitals, names capitalised."""
    given, common, shouted = _word_lists()
    key = normalise(surface)
    capitals = surface.replace(".", "").replace(" ", "").isupper()
    if key in shouted:
        return readings if capitals else []
    readings = [p for p in readings if capitals or p.kind not in ("code", "alpha3")]
    if lenient or surface[0].isupper():
        return readings
    if key in given or key in common:
        return []
    # "germany", "texas" written small; not every commune that is also a word ("store")
    return [p for p in readings if p.kind == "country" or (p.kind == "state" and p.country in ("US", "CA"))]


def resolve(text: str, spans: list[Span], lenient: bool = False) -> list[Span]:
    """Spans kept as places, each with one reading chosen; qualifiers and neighbourhoods are attached."""
    _attach(text, spans)
    kept: list[Span] = []
    for span in spans:
        if span.qualifier_of is not None or span.inside_of is not None:
            continue
        if span.readings[0].kind == "code" and not span.qualified_by:
            continue  # "AZ" alone: a state code only after a town ("Phoenix AZ")
        if lenient or _is_strong(span) or _has_place_word(text, span, kept):
            span.chosen = max(span.readings, key=lambda p: _score(p, span, []))
            kept.append(span)
    first = {id(span): span.chosen for span in kept}
    counts: dict[tuple[str, str | None], int] = {}
    for place in first.values():
        if place:
            counts[place.country, place.region] = counts.get((place.country, place.region), 0) + 1
    for span in kept:  # second pass: the other places in the text settle ambiguous names
        own = first[id(span)]
        context = [
            Place(country, region, None, 0, "context")
            for (country, region), n in counts.items()
            if n > (1 if own and (own.country, own.region) == (country, region) else 0)
        ]
        span.chosen = _city_of_district(max(span.readings, key=lambda p: _score(p, span, context)), span)
    return kept


def _city_of_district(place: Place, span: Span) -> Place:
    """A district named after its city ('Manchester', 'Leeds') reads as the city: same country, and the town
    the owner named is kept."""
    if place.kind != "county" or span.qualified_by:
        return place
    cities = [p for p in span.readings if p.kind == "city" and p.country == place.country]
    return max(cities, key=lambda p: p.population) if cities else place


def _attach(text: str, spans: list[Span]) -> None:
    """'Phoenix, AZ', 'Rosenheim (Bavaria)' qualify a city; other names in brackets after it are its parts."""
    for prev, span in pairwise(spans):
        gap = text[prev.end : span.start]
        head = prev.qualifier_of or prev
        if _QUALIFIER_GAP.match(gap) and _qualifies(span, head):
            span.qualifier_of = head
            head.qualified_by += [p for p in span.readings if p.kind != "city"]
        elif prev.inside_of is not None and _LIST_GAP.match(gap) and ")" not in gap:
            span.inside_of = prev.inside_of
        elif re.fullmatch(r"\s*\(\s*", gap) and any(p.kind == "city" for p in head.readings):
            span.inside_of = head


def _qualifies(span: Span, head: Span) -> bool:
    """Whether span names the state or country of one of head's readings."""
    wider = [p for p in span.readings if p.kind in ("country", "state", "code")]
    return any(
        h.country == w.country and (w.kind == "country" or h.region in (None, w.region) or h.kind == "city")
        for h in head.readings
        for w in wider
    ) and any(h.kind in ("city", "county") for h in head.readings)


def _is_strong(span: Span) -> bool:
    """A name that is a place on its own: a country, state, county or big city that is not a given name."""
    key = normalise(span.text)
    if span.qualified_by:
        return True
    if key in _word_lists()[0]:
        return False
    if key.startswith(("co ", "county ")) or key.endswith((" county", " parish")):
        return True
    word = key in _word_lists()[1]
    return any(
        p.kind in ("country", "state", "region", "alpha3")
        or (p.kind == "city" and (p.population >= _STRONG_CITY or (p.population >= _KNOWN_CITY and not word)))
        for p in span.readings
    )


def _has_place_word(text: str, span: Span, kept: list[Span]) -> bool:
    """'in Reading', 'near Bath', or the next name in a list of places ('Texas, Oklahoma and Kent')."""
    before = text[max(0, span.start - 40) : span.start]
    cue = _NEAR_WORD if normalise(span.text) in _word_lists()[0] else _PLACE_WORD
    if cue.search(before):
        return True
    last = kept[-1] if kept else None
    return last is not None and bool(_LIST_GAP.match(text[last.end : span.start]))


def _score(place: Place, span: Span, context: list[Place]) -> float:
    """How likely this reading is: its kind or size, plus agreement with a stated state and other places."""
    score = _KIND_WEIGHT.get(place.kind, 0.0)
    if place.kind == "city":
        score = math.log10(max(place.population, 10)) / 3
    for wider in span.qualified_by:
        if wider.country == place.country and wider.region in (None, place.region):
            score += 4
    largest = max((p.population for p in span.readings), default=0)
    if place.kind == "city" and place.population * _RIVAL_FACTOR < largest:
        return score  # Paris, Texas does not beat Paris, France because the text also names Dallas
    for other in context:
        if other.country == place.country:
            score += 1.0 + (1.0 if other.region and other.region == place.region else 0.0)
    return score
