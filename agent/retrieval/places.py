"""Which laws a question's places point to: "my Chicago restaurant" is about Illinois and US federal law, not
Texas; "my clinic in Ireland" is about EU law, not the UK's. Used to push other places' laws down the ranking."""

from __future__ import annotations

from agent.profile.jurisdictions import countries_without_law
from agent.profile.places import eea_countries, find_locations

_EU = {"gdpr", "eprivacy", "eu-ai-act"}
_US_FEDERAL = {"hipaa"}
_US_STATES = {
    "CA": {"ccpa", "cmia"},
    "TX": {"tdpsa", "cubi"},
    "IL": {"bipa"},
    "CO": {"colorado-ai-act"},
    "NY": {"nyc-ll144", "ny-pricing"},
}
_US_ALL = _US_FEDERAL.union(*_US_STATES.values())
_COUNTRIES = {"GB": {"uk-gdpr", "pecr"}, "CA": {"pipeda"}}
_REGIONS = {"eu": _EU, "california": _US_STATES["CA"] | _US_FEDERAL, "us": _US_ALL}


def placed_jurisdictions(question: str) -> set[str]:
    """Framework ids that the places named in question fall under; empty when it names no place the knowledge
    base has law for (then nothing is pushed down)."""
    locations, regions = find_locations(question)
    laws: set[str] = set()
    for location in locations:
        if location.country in eea_countries():
            laws |= _EU
        elif location.country == "US":
            laws |= _US_STATES.get(location.region or "", _US_ALL) | _US_FEDERAL
        else:
            laws |= _COUNTRIES.get(location.country, set())
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
