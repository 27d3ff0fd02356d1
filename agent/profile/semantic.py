"""Semantic matching: owner clauses against example phrasings kept in knowledge/, by MiniLM cosine similarity.

The phrasing vectors are computed once per process and cached on disk keyed by a hash of the phrasings and the
embedder, so a cold draft only embeds the few clauses of its own description (one batch, ~20-50 ms).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from agent.config import get_settings
from agent.retrieval.embeddings import DIMENSIONS, Embedder, shared_embedder


@dataclass(frozen=True)
class SemanticHit:
    """The best-matching id for one clause: its similarity, the runner-up id's, and the phrasing it matched."""

    id: str
    score: float
    runner_up: float
    phrasing: str = ""
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

    def __init__(self, name: str, phrasings: dict[str, list[str]], cache_dir: Path | None = None) -> None:
        self.name = name
        self._cache_dir = cache_dir
        self._pairs = [(key, p) for key, items in sorted(phrasings.items()) for p in items if p.strip()]
        self._ids = sorted({key for key, _ in self._pairs})
        keys = [key for key, _ in self._pairs]
        self._starts = np.array([keys.index(key) for key in self._ids], dtype=np.intp)
        self._matrix: np.ndarray | None = None

    @property
    def ids(self) -> list[str]:
        """The ids this index can match."""
        return list(self._ids)

    def _vectors(self, embedder: Embedder) -> np.ndarray:
        if self._matrix is None:
            folder = self._cache_dir or get_settings().index_dir / "models"
            self._matrix = cached_vectors(self.name, [p for _, p in self._pairs], embedder, folder)
        return self._matrix

    def scores(self, clause_vectors: np.ndarray, embedder: Embedder) -> dict[str, np.ndarray]:
        """For each id, the best similarity of each clause to any of its phrasings."""
        if not self._pairs or not len(clause_vectors):
            return {}
        sims = _similarities(clause_vectors, self._vectors(embedder))
        # Pairs are sorted by id, so each id's phrasings are one run of columns: reduce each run at once.
        best = np.maximum.reduceat(sims, self._starts, axis=1)
        return {key: best[:, col] for col, key in enumerate(self._ids)}

    def votes(self, clause_vectors: np.ndarray, embedder: Embedder, k: int) -> list[dict[str, int]]:
        """Per clause, how many of its k nearest phrasings (over all ids) belong to each id: agreement among
        neighbours is evidence a single best similarity misses when the owner's words are unfamiliar."""
        if not self._pairs or not len(clause_vectors):
            return [{} for _ in range(len(clause_vectors))]
        sims = _similarities(clause_vectors, self._vectors(embedder))
        nearest = np.argsort(-sims, axis=1, kind="stable")[:, :k]
        out: list[dict[str, int]] = []
        for row in nearest:
            counts: dict[str, int] = {}
            for col in row:
                counts[self._pairs[int(col)][0]] = counts.get(self._pairs[int(col)][0], 0) + 1
            out.append(counts)
        return out

    def best(self, clause_vectors: np.ndarray, embedder: Embedder) -> list[SemanticHit | None]:
        """Per clause, the best id with its score and the runner-up score (None if the index is empty)."""
        scores = self.scores(clause_vectors, embedder)
        if not scores:
            return [None] * len(clause_vectors)
        matrix = np.stack([scores[key] for key in self._ids], axis=1)
        hits: list[SemanticHit | None] = []
        for row in matrix:
            order = np.argsort(-row)
            first, second = int(order[0]), int(order[1]) if len(order) > 1 else -1
            runner = float(row[second]) if second >= 0 else 0.0
            hits.append(
                SemanticHit(self._ids[first], float(row[first]), runner, "", self._ids[second] if second >= 0 else "")
            )
        return hits


_CLAUSE_CACHE: dict[tuple[str, str], np.ndarray] = {}
_CLAUSE_CACHE_MAX = 4096


def _similarities(rows: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """Cosine similarities of unit vectors. einsum's own loop, not BLAS: for a few dozen rows the BLAS thread
    pool costs 100x more than the arithmetic on a busy machine (measured 40 ms against 0.8 ms)."""
    return np.einsum("ij,kj->ik", rows, matrix, optimize=False)


def embed_clauses(clauses: tuple[str, ...]) -> np.ndarray | None:
    """Clause vectors, or None when semantic matching is off. Vectors are kept per clause text, so a chat that
    re-reads a growing description only embeds what is new."""
    embedder = reader_embedder()
    if embedder is None or not clauses:
        return None
    # Held here, not looked up again: filling the cache may evict a text this call found in it.
    found = {c: _CLAUSE_CACHE[(embedder.name, c)] for c in clauses if (embedder.name, c) in _CLAUSE_CACHE}
    # Short texts in small batches of similar length: a batch is padded to its longest text.
    missing = sorted((c for c in dict.fromkeys(clauses) if c not in found), key=len)
    for start in range(0, len(missing), 8):
        chunk = missing[start : start + 8]
        for text, vector in zip(chunk, embedder.embed(chunk), strict=True):
            if len(_CLAUSE_CACHE) >= _CLAUSE_CACHE_MAX:
                _CLAUSE_CACHE.pop(next(iter(_CLAUSE_CACHE)))  # oldest first
            found[text] = _CLAUSE_CACHE[(embedder.name, text)] = np.asarray(vector, dtype=np.float32)
    return np.stack([found[c] for c in clauses])


def warm_phrasings(indexes: list[PhrasingIndex]) -> None:
    """Embed and cache the phrasing vectors now (at ingest), so the first draft does not pay for it."""
    embedder = reader_embedder()
    if embedder is not None:
        for index in indexes:
            index.scores(np.zeros((1, DIMENSIONS), dtype=np.float32), embedder)


def cached_vectors(name: str, texts: list[str], embedder: Embedder, folder: Path) -> np.ndarray:
    """Vectors of texts, cached on disk by a hash of the texts and the embedder."""
    digest = hashlib.sha256(json.dumps([embedder.name, texts]).encode()).hexdigest()[:16]
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
