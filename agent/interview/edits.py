"""Edits the owner names in a chat turn, applied to the profile, and the undo history that takes them back.
An edit changes only what it names: adding a use case removes nothing, making one the pilot keeps the rest."""

from __future__ import annotations

from typing import Any

from agent.interview.intents import Intent
from agent.schemas import BusinessProfile

MAX_UNDO = 10


def apply_edits(profile: BusinessProfile, intent: Intent) -> BusinessProfile:
    """The profile with the intent's drops, additions and pilot choice applied."""
    requested = [u for u in profile.requested_use_cases if u not in intent.drop]
    requested += [u for u in intent.add if u not in requested]
    excluded = [u for u in profile.excluded_use_cases if u not in intent.add]
    excluded += [u for u in intent.drop if u not in excluded]
    pilot = intent.pilot or profile.pilot_use_case
    if pilot in intent.drop:
        pilot = None
    return profile.model_copy(
        update={"requested_use_cases": requested, "excluded_use_cases": excluded, "pilot_use_case": pilot}
    )


def keep_pilot(profile: BusinessProfile, pilot_id: str | None, intent: Intent) -> BusinessProfile:
    """Pin the current pilot while another use case is added or dropped, so that edit does not move it."""
    if (
        profile.pilot_use_case
        or not pilot_id
        or pilot_id in intent.drop
        or intent.label not in ("edit_add", "edit_drop")
    ):
        return profile
    return profile.model_copy(update={"pilot_use_case": pilot_id})


def push_undo(history: list[dict[str, Any]], profile: dict[str, Any], versions: int, note: str) -> list[dict[str, Any]]:
    """The undo history with the state before this turn's change on top (at most MAX_UNDO kept)."""
    return [*history, {"profile": profile, "versions": versions, "note": note}][-MAX_UNDO:]


def names_of(ids: list[str], titles: dict[str, str]) -> str:
    """'A, B and C' from use-case ids, by their catalogue titles."""
    names = [titles.get(i, i.replace("-", " ")) for i in ids]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def confirmation(intent: Intent, titles: dict[str, str]) -> str:
    """The sentence that confirms an edit, with the way back for the ones that take something away."""
    if intent.label == "edit_drop":
        return f"Dropped {names_of(intent.drop, titles)} from the plan (say 'undo' to bring it back). "
    if intent.label == "edit_make_pilot" and intent.pilot:
        return f"Made {names_of([intent.pilot], titles)} the pilot. "
    if intent.label == "edit_add":
        return f"Added {names_of(intent.add, titles)}. "
    return ""
