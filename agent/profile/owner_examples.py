"""Labelled owner sentences (knowledge/lexicon/owner_examples.yaml): what the wish reader learns from beside the
catalogue's own phrasings. A sentence with exactly one use-case ask and no risky wish teaches that use case; a
sentence that asks for no catalogue use case teaches the classifier's NONE class."""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from agent.config import PROJECT_ROOT, get_settings
from agent.profile.lexicon import SAFE_LOADER

EXAMPLES = PROJECT_ROOT / "knowledge" / "lexicon" / "owner_examples.yaml"
NONE = "none"  # the classifier's class of sentences that ask for no catalogue use case
# The tuned model's class of an ask the catalogue lacks ("cut the long videos into clips"): taught as NONE, such a
# sentence told the model that an ask in words it had not seen is no ask at all.
CUSTOM = "custom"


@lru_cache(maxsize=4)
def owner_examples(path: Path = EXAMPLES) -> tuple[dict[str, Any], ...]:
    """The labelled sentences, in file order (each with `text`, `wishes` and optional `risky`, `constraints`,
    `also_ok`)."""
    # Even libyaml takes half a second for 3,400 sentences, a sixth of a cold draft; the parsed file is kept as JSON
    # beside the index, keyed by the file's hash, and reads in a few milliseconds.
    raw = path.read_bytes()
    cached = get_settings().index_dir / "parsed" / f"{path.stem}-{hashlib.sha256(raw).hexdigest()[:16]}.json"
    try:
        return tuple(json.loads(cached.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        pass
    examples = yaml.load(raw.decode("utf-8"), Loader=SAFE_LOADER) or []
    _keep(cached, examples)
    return tuple(examples)


def _keep(cached: Path, examples: list[dict[str, Any]]) -> None:
    """Write the parsed examples whole or not at all (a read-only data folder only costs the speed-up)."""
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(examples, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, cached)
    except (OSError, TypeError, ValueError):
        pass


def use_case_examples(examples: tuple[dict[str, Any], ...] | list[dict[str, Any]]) -> dict[str, list[str]]:
    """Per use case, the sentences that ask for it alone: a sentence with several asks or a risky wish would
    pull one ask's words toward another, and a custom ask names no use case."""
    out: dict[str, list[str]] = {}
    for example in examples:
        asks = _use_cases(example)
        if len(asks) == 1 and not example.get("risky") and not _custom(example):
            out.setdefault(asks[0], []).append(str(example["text"]))
    return out


def none_examples(examples: tuple[dict[str, Any], ...] | list[dict[str, Any]]) -> list[str]:
    """Sentences that ask for no catalogue use case: facts, constraints, risky and custom asks."""
    return [str(e["text"]) for e in examples if not _use_cases(e)]


def with_examples(
    phrasings: dict[str, list[str]], examples: tuple[dict[str, Any], ...] | list[dict[str, Any]], none: bool
) -> dict[str, list[str]]:
    """Catalogue phrasings plus the examples of each use case (only of use cases the catalogue has), and the NONE
    class when asked for."""
    learnt = use_case_examples(examples)
    out = {uc: [*items, *learnt.get(uc, [])] for uc, items in phrasings.items()}
    if none:
        out[NONE] = none_examples(examples)
    return out


def _use_cases(example: dict[str, Any]) -> list[str]:
    return [str(w) for w in example.get("wishes") or () if not str(w).startswith("custom:")]


def _custom(example: dict[str, Any]) -> bool:
    return any(str(w).startswith("custom:") for w in example.get("wishes") or ())
