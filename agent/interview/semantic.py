"""Nearest labelled examples: a chat message compared with the example phrasings in
knowledge/lexicon/intents.yaml by the local MiniLM embedder. The examples are embedded once per process."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass

import numpy as np

from agent.profile.lexicon import load_yaml
from agent.retrieval.embeddings import Embedder

_TOP_K = 5
_lock = threading.Lock()
_cache: dict[tuple[str, str], _Examples] = {}


@dataclass(frozen=True)
class _Examples:
    labels: tuple[str, ...]
    vectors: np.ndarray


@dataclass(frozen=True)
class Vote:
    """The label the nearest examples agree on, its weighted share of the vote and the best similarity."""

    label: str
    share: float
    similarity: float


def intent_examples() -> dict[str, list[str]]:
    """The labelled example phrasings, label -> utterances."""
    data = load_yaml("intents") or {}
    return {str(label): [str(u) for u in utterances] for label, utterances in data.items()}


def _examples(embedder: Embedder) -> _Examples:
    data = intent_examples()
    fingerprint = hashlib.sha1(repr(sorted(data.items())).encode()).hexdigest()
    key = (getattr(embedder, "name", type(embedder).__name__), fingerprint)
    with _lock:
        cached = _cache.get(key)
        if cached is None:
            labels = tuple(label for label, items in data.items() for _ in items)
            texts = [u for items in data.values() for u in items]
            cached = _Examples(labels, np.asarray(embedder.embed(texts), dtype=np.float32))
            _cache[key] = cached
    return cached


def nearest_intent(text: str, embedder: Embedder, allowed: set[str] | None = None) -> Vote | None:
    """The label of the nearest examples (similarity-weighted vote of the top five), optionally restricted."""
    examples = _examples(embedder)
    query = np.asarray(embedder.embed([text])[0], dtype=np.float32)
    sims = examples.vectors @ query
    order = [i for i in np.argsort(-sims) if allowed is None or examples.labels[i] in allowed][:_TOP_K]
    if not order:
        return None
    weights: dict[str, float] = {}
    for i in order:
        weights[examples.labels[i]] = weights.get(examples.labels[i], 0.0) + max(float(sims[i]), 0.0)
    label = max(weights, key=lambda k: weights[k])
    total = sum(weights.values()) or 1.0
    best = max(float(sims[i]) for i in order if examples.labels[i] == label)
    return Vote(label, weights[label] / total, best)
