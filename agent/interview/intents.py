"""What a chat message wants: a compliance answer, a revision of the roadmap, or just more facts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agent.schemas import Roadmap

_QUESTION_START = re.compile(
    r"^\s*(do|does|did|can|could|should|must|may|what|how|is|are|am|when|which|who|whom|why|where|will|would|"
    r"need|have to)\b",
    re.I,
)
_LEGAL = re.compile(
    r"\b(gdpr|law|laws|legal|legally|lawful|consent|privacy|data protection|dpia|impact assessment|ai act|ccpa|"
    r"cpra|hipaa|pipeda|bipa|pecr|ico|regulat\w*|comply|compliance|compliant|allowed|permitted|fine|fines|"
    r"penalt\w*|breach|cookie\w*|rights?|disclos\w*|transparen\w*|dpa|processor|controller|baa|opt[- ]out|"
    r"retention|transfer\w*|article|art\.|annex|high-risk|prohibited|literacy|notice|audit|agreement|contract|"
    r"liab\w*|personal data|sensitive|biometric\w*|tell (?:our |the )?(?:customers|clients|patients|staff|users))\b",
    re.I,
)
_DROP = re.compile(r"\b(drop|remove|delete|skip|forget|without|no more|don'?t want|do not want|get rid of|cut)\b", re.I)
_ADD = re.compile(r"\b(add|include|also want|also like|want to try|interested in|consider|how about)\b", re.I)
# A verb and, somewhere after it, its object: two linear searches (one pattern with ".*" between them is
# quadratic on a long message that repeats the verb).
_REDO = (
    re.compile(r"\b(redo|rework|regenerate|redraft|rewrite|revise|update|refresh)\b", re.I),
    re.compile(r"\b(stage|plan|roadmap|draft|section)\b", re.I),
)
# "What if our budget were 8k?" is a change to try, not a question for the knowledge base.
_WHAT_IF = re.compile(r"^\s*(what if|how about|what about|could you|can you|would you|please)\b", re.I)
_DRAFT = (
    re.compile(r"\b(draft|make|create|generate|show|build|write)\b", re.I),
    re.compile(r"\b(roadmap|plan)\b", re.I),
)
# Words too generic to identify a use case on their own.
_GENERIC = {
    "assistant",
    "management",
    "generation",
    "content",
    "data",
    "ai",
    "customer",
    "service",
    "the",
    "optimisation",
    "prediction",
    "processing",
    "review",
    "and",
}


@dataclass
class Intent:
    """The reading of one message."""

    kind: str  # "ask" | "revise" | "draft" | "inform"
    drop: list[str] = field(default_factory=list)
    add: list[str] = field(default_factory=list)
    redo_stage: str | None = None


def read_intent(text: str, roadmap: Roadmap | None, catalogue_ids: list[str]) -> Intent:
    """Classify a message; revisions only make sense once there is a roadmap. Questions on law come first
    ("can we keep the chatbot without consent?" is a question, not a request to drop it); any other plain
    question goes to the answerer too, which says so when the knowledge base does not cover it."""
    if _is_compliance_question(text):
        return Intent("ask")
    if roadmap is not None:
        current = [u.id for u in roadmap.use_cases]
        if _DROP.search(text):
            dropped = _mentioned(text, current) or _mentioned(text, catalogue_ids)
            if dropped:
                return Intent("revise", drop=dropped)
        if _ADD.search(text):
            added = _mentioned(text, catalogue_ids)
            if added:
                return Intent("revise", add=added)
        if _in_order(_REDO, text):
            stage = next((s.id for s in roadmap.stages if re.search(rf"\b{s.id}\b", text, re.I)), None)
            return Intent("revise", redo_stage=stage)
    if _in_order(_DRAFT, text):
        return Intent("draft")
    if text.strip().endswith("?") and not _WHAT_IF.search(text):
        return Intent("ask")
    return Intent("inform")


def _in_order(patterns: tuple[re.Pattern[str], re.Pattern[str]], text: str) -> bool:
    """Whether the first pattern occurs and the second occurs after it."""
    first = patterns[0].search(text)
    return bool(first and patterns[1].search(text, first.end()))


def _is_compliance_question(text: str) -> bool:
    stripped = text.strip()
    asks = stripped.endswith("?") or bool(_QUESTION_START.search(stripped))
    return asks and bool(_LEGAL.search(stripped))


def _mentioned(text: str, ids: list[str]) -> list[str]:
    lower = text.lower()
    found = []
    for use_case_id in ids:
        words = [w for w in use_case_id.split("-") if w not in _GENERIC and len(w) > 2]
        if words and any(re.search(rf"\b{re.escape(w)}s?\b", lower) for w in words):
            found.append(use_case_id)
    return found
