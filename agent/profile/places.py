"""Places in a description -> locations (country, US state / Canadian province, city)."""

from __future__ import annotations

import re
from functools import lru_cache

from agent.profile.lexicon import PhraseMatcher, load_yaml
from agent.schemas import Location

# Short aliases that are also ordinary words ("us") count only when written in capitals ("US").
_CASE_SENSITIVE = {"us", "uk", "usa", "u.s.", "u.k.", "uae"}
_STATE_CODE = re.compile(r",\s*([A-Z]{2})\b")


@lru_cache(maxsize=1)
def _matchers() -> tuple[PhraseMatcher, PhraseMatcher, PhraseMatcher, PhraseMatcher, PhraseMatcher]:
    data = load_yaml("places")
    countries = {code: [w for w in words if w not in _CASE_SENSITIVE] for code, words in data["countries"].items()}
    return (
        PhraseMatcher(countries),
        PhraseMatcher({f"US-{k}": v for k, v in data["us_states"].items()}),
        PhraseMatcher({f"CA-{k}": v for k, v in data["ca_provinces"].items()}),
        PhraseMatcher({str(v) + "|" + str(k): [str(k)] for k, v in data["cities"].items()}),
        PhraseMatcher(data["regions"]),
    )


def eu_countries() -> set[str]:
    """EU member state codes."""
    return set(load_yaml("places")["eu"])


def eea_countries() -> set[str]:
    """EU plus the EEA-only states."""
    data = load_yaml("places")
    return set(data["eu"]) | set(data["eea_only"])


def find_locations(text: str) -> tuple[list[Location], set[str]]:
    """Locations named in text, and regions it sells into ('eu', 'us', 'california')."""
    country_m, state_m, province_m, city_m, region_m = _matchers()
    found: dict[tuple[str, str | None], Location] = {}

    def add(country: str, region: str | None = None, city: str | None = None) -> None:
        key = (country, region)
        if (country, None) in found and region:
            found.pop((country, None))
        if key not in found and not (region is None and any(c == country for c, _ in found)):
            found[key] = Location(country=country, region=region, city=city)

    for match in city_m.find(text):
        place, city = match.id.split("|")
        country, _, region = place.partition("-")
        add(country, region or None, city.title())
    for match in state_m.find(text):
        add("US", match.id.split("-")[1])
    for match in province_m.find(text):
        add("CA", match.id.split("-")[1])
    for code in _STATE_CODE.findall(text):
        if code in load_yaml("places")["us_states"]:
            add("US", code)
    for match in country_m.find(text):
        add(match.id)
    for alias in re.findall(r"\b(US|USA|U\.S\.|UK|U\.K\.|UAE)(?![\w.])", text):
        add({"UK": "GB", "U.K.": "GB", "UAE": "AE"}.get(alias, "US"))
    regions = {m.id for m in region_m.find(text)}
    return list(found.values()), regions


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
