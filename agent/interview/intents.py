"""What a chat message wants. Precise rules decide where the wording leaves no doubt (a question mark, "undo",
an edit verb beside a named use case); otherwise the nearest labelled examples in
knowledge/lexicon/intents.yaml decide. A question never edits the plan, and an edit names what it changes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from agent.interview import rules
from agent.interview.naming import UseCaseName, named_use_cases
from agent.interview.semantic import nearest_intent
from agent.retrieval.embeddings import Embedder

# The route each label takes through the interview graph.
ROUTES = {
    "question": "ask",
    "new_facts": "inform",
    "correction": "inform",
    "edit_budget": "inform",
    "edit_deadline": "inform",
    "edit_add": "revise",
    "edit_drop": "revise",
    "edit_make_pilot": "revise",
    "redo_stage": "revise",
    "show_roadmap": "show",
    "draft": "draft",
    "undo": "undo",
    "small_talk": "chat",
}
LABELS = tuple(ROUTES)
# Read at most this much of a message: the facts an owner gives are in the first paragraphs, and reading is
# then bounded in time whatever is pasted.
MAX_READ_CHARS = 4_000
# The neighbours decide when one example is a close paraphrase, or when most of the nearest five agree.
_CLOSE_PARAPHRASE = 0.6
_MIN_SIMILARITY = 0.35
_MIN_SHARE = 0.5
_ASKS = re.compile(r"\b(?:whether|if|what|how|why|which|who|when|where|wonder)\b", re.I)
_NEEDS_A_NAME = {"edit_add", "edit_drop", "edit_make_pilot"}


@dataclass
class Intent:
    """The reading of one message: its label, the route it takes, and what an edit names."""

    kind: str  # route: "ask" | "revise" | "draft" | "inform" | "show" | "undo" | "chat"
    label: str = "new_facts"
    drop: list[str] = field(default_factory=list)
    add: list[str] = field(default_factory=list)
    pilot: str | None = None
    redo_stage: str | None = None


def make_intent(label: str, **named: object) -> Intent:
    """An Intent for a label, routed by ROUTES."""
    return Intent(ROUTES[label], label, **named)  # type: ignore[arg-type]


def read_intent(
    text: str,
    names: Sequence[UseCaseName],
    embedder: Embedder | None = None,
    stage_ids: Sequence[str] = (),
    cache_dir: Path | None = None,
) -> Intent:
    """Classify a message; names are the catalogue's use cases, stage_ids the roadmap's stages, cache_dir where
    the example vectors are kept between processes."""
    text = text.strip()[:MAX_READ_CHARS]
    if not text:
        return make_intent("small_talk")
    if rules.UNDO.search(text) or (len(text.split()) <= 4 and re.search(r"\bundo\b", text, re.I)):
        return make_intent("undo")
    edit = _edit(text, names)
    if rules.SHOW.search(text) and not edit:
        return make_intent("show_roadmap")
    if rules.is_question(text) and not (edit and rules.POLITE.search(text)):
        return make_intent("question")
    if edit:
        return edit
    stage = next((s for s in stage_ids if re.search(rf"\b{re.escape(s)}\b", text, re.I)), None)
    if rules.REDO.search(text):
        return make_intent("redo_stage", redo_stage=stage)
    if rules.DRAFT.search(text):
        return make_intent("draft")
    label = rules.fact_label(text) or _nearest(text, embedder, cache_dir) or "new_facts"
    return make_intent(label)


def _edit(text: str, names: Sequence[UseCaseName]) -> Intent | None:
    """Add / drop / make-pilot edits, clause by clause ("drop the chatbot and add review replies")."""
    add: list[str] = []
    drop: list[str] = []
    pilot: str | None = None
    verb: str | None = None  # "add the chatbot and the review replies": the verb carries to the next clause
    for clause in rules.clauses(text):
        verb = _verb(clause) or verb
        named = named_use_cases(clause, names)
        if not named or verb is None:
            continue
        if verb == "pilot":
            pilot = pilot or named[0]
        elif verb == "drop":
            drop += [n for n in named if n not in drop]
        else:
            add += [n for n in named if n not in add]
    if pilot:
        return make_intent("edit_make_pilot", pilot=pilot, add=[pilot], drop=[d for d in drop if d != pilot])
    if drop:
        return make_intent("edit_drop", drop=drop, add=[a for a in add if a not in drop])
    if add:
        return make_intent("edit_add", add=add)
    return None


def _verb(clause: str) -> str | None:
    if rules.PILOT.search(clause):
        return "pilot"
    if rules.DROP.search(clause):
        return "drop"
    if rules.ADD.search(clause):
        return "add"
    return None


def _nearest(text: str, embedder: Embedder | None, cache_dir: Path | None) -> str | None:
    """The label the nearest examples agree on, when they agree clearly (never an edit without a name)."""
    if embedder is None:
        return None
    vote = nearest_intent(text, embedder, cache_dir=cache_dir)
    if vote is None or vote.similarity < _MIN_SIMILARITY:
        return None
    if vote.similarity < _CLOSE_PARAPHRASE and vote.share < _MIN_SHARE:
        return None
    if vote.label in _NEEDS_A_NAME:
        return None
    if vote.label == "question" and not _ASKS.search(text):
        return None  # a statement that sounds like a question topic is still a statement
    return vote.label
