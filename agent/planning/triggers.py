"""Compliance triggers: what a business (its data, systems, goals) and a use case set off."""

from __future__ import annotations

from agent.profile.places import eea_countries
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
    for practice in profile.data_practices:  # a practice is a trigger itself, and may set off broader ones
        out.update([practice, *_PRACTICE_TRIGGERS.get(practice, [])])
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
    return out | practice_triggers(profile)


_HEALTH_PROVIDERS = frozenset({"dental", "medical-clinic", "pharmacy", "care-home"})
_OUTREACH_GOALS = frozenset({"reduce-no-shows", "improve-marketing", "retain-customers", "increase-revenue"})


def practice_triggers(profile: BusinessProfile) -> set[str]:
    """Triggers for practices that specific laws turn on (AI in hiring, automated calls and texts, call
    recording, patient messages, connected devices, serving the EU from outside it), read from profile facts."""
    out: set[str] = set()
    systems, goals = set(profile.systems), set(profile.goals)
    if "hire-faster" in goals or profile.industry == "recruitment" or "ats" in systems:
        out.add("hiring-ai")  # Title VII, FEHA, IHRA, Ontario ESA, AI Act Annex III 4, GDPR Art. 22
    if "reduce-no-shows" in goals or ("telephony" in systems and goals & _OUTREACH_GOALS):
        out.add("ai-calls-or-texts")  # reminders and outreach by automated call or text: TCPA, CASL, Spam Act
    if "telephony" in systems:
        out.add("records-calls")  # AI on the phone line records or transcribes: CIPA all-party consent
    if profile.industry in _HEALTH_PROVIDERS:
        out.add("patient-communications")  # AB 3030, TRAIGA, SB 1188
    if "iot-sensors" in systems:
        out.add("connected-products")  # EU Data Act
    countries = profile.countries()
    if "gdpr" in profile.jurisdictions and countries and not countries & eea_countries():
        out.add("non-eu-establishment")  # GDPR Art. 27 representative
    if "gdpr" in profile.jurisdictions and countries & eea_countries() and countries - eea_countries():
        out.add("international-transfer")  # an EEA business working with a place outside it: GDPR Chapter V
    return out


def implied_triggers(triggers: set[str]) -> set[str]:
    """Triggers with what they imply: an LLM vendor means an international transfer (most run in the US)."""
    return triggers | {t for trigger in triggers for t in _IMPLIED.get(trigger, ())}


_IMPLIED = {"llm-vendor": ("international-transfer",)}
