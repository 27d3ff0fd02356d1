"""The first step of a chat turn: read the message into an intent and the profile. A question, "undo" and
"show me the roadmap" leave the profile alone; facts are merged (a trade only when the owner states it); edits
change what they name; anything that changes the profile leaves an undo point."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from agent.interview.edits import apply_edits, confirmation, keep_pilot, push_undo
from agent.interview.intents import Intent, make_intent, read_intent
from agent.interview.naming import UseCaseName
from agent.interview.safety import foreign_language_note, safe_update, unreadable
from agent.interview.trade import guard_trade
from agent.profile.update import is_skip, record_skip
from agent.retrieval.embeddings import Embedder
from agent.schemas import BusinessProfile

ModelReading = Callable[[BusinessProfile, str], BusinessProfile]


@dataclass(frozen=True)
class TurnContext:
    """What reading a turn needs besides the state: the catalogue's names and titles, the embedder."""

    names: Sequence[UseCaseName]
    titles: dict[str, str]
    embedder: Embedder
    cache_dir: Path
    today: date | None = None


def latest_raw(state: Any) -> dict[str, Any] | None:
    """The latest roadmap as saved (not re-validated: that costs time on every turn), or None."""
    versions = state.get("versions") or []
    return dict(versions[-1]["roadmap"]) if versions else None


def read_turn(state: dict[str, Any], ctx: TurnContext, model_reading: ModelReading) -> dict[str, Any]:
    """The state update of the understand step: profile, asked/skipped slots, undo history and the intent."""
    message = state["messages"][-1]
    text = message["content"]
    problem = unreadable(text, message.get("chars"))
    if problem:  # nothing is read from it, so nothing saved can change
        return {"intent": {**make_intent("small_talk").__dict__, "kind": "reject", "note": problem}}
    roadmap = latest_raw(state)
    slot = state.get("pending_slot")
    # A reply to an open question is read by the rules alone: it answers the question unless it plainly asks,
    # edits or undoes something, so the embedder is not needed (and not loaded) for it.
    embedder = None if slot and roadmap is None else ctx.embedder
    stages = [str(s["id"]) for s in roadmap["stages"]] if roadmap else []
    intent = read_intent(text, ctx.names, embedder, stages, ctx.cache_dir)
    before = BusinessProfile.model_validate(state.get("profile") or {})
    asked, skipped = list(state.get("asked", [])), list(state.get("skipped", []))
    profile, note = before, ""
    changed: list[str] = []
    if intent.kind not in ("ask", "undo", "show"):
        if slot and is_skip(text):
            skipped.append(slot)
            profile = record_skip(profile, slot)
        else:
            profile, changed, note, intent = _read_facts(before, text, slot, intent, ctx, model_reading)
        if intent.kind == "revise":
            pilot = str(roadmap["use_cases"][0]["id"]) if roadmap and roadmap["use_cases"] else None
            profile = apply_edits(keep_pilot(profile, pilot, intent), intent)
            note += confirmation(intent, ctx.titles)
        if intent.kind == "chat" and changed:
            intent = make_intent("new_facts")
        if roadmap is not None and intent.kind == "inform" and changed:
            intent.kind = "revise"
    history = list(state.get("undo", []))
    if profile != before:
        history = push_undo(history, before.model_dump(mode="json"), len(state.get("versions", [])), note)
    return {
        "profile": profile.model_dump(mode="json"),
        "asked": asked,
        "skipped": skipped,
        "undo": history,
        "intent": {**intent.__dict__, "changed": changed, "note": note},
    }


def _read_facts(
    before: BusinessProfile, text: str, slot: str | None, intent: Intent, ctx: TurnContext, model_reading: ModelReading
) -> tuple[BusinessProfile, list[str], str, Intent]:
    """Facts merged into the profile, with the trade guarded; a denied trade turns the turn into its question."""
    profile, changed, problem = safe_update(before, text, ctx.today or date.today(), slot)
    profile, trade_change = guard_trade(before, profile, text, slot)
    note = (problem or "") + _trade_note(before, profile, trade_change)
    if trade_change == "removed":
        intent = make_intent("correction")
        intent.kind = "ask_trade"
    changed = _changed(before, profile, changed)
    profile = model_reading(profile, text)
    foreign = foreign_language_note(text, bool(changed) or intent.label != "new_facts")
    if foreign:  # nothing was understood, so nothing (not even the description) is kept
        return before, [], note + foreign, intent
    return profile, changed, note, intent


def _changed(before: BusinessProfile, after: BusinessProfile, changed: list[str]) -> list[str]:
    """The changed fields, after the trade guard may have put the trade back."""
    names = [c for c in changed if c not in ("industry", "industry_label")]
    if before.industry != after.industry:
        names.append("industry")
    return names


def _trade_note(before: BusinessProfile, after: BusinessProfile, change: str | None) -> str:
    if change == "removed":
        return f"Understood, you are not {_trade(before)}: I removed that trade (say 'undo' to restore it). "
    if change == "kept":
        return f"Understood; your trade stays {_trade(after)}. "
    if change == "changed":
        return f"Changed your trade to {_trade(after)} (was {_trade(before)}; say 'undo' to change it back). "
    return ""


def _trade(profile: BusinessProfile) -> str:
    return (profile.industry_label or profile.industry or "not given").replace("-", " ")
