"""Scoring the chat intent reader on labelled owner messages: accuracy per split, the use cases an edit names,
and a confusion summary (which label was read as which)."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from agent.config import Settings
from agent.interview.intents import read_intent
from agent.interview.naming import use_case_names
from agent.planning.catalogue import load_catalogue
from agent.retrieval.embeddings import shared_embedder

DATASET = Path(__file__).parent / "datasets" / "intents" / "utterances.yaml"
THRESHOLDS = {"heldout_accuracy": 0.95, "heldout_use_case_accuracy": 0.9}
_STAGES = ("strategy", "data", "pilot", "validation", "scaling", "governance", "training", "monitoring")


def load_cases() -> list[dict[str, Any]]:
    """The labelled utterances."""
    return yaml.safe_load(DATASET.read_text(encoding="utf-8")) or []


def run(settings: Settings, quick: bool = False) -> dict[str, Any]:
    """Read every utterance and score it against its label, per split."""
    specs = load_catalogue(settings.knowledge_dir).use_cases
    names = use_case_names(tuple((u.id, u.title) for u in specs))
    embedder = shared_embedder(settings.embedding_backend, settings.index_dir / "models")
    cases = load_cases()
    scores: dict[str, Any] = {"cases": len(cases)}
    failures: list[str] = []
    timings: list[float] = []
    for split in ("dev", "heldout"):
        rows = [c for c in cases if c.get("split", "dev") == split]
        right = named_right = named_total = 0
        confusion: Counter[str] = Counter()
        for case in rows:
            start = time.perf_counter()
            intent = read_intent(case["text"], names, embedder, _STAGES)
            timings.append(time.perf_counter() - start)
            ok = intent.label == case["intent"]
            right += ok
            if not ok:
                confusion[f"{case['intent']} -> {intent.label}"] += 1
                failures.append(f"[{split}] {case['text']!r}: want {case['intent']}, got {intent.label}")
            wanted = case.get("use_cases")
            if wanted:
                named_total += 1
                got = set(intent.add) | set(intent.drop) | ({intent.pilot} if intent.pilot else set())
                named_right += set(wanted) <= got and ok
                if ok and not set(wanted) <= got:
                    failures.append(f"[{split}] {case['text']!r}: names {sorted(got)}, want {wanted}")
        scores[f"{split}_cases"] = len(rows)
        scores[f"{split}_accuracy"] = right / len(rows) if rows else 1.0
        scores[f"{split}_use_case_accuracy"] = named_right / named_total if named_total else 1.0
        scores[f"{split}_confusion"] = dict(confusion.most_common())
    timings.sort()
    scores["read_p95_ms"] = round(1000 * timings[int(0.95 * (len(timings) - 1))], 1) if timings else 0.0
    scores["thresholds"] = THRESHOLDS
    scores["passed"] = all(scores[name] >= limit for name, limit in THRESHOLDS.items())
    scores["failures"] = failures
    return scores
