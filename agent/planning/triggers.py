"""Compliance triggers: what a business (its data, systems, goals) and a use case set off."""

from __future__ import annotations

from agent.schemas import BusinessProfile

#: Use-case triggers for the EU AI Act's Annex III high-risk areas.
HIGH_RISK = frozenset(
    {"annex-iii-employment", "annex-iii-credit", "annex-iii-education", "annex-iii-essential-services"}
)

_DATA_TRIGGERS = {
    "health": ["special-category-data", "health-data"],
    "biometric": ["special-category-data", "biometric-data"],
    "special-category": ["special-category-data"],
    "children": ["childrens-data"],
    "financial": ["financial-data"],
    "employee": ["employee-data"],
    "candidate": ["candidate-data"],
    "video": ["cctv-video"],
}

# What the business does with data sets off duties of its own: selling or sharing for ads (CCPA opt-out links,
# TDPSA assessments), recording calls (consent to record), automated calls and texts (marketing-call rules).
_PRACTICE_TRIGGERS = {
    "sells-data": ["sale-or-sharing", "personal-data"],
    "buys-data": ["personal-data"],
    "ad-tracking": ["sale-or-sharing", "cookies-tracking", "profiling"],
    "records-calls": ["call-recording", "personal-data"],
    "ai-calls-or-texts": ["automated-calls"],
    "cold-email": ["direct-marketing"],
    "personalised-pricing": ["profiling"],
    "processes-client-data": ["service-provider", "personal-data"],
}


def profile_triggers(profile: BusinessProfile) -> set[str]:
    """Triggers that follow from the business itself, before any use case is chosen."""
    out: set[str] = set()
    if profile.data_held or profile.serves_consumers:
        out.add("personal-data")
    for category in profile.data_held:
        out.update(_DATA_TRIGGERS.get(category, []))
    for practice in profile.data_practices:
        out.update(_PRACTICE_TRIGGERS.get(practice, []))
    if "email-marketing" in profile.systems or (
        "improve-marketing" in profile.goals and ("contact" in profile.data_held or profile.serves_consumers)
    ):
        out.add("direct-marketing")
    if profile.sells_online or {"website", "ecommerce-platform"} & set(profile.systems):
        out.add("cookies-tracking")
    if "cctv" in profile.systems:
        out.add("cctv-video")
    # How a law reaches the business brings duties of its own: from abroad, a representative (GDPR Art. 27,
    # "gdpr:from-abroad"); established there, the home regulator's fee ("uk-gdpr:established").
    for v in profile.laws_considered:
        if v.verdict == "applies":
            out.add(f"{v.id}:{'from-abroad' if v.by_market else 'established'}")
    return out


def implied_triggers(triggers: set[str]) -> set[str]:
    """Triggers with what they imply: an LLM vendor means an international transfer (most run in the US)."""
    return triggers | {t for trigger in triggers for t in _IMPLIED.get(trigger, ())}


_IMPLIED = {"llm-vendor": ("international-transfer",)}
