"""Which laws a question's places point to: "my Chicago restaurant" is about Illinois and US federal law, not
Texas; "my clinic in Ireland" is about EU law, not the UK's. Used to push other places' laws down the ranking."""

from __future__ import annotations

from functools import lru_cache

from agent.profile.jurisdictions import countries_without_law, laws_for_region, laws_reaching
from agent.profile.places import find_locations


@lru_cache(maxsize=4096)
def place_codes(text: str) -> frozenset[str]:
    """Country codes and country-region codes ('US', 'US-IL', 'GB-SCT') of the places text names."""
    locations, _ = find_locations(text)
    keys: set[str] = set()
    for location in locations:
        keys.add(location.country)
        if location.region:
            keys.add(f"{location.country}-{location.region}")
    return frozenset(keys)


def placed_jurisdictions(question: str) -> set[str]:
    """Framework ids that the places named in question fall under; empty when it names no place the knowledge
    base has law for (then nothing is pushed down)."""
    locations, regions = find_locations(question)
    laws: set[str] = set()
    for location in locations:
        laws |= laws_reaching(location.country, location.region)
    for region in regions:
        laws |= laws_for_region(region)
    return laws


def uncovered_places(question: str) -> list[str]:
    """Countries the question names whose law the knowledge base does not hold, when it names no place it does
    hold law for ("our bakery in Sydney" → ["Australia"]); empty otherwise."""
    locations, regions = find_locations(question)
    if placed_jurisdictions(question) or regions:
        return []
    return countries_without_law([loc.country for loc in locations])
