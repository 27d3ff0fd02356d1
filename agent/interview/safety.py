"""Bad input in a chat turn gets a clear reply and changes nothing already saved: a message too long to read,
a number no business has, a value the profile cannot hold. Reading never raises out of a turn."""

from __future__ import annotations

import re
from datetime import date

from pydantic import ValidationError

from agent.interview.intents import MAX_READ_CHARS
from agent.profile.language import detect_language
from agent.profile.update import update_profile
from agent.schemas import BusinessProfile

# Longer digit runs are no amount, headcount or date an owner means; reading them is wasted work.
_LONG_NUMBER = re.compile(r"\d[\d,.' ]{18,}\d")
_NEGATIVE_OR_ZERO_TEAM = re.compile(
    r"(?:^|[^\w.,])(-\s?\d+|0+)\s+(?:people|staff|employees|workers|members|colleagues|persons?)\b|"
    r"\b(?:team|staff|headcount|employees)\s+(?:of|is|are|=|:)?\s*(-\s?\d+|0+)(?![\d.,])",
    re.I,
)


def unreadable(text: str, chars: int | None = None) -> str | None:
    """Why a message cannot be read at all (the reply says so), or None when it can; chars is its length
    before it was shortened for saving."""
    chars = chars or len(text)
    if chars > MAX_READ_CHARS:
        return (
            f"That message is {chars:,} characters; I read messages of up to {MAX_READ_CHARS:,}. Nothing was "
            "changed. Please send the key facts in a few sentences (what you do, where, how many people, budget)."
        )
    if _LONG_NUMBER.search(text):
        return (
            "That message has a number with far more digits than any amount, team size or date. Nothing was "
            "changed. Could you give the figure again, e.g. '12 staff' or 'EUR 8,000'?"
        )
    match = _NEGATIVE_OR_ZERO_TEAM.search(text)
    if match:
        return (
            "A team needs at least one person, so I kept what I had. How many people work in the business, "
            "counting yourself?"
        )
    return None


def safe_update(
    profile: BusinessProfile, text: str, today: date, slot: str | None
) -> tuple[BusinessProfile, list[str], str | None]:
    """update_profile that never raises: on a value the profile cannot hold, the profile stays as it was and
    the third item explains why."""
    try:
        updated, changed = update_profile(profile, text, today, slot)
    except ValidationError as exc:
        fields = ", ".join(sorted({str(err["loc"][0]) for err in exc.errors() if err.get("loc")}))
        return profile, [], f"I could not use what you said about {fields or 'that'}; nothing was changed. "
    except (ValueError, OverflowError, RecursionError):
        return profile, [], "I could not read that message; nothing was changed. "
    return updated, changed, None


def foreign_language_note(text: str, understood: bool) -> str:
    """A note for a message in another language when nothing in it was understood (the reply says so)."""
    if understood:
        return ""
    letters = [c for c in text if c.isalpha()]
    non_latin = sum(1 for c in letters if ord(c) > 0x24F)  # beyond the Latin alphabets
    if (letters and non_latin / len(letters) > 0.3) or detect_language(text) != "English":
        return (
            "I could not find facts in that message: offline I read English best (and the common facts in "
            "German, French, Spanish, Italian and Dutch). Nothing was changed. "
        )
    return ""
