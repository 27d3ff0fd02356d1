"""Which question to ask next: the missing fact that most changes the plan, in a fixed order of value."""

from __future__ import annotations

from agent.schemas import BusinessProfile

# (slot, question). Location decides the law, industry and goals decide the use cases, size and budget
# decide what is affordable, systems decide feasibility.
SLOTS: list[tuple[str, str]] = [
    (
        "locations",
        "Where is the business based, and where are your customers (country, and state if in the US)?",
    ),
    ("industry", "What does the business do? (for example bakery, dental practice, web shop, law firm)"),
    (
        "goals",
        "What should AI help with most? Name one to three results, e.g. less waste, fewer no-shows, "
        "faster replies to customers, less admin.",
    ),
    ("headcount", "How many people work in the business?"),
    ("budget", "Roughly what can you spend on AI in the first year? A range is fine, e.g. 5,000-10,000 EUR."),
    (
        "systems",
        "Which systems hold your data today? For example a till/POS, booking system, accounting software, "
        "CRM, Shopify, or spreadsheets.",
    ),
    (
        "data_held",
        "Do you hold any sensitive data about people, such as health, children's, biometric or financial data?",
    ),
    ("deadline", "Is there a date by which you want the first results (e.g. before Christmas, by March)?"),
]
MAX_QUESTIONS = 8
# Enough to draft something specific; the rest are asked only while they are missing and not skipped.
REQUIRED = ("locations", "industry", "goals", "headcount", "budget", "systems")


def is_known(profile: BusinessProfile, slot: str) -> bool:
    """A slot counts as known when it has a value (goals also count when pain points were described)."""
    if slot == "goals":
        return bool(profile.goals or profile.pain_points)
    return profile.known(slot)


def next_question(profile: BusinessProfile, asked: list[str], skipped: list[str]) -> tuple[str, str] | None:
    """The next (slot, question), or None when it is time to draft."""
    if len(asked) >= MAX_QUESTIONS:
        return None
    for slot, question in SLOTS:
        if slot not in REQUIRED:
            continue
        if not is_known(profile, slot) and slot not in skipped and slot not in asked:
            return slot, question
    return None
