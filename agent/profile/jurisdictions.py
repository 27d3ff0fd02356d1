"""Which laws apply: the verdicts of agent/laws as profile fields, and which laws each place is reached by (read
from the laws' own `law.places`; used by retrieval to push other places' laws down)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from agent.profile.lexicon import load_yaml
from agent.profile.places import country_name, eea_countries, eu_countries
from agent.schemas import BusinessProfile, FieldSource, LawVerdict

# Sales regions the place reader names ('eu' is handled apart), as the place codes they cover.
_REGION_PLACES = {"us": ("US",), "california": ("US-CA",)}


def laws_reaching(country: str, region: str | None = None) -> set[str]:
    """Ids of the binding laws whose places cover a location (from each law's `law.places`). A country given
    without its state or province stands for all of them: 'US' reaches California's and Texas's laws too."""
    codes = {country} | ({f"{country}-{region}"} if region else set())
    if country in eea_countries():
        codes |= {"EEA", "EU"} if country in eu_countries() else {"EEA"}
    return {
        spec.id
        for spec in _binding_laws()
        if any(p in codes or (not region and p.startswith(f"{country}-")) for p in spec.places)
    }


def laws_for_region(region: str) -> set[str]:
    """Ids of the binding laws a sales region named in text points to ('eu', 'us', 'california')."""
    if region == "eu":
        return _eu_laws()
    laws: set[str] = set()
    for code in _REGION_PLACES.get(region, ()):
        country, _, state = code.partition("-")
        laws |= laws_reaching(country, state or None)
    return laws


def _eu_laws() -> set[str]:
    return {spec.id for spec in _binding_laws() if {"EU", "EEA"} & set(spec.places)}


def _binding_laws() -> list[Any]:
    from agent.laws import law_specs  # lazily: retrieval imports this module, and the law loader imports retrieval

    return [spec for spec in law_specs() if not spec.voluntary]


def countries_without_law(countries: set[str] | list[str]) -> list[str]:
    """Names of the countries among these whose law the knowledge base does not hold (Switzerland…)."""
    held = {code.split("-")[0] for code in _law_places()}
    return [country_name(code) for code in sorted(set(countries)) if code not in held]


def us_states_without_law(states: set[str] | list[str]) -> list[str]:
    """Names of the US states among these (two-letter codes) whose own laws the knowledge base does not hold."""
    names = load_yaml("places")["us_states"]
    held = {code[3:] for code in _law_places() if code.startswith("US-")}
    return [str(names[code][0]).title() for code in sorted(set(states)) if code not in held and code in names]


def _law_places() -> set[str]:
    """Every place code some law in the knowledge base reaches or a place document covers (a place whose layer
    says "federal and sector rules only" is still held), with the EU/EEA groups spelled out."""
    from agent.laws.place_layer import place_layers  # lazily, as above

    codes = {p for spec in _binding_laws() for p in spec.places} | {d.place for d in place_layers()}
    if codes & {"EU", "EEA"}:
        codes |= eea_countries()
    return codes


def derive_jurisdictions(profile: BusinessProfile, regions: set[str]) -> tuple[list[str], dict[str, FieldSource]]:
    """Ids of the laws that apply, each with the reasons for its verdict as a provenance entry."""
    from agent.profile.applicability import judge_profile  # lazily, as above

    verdicts = judge_profile(profile, regions)
    return applying(verdicts), verdict_provenance(verdicts)


def applying(verdicts: list[LawVerdict]) -> list[str]:
    """Ids of the laws whose verdict is 'applies' (voluntary frameworks never are)."""
    return [v.id for v in verdicts if v.verdict == "applies"]


def verdict_provenance(verdicts: list[LawVerdict]) -> dict[str, FieldSource]:
    """Why each applying law applies, as `jurisdictions:<id>` provenance entries."""
    return {
        f"jurisdictions:{v.id}": FieldSource(source="assumed", evidence=f"{v.name} applies: {' '.join(v.reasons)}")
        for v in verdicts
        if v.verdict == "applies"
    }


@lru_cache(maxsize=1024)
def own_laws(codes: frozenset[str]) -> frozenset[str]:
    """Laws of these places alone (every place a law reaches is among the codes): California's Delete Act for
    {'US', 'US-CA'}, not the GDPR for {'DE'}. They answer for their place as its place layer does."""
    return frozenset(spec.id for spec in _binding_laws() if spec.places and set(spec.places) <= codes)


def subnational_laws() -> frozenset[str]:
    """Laws of one state or province only (every place they reach is a subdivision such as 'US-CA'): they answer
    a question about that place, not a question that names no place."""
    return frozenset(spec.id for spec in _binding_laws() if spec.places and all("-" in p for p in spec.places))
