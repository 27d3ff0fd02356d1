"""Requests the planner refuses to plan (prohibited or unwise AI practices), read from the lexicon."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from agent.profile.lexicon import PhraseMatcher, load_yaml


@dataclass(frozen=True)
class RedFlag:
    """A practice the plan leaves out, with why."""

    id: str
    message: str
    ref: str
    phrases: tuple[str, ...]


@lru_cache(maxsize=1)
def red_flags() -> dict[str, RedFlag]:
    """All red flags by id."""
    data = load_yaml("red_flags")
    return {
        key: RedFlag(key, str(v["message"]), str(v["ref"]), tuple(str(p).lower() for p in v["phrases"]))
        for key, v in data.items()
    }


def find_red_flags(text: str) -> list[RedFlag]:
    """Red flags a text asks for."""
    flags = red_flags()
    matcher = PhraseMatcher({k: list(f.phrases) for k, f in flags.items()})
    return [flags[i] for i in dict.fromkeys(m.id for m in matcher.find(text))]
