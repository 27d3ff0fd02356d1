"""A small softmax (multinomial logistic regression) classifier over MiniLM vectors, trained on example
phrasings: it learns which directions of the embedding separate the classes, where a nearest-phrasing
similarity only sees how close a clause is to one example.

Training is deterministic (zero start, full-batch gradient descent, fixed steps) and takes well under a second;
the weights are cached on disk beside the phrasing vectors, keyed by a hash of the phrasings and the settings.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from agent.config import get_settings
from agent.profile.semantic import cached_vectors
from agent.retrieval.embeddings import Embedder

STEPS = 400
LEARNING_RATE = 2.0
L2 = 1e-3
SCALE = 8.0  # unit vectors have small coordinates; scaling them lets the weights stay small


class PhrasingClassifier:
    """Class probabilities for clause vectors, learnt from example phrasings per class."""

    def __init__(self, name: str, phrasings: dict[str, list[str]], cache_dir: Path | None = None) -> None:
        self.name = name
        self.classes = sorted(k for k, items in phrasings.items() if items)
        self._texts = [p for key in self.classes for p in phrasings[key] if p.strip()]
        self._labels = np.array(
            [n for n, key in enumerate(self.classes) for p in phrasings[key] if p.strip()], dtype=np.intp
        )
        self._cache_dir = cache_dir
        self._weights: tuple[np.ndarray, np.ndarray] | None = None

    def probabilities(self, vectors: np.ndarray, embedder: Embedder) -> np.ndarray:
        """One row per clause vector, one column per class (in `classes` order), rows summing to one."""
        weights, bias = self._trained(embedder)
        return _softmax(SCALE * vectors @ weights + bias)

    def _trained(self, embedder: Embedder) -> tuple[np.ndarray, np.ndarray]:
        if self._weights is None:
            folder = self._cache_dir or get_settings().index_dir / "models"
            matrix = cached_vectors(self.name, self._texts, embedder, folder)
            key = json.dumps([embedder.name, self._texts, self._labels.tolist(), STEPS, LEARNING_RATE, L2, SCALE])
            path = folder / f"classifier-{self.name}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.npz"
            self._weights = _load(path) or _save(path, train(SCALE * matrix, self._labels, len(self.classes)))
        return self._weights


def train(features: np.ndarray, labels: np.ndarray, classes: int) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression by full-batch gradient descent, each class weighted by its inverse frequency."""
    rows, dims = features.shape
    weights = np.zeros((dims, classes), dtype=np.float64)
    bias = np.zeros(classes, dtype=np.float64)
    onehot = np.eye(classes)[labels]
    counts = np.bincount(labels, minlength=classes).astype(np.float64)
    sample_weight = (rows / (classes * np.maximum(counts, 1.0)))[labels][:, None]
    x = features.astype(np.float64)
    for _ in range(STEPS):
        error = (_softmax(x @ weights + bias) - onehot) * sample_weight / rows
        weights -= LEARNING_RATE * (x.T @ error + L2 * weights)
        bias -= LEARNING_RATE * error.sum(axis=0)
    return weights.astype(np.float32), bias.astype(np.float32)


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def _load(path: Path) -> tuple[np.ndarray, np.ndarray] | None:
    if not path.exists():
        return None
    with np.load(path) as data:
        return data["weights"], data["bias"]


def _save(path: Path, weights: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npz")
        np.savez(tmp, weights=weights[0], bias=weights[1])
        tmp.replace(path)  # atomic: parallel drafts never read a half-written file
    except OSError:
        pass  # a read-only data folder only costs the training time
    return weights
