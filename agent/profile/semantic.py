"""Semantic matching: owner clauses against example phrasings kept in knowledge/, by MiniLM cosine similarity.

The phrasing vectors are computed once per process and cached on disk keyed by a hash of the phrasings and the
embedder, so a cold draft only embeds the few clauses of its own description (one batch, ~20-50 ms).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from agent.config import get_settings
from agent.retrieval.embeddings import Embedder, shared_embedder


@dataclass(frozen=True)
class SemanticHit:
    """The best-matching id for one clause: its similarity, the runner-up id's, and the phrasing it matched."""

    id: str
    score: float
    runner_up: float
    phrasing: str
    second: str = ""  # the runner-up id

    @property
    def margin(self) -> float:
        """How far the best id stands above the next one."""
        return self.score - self.runner_up


def reader_embedder() -> Embedder | None:
    """The process-wide MiniLM embedder, or None when the settings ask for the test hashing embedder
    (its bag-of-words vectors would not respect thresholds calibrated on MiniLM)."""
    settings = get_settings()
    if settings.embedding_backend == "hash":
        return None
    return shared_embedder(settings.embedding_backend, settings.index_dir / "models")


class PhrasingIndex:
    """Example phrasings per id, embedded lazily and cached on disk by content hash."""

    def __init__(self, name: str, phrasings: dict[str, list[str]]) -> None:
        self.name = name
        self._pairs = [(key, p) for key, items in sorted(phrasings.items()) for p in items if p.strip()]
        self._ids = sorted({key for key, _ in self._pairs})
        self._matrix: np.ndarray | None = None

    @property
    def ids(self) -> list[str]:
        """The ids this index can match."""
        return list(self._ids)

    def _vectors(self, embedder: Embedder) -> np.ndarray:
        if self._matrix is None:
            self._matrix = _cached_vectors(self.name, [p for _, p in self._pairs], embedder)
        return self._matrix

    def scores(self, clause_vectors: np.ndarray, embedder: Embedder) -> dict[str, np.ndarray]:
        """For each id, the best similarity of each clause to any of its phrasings."""
        if not self._pairs or not len(clause_vectors):
            return {}
        sims = clause_vectors @ self._vectors(embedder).T
        out: dict[str, np.ndarray] = {}
        for col, (key, _) in enumerate(self._pairs):
            out[key] = np.maximum(out[key], sims[:, col]) if key in out else sims[:, col].copy()
        return out

    def best(self, clause_vectors: np.ndarray, embedder: Embedder) -> list[SemanticHit | None]:
        """Per clause, the best id with its score and the runner-up score (None if the index is empty)."""
        if not self._pairs or not len(clause_vectors):
            return [None] * len(clause_vectors)
        sims = clause_vectors @ self._vectors(embedder).T
        hits: list[SemanticHit | None] = []
        for row in sims:
            per_id: dict[str, tuple[float, str]] = {}
            for col, (key, phrasing) in enumerate(self._pairs):
                if key not in per_id or row[col] > per_id[key][0]:
                    per_id[key] = (float(row[col]), phrasing)
            ranked = sorted(per_id.items(), key=lambda kv: -kv[1][0])
            runner, second = (ranked[1][1][0], ranked[1][0]) if len(ranked) > 1 else (0.0, "")
            hits.append(SemanticHit(ranked[0][0], ranked[0][1][0], runner, ranked[0][1][1], second))
        return hits


def embed_clauses(clauses: tuple[str, ...]) -> np.ndarray | None:
    """Clause vectors (one batch), or None when semantic matching is off."""
    embedder = reader_embedder()
    if embedder is None or not clauses:
        return None
    return _embed_cached(clauses, embedder.name)


@lru_cache(maxsize=32)
def _embed_cached(clauses: tuple[str, ...], _name: str) -> np.ndarray:
    # The trade, wish and risk readers all look at the same clauses of one description: embed them once.
    embedder = reader_embedder()
    assert embedder is not None
    return np.asarray(embedder.embed(list(clauses)), dtype=np.float32)


def _cached_vectors(name: str, texts: list[str], embedder: Embedder) -> np.ndarray:
    digest = hashlib.sha256(json.dumps([embedder.name, texts]).encode()).hexdigest()[:16]
    folder = get_settings().index_dir / "models"
    path = folder / f"phrasings-{name}-{digest}.npy"
    if path.exists():
        matrix = np.load(path)
        if matrix.shape[0] == len(texts):
            return matrix
    matrix = np.asarray(embedder.embed(texts), dtype=np.float32)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npy")
        np.save(tmp, matrix)
        tmp.replace(path)  # atomic: parallel drafts never read a half-written file
    except OSError:
        pass  # a read-only data folder only costs speed
    return matrix
