"""The word lists in knowledge/lexicon/, compiled into phrase matchers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from agent.config import PROJECT_ROOT

LEXICON_DIR = PROJECT_ROOT / "knowledge" / "lexicon"
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed: same safe load, faster


@dataclass(frozen=True)
class Match:
    """A phrase found in the text, with the vocabulary id it signals."""

    id: str
    phrase: str
    start: int
    end: int


class PhraseMatcher:
    """Finds whole-word phrases for many ids; longer phrases win where matches overlap."""

    def __init__(self, phrases: dict[str, list[str]]) -> None:
        pairs = sorted(((p.lower(), key) for key, words in phrases.items() for p in words), key=lambda x: -len(x[0]))
        self._pairs = pairs
        self._regex = (
            re.compile(r"(?<![\w-])(" + "|".join(re.escape(p) for p, _ in pairs) + r")(?![\w-])", re.IGNORECASE)
            if pairs
            else None
        )
        self._lookup: dict[str, str] = {}
        for phrase, key in pairs:
            self._lookup.setdefault(phrase, key)

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches in order of appearance."""
        if self._regex is None:
            return []
        return [
            Match(self._lookup[m.group(1).lower()], m.group(1), m.start(1), m.end(1))
            for m in self._regex.finditer(text)
        ]


@lru_cache(maxsize=8)
def load_yaml(name: str, root: Path = LEXICON_DIR) -> Any:
    """One lexicon file, parsed."""
    return yaml.load((root / f"{name}.yaml").read_text(encoding="utf-8"), Loader=SAFE_LOADER)


@lru_cache(maxsize=16)
def matcher(name: str) -> PhraseMatcher:
    """A matcher over one of the id -> phrases lexicon files (industries, goals, systems, data, skills)."""
    data = load_yaml(name)
    return PhraseMatcher({str(k): [str(w) for w in v] for k, v in data.items()})
