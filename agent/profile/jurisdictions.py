"""Which laws apply: the verdicts of agent/laws as profile fields, and the map of places the knowledge base
holds law for (used by retrieval to push other places' laws down)."""

from __future__ import annotations

from agent.profile.lexicon import load_yaml
from agent.profile.places import eea_countries
from agent.schemas import BusinessProfile, FieldSource, LawVerdict

# Where the knowledge base holds law, by place: the one map that says which places are covered.
EU_LAWS = frozenset({"gdpr", "eprivacy", "eu-ai-act"})
US_FEDERAL_LAWS = frozenset({"hipaa"})
US_STATE_LAWS = {
    "CA": frozenset({"ccpa", "cmia"}),
    "TX": frozenset({"tdpsa", "cubi"}),
    "IL": frozenset({"bipa"}),
    "CO": frozenset({"colorado-ai-act"}),
    "NY": frozenset({"nyc-ll144", "ny-pricing"}),
}
COUNTRY_LAWS = {"GB": frozenset({"uk-gdpr", "pecr"}), "CA": frozenset({"pipeda"})}


def countries_without_law(countries: set[str] | list[str]) -> list[str]:
    """Names of the countries among these whose law the knowledge base does not hold (Switzerland…)."""
    names = load_yaml("places")["countries"]
    held = {code.split("-")[0] for code in _law_places()}
    return [str(names[code][0]).title() for code in sorted(set(countries)) if code not in held and code in names]


def us_states_without_law(states: set[str] | list[str]) -> list[str]:
    """Names of the US states among these (two-letter codes) whose own laws the knowledge base does not hold."""
    names = load_yaml("places")["us_states"]
    held = {code[3:] for code in _law_places() if code.startswith("US-")}
    return [str(names[code][0]).title() for code in sorted(set(states)) if code not in held and code in names]


def _law_places() -> set[str]:
    """Every place code some law in the knowledge base reaches, with the EU/EEA groups spelled out."""
    from agent.laws import law_specs  # lazily: retrieval imports this module, and the law loader imports retrieval

    codes = {p for spec in law_specs() if not spec.voluntary for p in spec.places}
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
