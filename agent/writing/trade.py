"""Trade wording as data: the words a plan template uses for this business's trade family, and the words of
other trades a draft must not carry (knowledge/lexicon/trade_phrases.yaml and trade_words.yaml)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from agent.config import PROJECT_ROOT

_LEXICON = PROJECT_ROOT / "knowledge" / "lexicon"


@lru_cache(maxsize=4)
def _load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def trade_families(industry: str | None) -> list[str]:
    """The trade families (dental, medicine, food, shop-floor...) an industry id belongs to."""
    return [name for name, family in _load(_LEXICON / "trade_words.yaml").items() if industry in family["industries"]]


def trade_phrases(industry: str | None) -> dict[str, str]:
    """Placeholder -> the words for this trade: its family's where one is given, else the default."""
    families = trade_families(industry)
    phrases = {}
    for placeholder, variants in _load(_LEXICON / "trade_phrases.yaml").items():
        family = next((f for f in variants if f in families), "default")
        phrases[placeholder] = str(variants[family])
    return phrases


def foreign_words(industry: str | None) -> tuple[str, ...]:
    """Words of the trade families this industry is not in (all of them when the trade is unknown)."""
    families = _load(_LEXICON / "trade_words.yaml").values()
    return tuple(w for family in families if industry not in family["industries"] for w in family["words"])
