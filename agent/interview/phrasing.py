"""With a model, the next interview question is phrased for this business and in the owner's language.

The graph still decides which fact to ask for (the slot); the model only words the question. Anything that does
not look like one short question falls back to the standard wording, so a model can never derail the interview.
"""

from __future__ import annotations

from typing import Any

from agent.llm import Usage
from agent.prompts import render
from agent.schemas import BusinessProfile

MAX_QUESTION_CHARS = 300
# What each slot is for, told to the model so it asks for that fact and nothing else.
NEEDS = {
    "locations": "where the business and its customers are (country, and US state if any): it decides which laws apply",
    "industry": "what the business does",
    "goals": "the one to three results the owner wants most from AI",
    "headcount": "how many people work in the business",
    "budget": "roughly what the owner can spend on AI in the first year, with the currency",
    "systems": "which software or systems hold the business's data today",
    "data_held": "whether the business holds sensitive data about people (health, children, biometric, financial)",
    "deadline": "the date by which the owner wants first results",
}


def phrase_question(
    model: Any, slot: str, standard: str, profile: BusinessProfile, last_message: str, usage: Usage
) -> str:
    """The question for slot in the model's wording, or the standard wording if the model fails or strays."""
    if usage.exhausted:
        return standard
    prompt = render(
        "next_question", need=NEEDS[slot], standard=standard, known=_known(profile), last_message=last_message
    )
    try:
        reply = model.invoke([("human", prompt)])
    except Exception:  # the standard wording is always a good question
        return standard
    usage.add(reply)
    return usable_question(str(reply.content)) or standard


def usable_question(text: str) -> str | None:
    """The reply if it reads as one short question; None otherwise."""
    text = text.strip().strip('"“”').strip()
    lines = [line for line in text.splitlines() if line.strip()]
    if not text or len(text) > MAX_QUESTION_CHARS or len(lines) > 1 or "?" not in text:
        return None
    if any(mark in text for mark in ("http://", "https://", "<", "{", "[")):
        return None
    return text


def _known(profile: BusinessProfile) -> list[str]:
    facts = []
    if profile.industry:
        facts.append(f"industry: {profile.industry}")
    if profile.name:
        facts.append(f"name: {profile.name}")
    if profile.locations:
        places = [", ".join(part for part in (loc.city, loc.region, loc.country) if part) for loc in profile.locations]
        facts.append("based in: " + "; ".join(places))
    if profile.systems:
        facts.append("systems: " + ", ".join(profile.systems))
    if profile.goals:
        facts.append("goals: " + ", ".join(profile.goals))
    return facts
