"""Vectors of every knowledge sentence, embedded once when the index is built and kept beside it, so that
answering a question embeds only the question (a cold `roadmap ask` stays within its few seconds)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from agent.answering.sentences import split_sentences
from agent.retrieval.index import VECTORS_FILE

if TYPE_CHECKING:
    from agent.retrieval.store import KnowledgeStore


def load_vectors(index_dir: Path | None) -> dict[str, np.ndarray]:
    """The stored sentence vectors, or none when the file is missing or unreadable (they are then embedded)."""
    path = index_dir / VECTORS_FILE if index_dir else None
    if path is None or not path.exists():
        return {}
    try:
        with np.load(path, allow_pickle=False) as data:
            return dict(zip((str(t) for t in data["texts"]), data["vectors"], strict=True))
    except (OSError, ValueError, KeyError):
        return {}


def refresh_vectors(store: KnowledgeStore, index_dir: Path) -> int:
    """Embed the knowledge sentences not yet stored, drop those no longer in the knowledge base; returns how
    many were embedded. The file is replaced in one step, so a reader never sees half of it."""
    known = load_vectors(index_dir)
    sentences = sorted({s for text in store.chunk_texts() for s in split_sentences(text)})
    missing = [s for s in sentences if s not in known]
    fresh = dict(zip(missing, np.asarray(store.embedder.embed(missing), dtype=np.float32), strict=True))
    if not missing and len(known) == len(sentences):
        return 0
    vectors = np.array([fresh[s] if s in fresh else known[s] for s in sentences], dtype=np.float32)
    index_dir.mkdir(parents=True, exist_ok=True)
    tmp = index_dir / f"{VECTORS_FILE}.{os.getpid()}.tmp.npz"
    np.savez(tmp, texts=np.array(sentences), vectors=vectors.reshape(len(sentences), -1))
    os.replace(tmp, index_dir / VECTORS_FILE)
    return len(missing)
