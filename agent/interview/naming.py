"""Which use cases a chat message names: "the no-show reminders", "the AI phone receptionist", "product
description drafting". Names come from the catalogue (id, title) and the owner phrasings in
knowledge/lexicon/use_cases.yaml, so a new use case file is recognised without code."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from agent.profile.lexicon import load_yaml

# Words too generic to name a use case on their own ("the AI assistant for customer data").
_GENERIC = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "for",
        "in",
        "on",
        "to",
        "with",
        "from",
        "our",
        "your",
        "my",
        "we",
        "ai",
        "tool",
        "tools",
        "assistant",
        "management",
        "generation",
        "content",
        "data",
        "customer",
        "customers",
        "service",
        "services",
        "optimisation",
        "optimization",
        "prediction",
        "processing",
        "review",
        "idea",
        "ideas",
        "thing",
        "part",
        "plan",
        "project",
        "pilot",
        "drafting",
        "draft",
        "smart",
        "online",
        "web",
        "shop",
        "first",
        "within",
        "own",
        "common",
        "questions",
        "suggested",
    ]
)
_DETERMINER = re.compile(r"\b(?:the|that|this|those|these)\b")
_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class UseCaseName:
    """The words and phrasings that name one use case."""

    id: str
    words: frozenset[str]
    phrases: tuple[str, ...]


def stem(word: str) -> str:
    """A crude singular: 'reminders' -> 'reminder', 'replies' -> 'reply' (names are matched loosely)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _words(text: str) -> set[str]:
    out: set[str] = set()
    for token in _TOKEN.findall(text.lower()):
        out.add(stem(token))
        if "-" in token:  # "cash-flow" also matches "cash flow"; "no-show" stays whole (its parts are too vague)
            out.update(stem(p) for p in token.split("-") if len(p) > 3)
    return {w for w in out if w not in _GENERIC and len(w) > 2}


@lru_cache(maxsize=8)
def use_case_names(entries: tuple[tuple[str, str], ...]) -> tuple[UseCaseName, ...]:
    """Names for (id, title) pairs, with the lexicon's phrasings."""
    lexicon = load_yaml("use_cases") or {}
    names = []
    for use_case_id, title in entries:
        phrases = tuple(str(p).lower() for p in lexicon.get(use_case_id, []))
        words = _words(use_case_id.replace("-", " ") + " " + title)
        names.append(UseCaseName(use_case_id, frozenset(words), phrases))
    return tuple(names)


def named_use_cases(text: str, names: Iterable[UseCaseName]) -> list[str]:
    """Ids of the use cases the text names, best match first; a phrasing counts double, and a single shared
    word counts only when no use case shares more."""
    lower = text.lower()
    said = _words(lower)
    scored: list[tuple[float, str]] = []
    for name in names:
        phrase_hits = sum(1 for p in name.phrases if re.search(rf"(?<![\w-]){re.escape(p)}s?(?![\w-])", lower))
        word_hits = len(said & name.words)
        score = 2.0 * phrase_hits + word_hits
        if score > 0:
            scored.append((score, name.id))
    if not scored:
        return []
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    best = scored[0][0]
    if best < 2 and not _DETERMINER.search(lower):
        return []  # one loose word ("cut missed appointments") names nothing unless pointed at ("the bookkeeping one")
    # Keep the clear winners: everything within one point of the best, and never a lone weak word beside them.
    return [uid for score, uid in scored if score >= max(best - 0.5, 1.0)]
