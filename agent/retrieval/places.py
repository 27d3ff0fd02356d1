"""Which laws a question's places point to: "my Chicago restaurant" is about Illinois and US federal law, not
Texas; "my clinic in Ireland" is about EU law, not the UK's. Used to push other places' laws down the ranking."""

from __future__ import annotations

import re
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


# The asker's own business and where it is: "my salon in Milan", "we're a software house in Leipzig", "I have six
# staff in Ljubljana". Customers, clients or buyers in a place are a market the question may be about, not home.
_OWN_BUSINESS = re.compile(
    r"\b(?:(?:my|our)(?:\s+[\w'&-]+){1,4}|(?:we|i)(?:'re|'m|\s+are|\s+am|\s+run|\s+own|\s+have|\s+employ)"
    r"(?:\s+[\w'&-]+){0,5}|(?:we're|we\s+are|i'm|i\s+am)\s+based)\s+(?:in|near|outside|from)\s+",
    re.I,
)
_MARKET_NOUNS = re.compile(r"\b(?:customers?|clients?|buyers?|users?|subscribers?|shoppers?|guests?|visitors?)\b", re.I)
_FOLLOWING = re.compile(r"^[^.?!;,()]{1,60}")


def owner_place_codes(question: str) -> frozenset[str]:
    """Place codes the question names only as where the asking business is (its home, not its subject)."""
    codes: set[str] = set()
    for match in _OWN_BUSINESS.finditer(question):
        if _MARKET_NOUNS.search(match.group(0)):
            continue
        following = _FOLLOWING.match(question[match.end() :])
        if following:
            named = " ".join(following.group(0).split()[:4])
            codes |= place_codes(f"in {named}")
    return frozenset(codes)


def place_words(text: str) -> frozenset[str]:
    """The words of the place names text holds ('France', 'Co. Cork'), lower-cased."""
    from agent.profile.place_spans import find_spans, resolve

    return frozenset(w.lower() for span in resolve(text, find_spans(text)) for w in re.findall(r"\w+", span.text))
