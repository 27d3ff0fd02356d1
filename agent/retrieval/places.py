"""Which laws a question's places point to: "my Chicago restaurant" is about Illinois and US federal law, not
Texas; "my clinic in Ireland" is about EU law, not the UK's. Used to push other places' laws down the ranking."""

from __future__ import annotations

from agent.profile.jurisdictions import (
    COUNTRY_LAWS,
    EU_LAWS,
    US_FEDERAL_LAWS,
    US_STATE_LAWS,
    countries_without_law,
)
from agent.profile.places import eea_countries, find_locations

_US_ALL = US_FEDERAL_LAWS.union(*US_STATE_LAWS.values())
_REGIONS = {"eu": EU_LAWS, "california": US_STATE_LAWS["CA"] | US_FEDERAL_LAWS, "us": _US_ALL}


def placed_jurisdictions(question: str) -> set[str]:
    """Framework ids that the places named in question fall under; empty when it names no place the knowledge
    base has law for (then nothing is pushed down)."""
    locations, regions = find_locations(question)
    laws: set[str] = set()
    for location in locations:
        if location.country in eea_countries():
            laws |= EU_LAWS
        elif location.country == "US":
            laws |= US_STATE_LAWS.get(location.region or "", _US_ALL) | US_FEDERAL_LAWS
        else:
            laws |= COUNTRY_LAWS.get(location.country, frozenset())
    for region in regions:
        laws |= _REGIONS.get(region, set())
    return laws


def uncovered_places(question: str) -> list[str]:
    """Countries the question names whose law the knowledge base does not hold, when it names no place it does
    hold law for ("our bakery in Sydney" → ["Australia"]); empty otherwise."""
    locations, regions = find_locations(question)
    if placed_jurisdictions(question) or regions:
        return []
    return countries_without_law([loc.country for loc in locations])
