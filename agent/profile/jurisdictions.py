"""Which legal frameworks apply, from where the business is, whom it serves and what data it holds."""

from __future__ import annotations

from agent.profile.lexicon import load_yaml
from agent.profile.places import eea_countries, eu_countries
from agent.schemas import BusinessProfile, FieldSource

# CCPA's revenue threshold: USD 25 million in the statute, adjusted for inflation to USD 26,625,000
# from 1 January 2025 (Cal. Civ. Code § 1798.140(d)(1)(A); CPPA adjustment).
CCPA_REVENUE_THRESHOLD_USD = 26_625_000
CCPA_CONSUMER_THRESHOLD = 100_000
_HEALTH_PROVIDERS = {"dental", "medical-clinic", "pharmacy"}
_USD_PER = {"USD": 1.0, "EUR": 1.08, "GBP": 1.27, "CAD": 0.73, "CHF": 1.13, "AUD": 0.66}


# Where the knowledge base holds law, by place: the one map that says which places are covered.
EU_LAWS = frozenset({"gdpr", "eprivacy", "eu-ai-act", "eu-data-act", "eu-mdr"})
US_FEDERAL_LAWS = frozenset({"hipaa", "ftc-act", "tcpa", "can-spam", "ftc-hbnr", "us-eeo"})
US_STATE_LAWS = {
    "CA": frozenset({"ccpa", "cmia", "ca-ab3030", "cipa", "ca-delete-act", "ca-feha"}),
    "TX": frozenset({"tdpsa", "cubi", "traiga", "tx-data-broker", "tx-sb1188"}),
    "IL": frozenset({"bipa", "il-aivia", "il-hra"}),
    "CO": frozenset({"colorado-ai-act"}),
    "NY": frozenset({"nyc-ll144", "ny-pricing", "nyc-biometric"}),
}
COUNTRY_LAWS = {
    "GB": frozenset({"uk-gdpr", "pecr", "uk-equality-act", "uk-care"}),
    "CA": frozenset({"pipeda", "casl", "quebec-law25", "ontario-esa"}),
    "AU": frozenset({"au-privacy", "au-spam"}),
}
# Laws of one state or province: they answer a question about that place, not a question that names no place.
SUBNATIONAL_LAWS = frozenset().union(*US_STATE_LAWS.values(), {"quebec-law25", "ontario-esa"})


def countries_without_law(countries: set[str] | list[str]) -> list[str]:
    """Names of the countries among these whose law the knowledge base does not hold (Australia, Switzerland…)."""
    names = load_yaml("places")["countries"]
    held = eea_countries() | set(COUNTRY_LAWS) | {"US"}
    return [str(names[code][0]).title() for code in sorted(set(countries)) if code not in held and code in names]


def us_states_without_law(states: set[str] | list[str]) -> list[str]:
    """Names of the US states among these (two-letter codes) whose own laws the knowledge base does not hold."""
    names = load_yaml("places")["us_states"]
    return [str(names[code][0]).title() for code in sorted(set(states)) if code not in US_STATE_LAWS and code in names]


def derive_jurisdictions(profile: BusinessProfile, regions: set[str]) -> tuple[list[str], dict[str, FieldSource]]:
    """Framework ids that apply (or possibly apply), each with the reason, as provenance entries."""
    out: dict[str, str] = {}
    countries = profile.countries()
    us_regions = {loc.region for loc in profile.locations if loc.country == "US" and loc.region}
    cities = {(loc.city or "").lower() for loc in profile.locations}
    data = set(profile.data_held)

    if countries & eea_countries() or "eu" in regions:
        why = "based in the EU/EEA" if countries & eea_countries() else "offers goods or services to people in the EU"
        out["gdpr"] = f"GDPR applies: {why} (GDPR Art. 3)."
        out["eprivacy"] = "ePrivacy rules on cookies and e-mail marketing apply in the EU/EEA."
        if countries & eu_countries() or "eu" in regions:
            out["eu-ai-act"] = "EU AI Act applies to AI systems deployed or used in the EU (Art. 2)."
    if "GB" in countries:
        out["uk-gdpr"] = "UK GDPR and the Data Protection Act 2018 apply to a UK business."
        out["pecr"] = "PECR governs cookies and electronic marketing in the UK."
    if "CA" in us_regions or "california" in regions:
        verdict = _ccpa_verdict(profile)
        if verdict:
            out["ccpa"] = verdict
        if data & {"health"}:
            out["cmia"] = "California's CMIA protects medical information held by providers in California."
    if "US" in countries and (data & {"health"}) and profile.industry in _HEALTH_PROVIDERS:
        out["hipaa"] = "HIPAA applies to health care providers that bill insurers electronically (covered entities)."
    if "CO" in us_regions:
        out["colorado-ai-act"] = "Colorado AI Act covers deployers of high-risk AI in consequential decisions."
    if "TX" in us_regions:
        out["tdpsa"] = (
            "Texas TDPSA applies to businesses in Texas; SBA small businesses still need consent "
            "to sell sensitive data."
        )
        if "biometric" in data:
            out["cubi"] = "Texas CUBI governs capturing biometric identifiers."
    if "IL" in us_regions and "biometric" in data:
        out["bipa"] = "Illinois BIPA governs biometric identifiers and has a private right of action."
    if ("NY" in us_regions and cities & {"new york city", "nyc", "brooklyn", "manhattan", "queens"}) and (
        data & {"candidate"} or "hire-faster" in profile.goals
    ):
        out["nyc-ll144"] = "NYC Local Law 144 covers automated tools used to screen candidates for NYC jobs."
    if "CA" in countries:
        out["pipeda"] = "PIPEDA applies to private-sector businesses in Canada (Quebec has Law 25)."
    provenance = {f"jurisdictions:{j}": FieldSource(source="assumed", evidence=why) for j, why in out.items()}
    return list(out), provenance


def _ccpa_verdict(profile: BusinessProfile) -> str | None:
    revenue = _usd(profile)
    customers = profile.customer_count
    if revenue is not None and revenue > CCPA_REVENUE_THRESHOLD_USD:
        return f"CCPA applies: annual revenue above USD {CCPA_REVENUE_THRESHOLD_USD:,}."
    if customers is not None and customers >= CCPA_CONSUMER_THRESHOLD:
        return f"CCPA likely applies: personal information of {CCPA_CONSUMER_THRESHOLD:,}+ consumers."
    if revenue is not None and customers is not None:
        return None  # both thresholds known and not met (the 50 %-from-selling test is rare for small firms)
    return (
        "CCPA possibly applies: revenue or customer numbers unknown; it applies above USD 26,625,000 revenue, "
        "100,000 consumers, or 50 % of revenue from selling/sharing data."
    )


def _usd(profile: BusinessProfile) -> float | None:
    if profile.annual_revenue is None:
        return None
    return profile.annual_revenue.amount * _USD_PER.get(profile.annual_revenue.currency, 1.0)
