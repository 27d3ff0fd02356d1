"""Places in a description: where the business is (locations) apart from where its customers are (markets).

Names come from the gazetteer (agent/profile/place_spans.py); this module decides what each name is about.
A place after a market phrase ("customers in", "ship to", "30% of them in") or before a customer word
("German customers", "UK clients") is a market; every other place is a location. Nationality words and
languages ("guests write in Spanish") are never locations."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from agent.profile.gazetteer import Place
from agent.profile.lexicon import load_yaml
from agent.profile.place_spans import Span, find_spans, resolve
from agent.schemas import Location

_CLAUSE_END = re.compile(r"[.;!?\n]\s|:")
_MARKET_CUE = re.compile(
    r"\b(?:customers?|clients?|buyers|consumers|shoppers|users|subscribers|members|distributors|retailers|"
    r"wholesalers|markets?|exports?|exporting|orders|guests|tourists|visitors|travell?ers|audiences?|"
    r"ship(?:s|ping)?|deliver(?:s|ing|ies)?|sell(?:s|ing)?|sold|expand(?:s|ing)?|"
    r"\d+\s?%(?:\s+of\s+(?:them|it|our\s+\w+|\w+))?|"
    r"(?:patients|students|pupils|members|guests|visitors|tourists|people)\s+(?:come\s+)?from|"
    r"(?:to|supply|supplying|for)\s+(?:[\w-]+\s+){0,2}(?:restaurants|hotels|cafes|shops|stores|businesses|clinics|"
    r"practices|bakeries|offices|farms|schools))\b",
    re.I,
)
_LOCATION_CUE = re.compile(
    r"\b(?:based|located|headquartered|registered|situated|HQ|head office|offices?|shops?|stores?|studios?|"
    r"premises|factory|factories|plant|workshop|warehouses?|clinics?|practices?|branch(?:es)?|sites?|"
    r"restaurants?|cafes?|bakery|bakeries|salons?|hotels?|locations?|we are|we're|I am|I'm|I run|we run|"
    r"(?<!customers )(?<!clients )(?<!patients )(?<!tourists )(?<!guests )(?<!visitors )from)\b",
    re.I,
)
_CUSTOMER_AFTER = re.compile(
    r"^[\s-]*(?:based\s+)?(?:customers?|clients?|buyers|consumers|shoppers|users|tourists|visitors|guests|"
    r"students|market|residents|subscribers|orders|sales)\b",
    re.I,
)
_NEGATED = re.compile(r"\b(?:none|not|never|no|don'?t|doesn'?t|do not|does not|nor|except|excluding)\b[^,.;:]*$", re.I)
_SPEAKING_AFTER = re.compile(r"^[\s-]*(?:speaking|speakers?|language|translations?)\b", re.I)


@dataclass
class PlacesRead:
    """What the text says about places: where the business is, where it sells, and whole markets ('eu')."""

    locations: list[Location] = field(default_factory=list)
    markets: list[Location] = field(default_factory=list)
    regions: set[str] = field(default_factory=set)


def read_places(text: str, lenient: bool = False) -> PlacesRead:
    """Locations, markets and sales regions named in text; lenient reads a short answer to 'where are you?'."""
    found = PlacesRead()
    for span in resolve(text, find_spans(text, lenient), lenient):
        place = span.chosen
        if place is None:
            continue
        if _NEGATED.search(text[max(0, span.start - 40) : span.start]):
            continue  # "none are in Europe", "we do not ship to Canada"
        if place.kind == "region":
            found.regions.add(place.country.lower())
            continue
        target = found.markets if _is_market(text, span) else found.locations
        _add(target, _location(place, span))
    for code in _demonym_markets(text):
        _add(found.markets, Location(country=code))
    found.regions |= _market_regions(found.markets)
    return found


def find_locations(text: str) -> tuple[list[Location], set[str]]:
    """Places named in text (locations, then markets) and the regions it sells into ('eu', 'us', 'california')."""
    found = read_places(text)
    merged = list(found.locations)
    for market in found.markets:
        _add(merged, market)
    return merged, found.regions


def _is_market(text: str, span: Span) -> bool:
    if _CUSTOMER_AFTER.match(text[span.end : span.end + 40]):
        return True
    clause = text[max(0, span.start - 160) : span.start]
    ends = list(_CLAUSE_END.finditer(clause))
    clause = clause[ends[-1].end() :] if ends else clause
    market = [m.end() for m in _MARKET_CUE.finditer(clause)]
    place = [m.end() for m in _LOCATION_CUE.finditer(clause)]
    return bool(market) and (not place or market[-1] >= place[-1])


def _location(place: Place, span: Span) -> Location:
    region = place.region
    for wider in span.qualified_by:  # "Ballincollig, Co. Cork": the county or state the owner named
        if wider.country == place.country and wider.region:
            region = wider.region
            break
    return Location(country=place.country, region=region, city=place.city)


def _add(target: list[Location], new: Location) -> None:
    """Add a place once; a state-level place replaces the bare country it refines."""
    for index, old in enumerate(target):
        if old.country != new.country:
            continue
        if old.region == new.region or new.region is None:
            return
        if old.region is None:
            target[index] = new
            return
    target.append(new)


@lru_cache(maxsize=1)
def _demonym_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    words = {w: code for code, names in load_yaml("places")["demonyms"].items() for w in names}
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"\b({alternatives})\b", re.I), words


def _demonym_markets(text: str) -> list[str]:
    """'German customers', 'American and British tourists' -> markets; 'English-speaking', 'in Spanish' ->
    nothing."""
    pattern, words = _demonym_pattern()
    codes: list[str] = []
    run: list[str] = []
    for match in pattern.finditer(text):
        run.append(words[match.group(1).lower()])
        after = text[match.end() : match.end() + 40]
        if _SPEAKING_AFTER.match(after):
            run = []
        elif _CUSTOMER_AFTER.match(after):
            codes += run
            run = []
        elif not re.match(r"^\s*(?:,|and|or|&)\s*$", text[match.end() : _next_start(pattern, text, match.end())]):
            run = []
    return codes


def _next_start(pattern: re.Pattern[str], text: str, pos: int) -> int:
    nxt = pattern.search(text, pos, pos + 12)
    return nxt.start() if nxt else pos


def _market_regions(markets: list[Location]) -> set[str]:
    """Sales regions that decide which law reaches in: the EU/EEA, the US, California."""
    eea = eea_countries()
    regions = {"eu" for m in markets if m.country in eea}
    regions |= {"us" for m in markets if m.country == "US" and not m.region}  # a state market is that state
    return regions | {"california" for m in markets if m.country == "US" and m.region == "CA"}


def eu_countries() -> set[str]:
    """EU member state codes."""
    return set(load_yaml("places")["eu"])


def eea_countries() -> set[str]:
    """EU plus the EEA-only states."""
    data = load_yaml("places")
    return set(data["eu"]) | set(data["eea_only"])


def country_name(code: str) -> str:
    """The short English name of a country ('Australia'), from ISO 3166-1."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    return str(getattr(country, "common_name", None) or getattr(country, "name", code)) if country else code


def place_label(location: Location) -> str:
    """How a place reads to the owner: 'Phoenix, AZ, United States', 'Kent, United Kingdom'."""
    parts = [location.city]
    if location.region and location.country in ("US", "CA"):
        parts.append(location.region)
    elif location.region and not location.city:
        import pycountry

        sub = pycountry.subdivisions.get(code=f"{location.country}-{location.region}")
        parts.append(str(sub.name) if sub else None)
    parts.append(country_name(location.country))
    return ", ".join(p for p in parts if p)


_CURRENCIES = {
    "GB": "GBP",
    "US": "USD",
    "CA": "CAD",
    "CH": "CHF",
    "AU": "AUD",
    "SE": "SEK",
    "DK": "DKK",
    "NO": "NOK",
    "PL": "PLN",
}


def default_currency(countries: list[str]) -> str:
    """The currency of the first country with its own; EUR for the euro area, USD when nothing is known."""
    return next((_CURRENCIES[c] for c in countries if c in _CURRENCIES), "EUR" if countries else "USD")
