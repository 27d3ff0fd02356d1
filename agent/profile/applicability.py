"""Which laws apply to a business: its facts (place, markets, size, data, practices, triggers) put to the
applicability conditions each law keeps in its knowledge document (see agent/laws)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from agent.laws import judge_laws, law_specs
from agent.laws.place_layer import with_place_layers
from agent.laws.specs import DEFAULT_KNOWLEDGE
from agent.profile.lexicon import load_yaml
from agent.profile.places import country_name, find_locations
from agent.schemas import BusinessProfile, LawVerdict, Location

#: The facts applicability tests can name (see knowledge/README.md); `laws_applying` is added by the engine.
FACTS = frozenset(
    {
        "industry", "data_held", "systems", "goals", "headcount", "annual_revenue_usd", "customer_count",
        "serves_consumers", "sells_online", "triggers", "data_practices", "places", "markets", "cities",
        "laws_applying",
    }
)  # fmt: skip
# Rough exchange rates for comparing revenue with thresholds set in US dollars.
USD_PER = {"USD": 1.0, "EUR": 1.08, "GBP": 1.27, "CAD": 0.73, "CHF": 1.13, "AUD": 0.66, "PLN": 0.25}
# Sales regions the place reader names ("customers across the EU") as place codes.
_REGION_CODES = {"eu": ("EU",), "us": ("US",), "california": ("US", "US-CA")}


def judge_profile(
    profile: BusinessProfile,
    regions: Iterable[str] | None = None,
    extra_triggers: Iterable[str] = (),
    knowledge_dir: Path = DEFAULT_KNOWLEDGE,
) -> list[LawVerdict]:
    """A verdict for every law the knowledge base holds; regions default to those named in the description."""
    if regions is None:
        regions = find_locations(profile.description or "")[1]
    facts = business_facts(profile, set(regions), set(extra_triggers))
    verdicts = judge_laws(law_specs(knowledge_dir), facts, place_name)
    return with_place_layers(verdicts, facts["places"], facts["markets"], knowledge_dir)


def location_codes(profile: BusinessProfile) -> set[str]:
    """Place codes the business is in ('DE', 'EU', 'EEA', 'US', 'US-VA'), as the law engine reads them."""
    return _codes(profile.locations, groups=True)


def business_facts(profile: BusinessProfile, regions: set[str], extra_triggers: set[str]) -> dict[str, Any]:
    """The facts applicability tests can name; None where the profile does not know."""
    # Planning imports the profile package, so its trigger rules are imported here, when first needed.
    from agent.planning.triggers import profile_triggers

    return {
        "industry": profile.industry,
        "data_held": list(profile.data_held),
        "systems": list(profile.systems),
        "goals": list(profile.goals),
        "headcount": profile.headcount,
        "annual_revenue_usd": revenue_usd(profile),
        "customer_count": profile.customer_count,
        "serves_consumers": profile.serves_consumers,
        "sells_online": profile.sells_online,
        "triggers": sorted(profile_triggers(profile) | extra_triggers),
        "data_practices": list(profile.data_practices),
        "places": sorted(_codes(profile.locations, groups=True)),
        "markets": sorted(_market_codes(profile, regions)),
        "cities": sorted({(loc.city or "").lower() for loc in profile.locations if loc.city}) or None,
        "group_members": _group_members(profile.locations),
    }


def revenue_usd(profile: BusinessProfile) -> float | None:
    """Annual revenue in US dollars (rough rates), or None when not known."""
    if profile.annual_revenue is None:
        return None
    return profile.annual_revenue.amount * USD_PER.get(profile.annual_revenue.currency, 1.0)


def _codes(locations: Iterable[Location], groups: bool) -> set[str]:
    codes: set[str] = set()
    for loc in locations:
        codes.add(loc.country)
        if loc.region:
            codes.add(f"{loc.country}-{loc.region}")
    if groups:
        eu, eea_only = _eu_and_eea_only()
        codes |= {"EU", "EEA"} if codes & eu else ({"EEA"} if codes & eea_only else set())
    return codes


def _group_members(locations: Iterable[Location]) -> dict[str, list[str]]:
    """Which of the business's countries make it EU or EEA based, for reasons such as 'Based in France (the EU)'."""
    eu, eea_only = _eu_and_eea_only()
    countries = sorted({loc.country for loc in locations})
    members = {"EU": [c for c in countries if c in eu], "EEA": [c for c in countries if c in eu | eea_only]}
    return {group: codes for group, codes in members.items() if codes}


def _market_codes(profile: BusinessProfile, regions: set[str]) -> set[str]:
    """Where it sells: named sales regions and markets (the EU market counts as each member state)."""
    codes = _codes(getattr(profile, "markets", None) or [], groups=True)
    codes |= {code for region in regions for code in _REGION_CODES.get(region, ())}
    if "EU" in codes:
        eu, _ = _eu_and_eea_only()
        codes |= eu | {"EEA"}
    return codes


@lru_cache(maxsize=1)
def _eu_and_eea_only() -> tuple[frozenset[str], frozenset[str]]:
    data = load_yaml("places")
    return frozenset(data["eu"]), frozenset(data["eea_only"])


@lru_cache(maxsize=256)
def place_name(code: str) -> str:
    """A place code in words: 'US-CA' -> 'California', 'EU' -> 'the EU', 'GB' -> 'the United Kingdom'."""
    groups = {
        "EU": "the EU",
        "EEA": "the EEA",
        "US": "the United States",
        "GB": "the United Kingdom",
        "NL": "the Netherlands",
        "CZ": "the Czech Republic",
        "AE": "the United Arab Emirates",
    }
    if code in groups:
        return groups[code]
    country, _, region = code.partition("-")
    if not region:
        return country_name(country)
    import pycountry

    sub = pycountry.subdivisions.get(code=code)
    return str(sub.name) if sub else code
