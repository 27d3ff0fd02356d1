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


def profile_triggers(profile: BusinessProfile) -> set[str]:
    """Triggers that follow from the business itself, before any use case is chosen."""
    out: set[str] = set()
    if profile.data_held or profile.serves_consumers:
        out.add("personal-data")
    for category in profile.data_held:
        out.update(_DATA_TRIGGERS.get(category, []))
    if "email-marketing" in profile.systems or (
        "improve-marketing" in profile.goals and ("contact" in profile.data_held or profile.serves_consumers)
    ):
        out.add("direct-marketing")
    if profile.sells_online or {"website", "ecommerce-platform"} & set(profile.systems):
        out.add("cookies-tracking")
    if "cctv" in profile.systems:
        out.add("cctv-video")
    return out
