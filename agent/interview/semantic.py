"""Nearest labelled examples: a chat message compared with the example phrasings in
knowledge/lexicon/intents.yaml by the local MiniLM embedder. The examples are embedded once per process."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def _examples(embedder: Embedder, cache_dir: Path | None) -> _Examples:
    data = intent_examples()
    fingerprint = hashlib.sha1(repr(sorted(data.items())).encode()).hexdigest()[:16]
    name = str(getattr(embedder, "name", type(embedder).__name__))
    with _lock:
        cached = _cache.get((name, fingerprint))
        if cached is None:
            labels = tuple(label for label, items in data.items() for _ in items)
            texts = [u for items in data.values() for u in items]
            cached = _Examples(labels, _vectors(embedder, texts, cache_dir, f"{name}-{fingerprint}"))
            _cache[(name, fingerprint)] = cached
    return cached


def _vectors(embedder: Embedder, texts: list[str], cache_dir: Path | None, key: str) -> np.ndarray:
    """The example vectors, from the file beside the index when present (a new process then skips embedding)."""
    path = cache_dir / f"intent-examples-{key}.npy" if cache_dir else None
    if path is not None and path.exists():
        vectors = np.load(path)
        if vectors.shape[0] == len(texts):
            return vectors
    vectors = np.asarray(embedder.embed(texts), dtype=np.float32)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npy")
        np.save(tmp, vectors)
        tmp.replace(path)  # atomic: a half-written file is never read
    return vectors


def nearest_intent(
    text: str, embedder: Embedder, allowed: set[str] | None = None, cache_dir: Path | None = None
) -> Vote | None:
    """The label of the nearest examples (similarity-weighted vote of the top five), optionally restricted;
    cache_dir keeps the example vectors between processes."""
    examples = _examples(embedder, cache_dir)
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


class LazyEmbedder:
    """The process-wide embedder of the settings, loaded only when a message needs the labelled examples."""

    def __init__(self, settings: Any) -> None:
        self._settings = settings
        self.name = f"shared-{settings.embedding_backend}"  # the cache key of the example vectors

    def embed(self, texts: list[str]) -> list[list[float]]:
        """Embed texts with the shared embedder."""
        from agent.retrieval.embeddings import shared_embedder

        embedder = shared_embedder(self._settings.embedding_backend, self._settings.index_dir / "models")
        return embedder.embed(texts)
