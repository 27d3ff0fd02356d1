"""Sentence vectors built with the index: embedded once, kept beside it, and read by the answerer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from agent.answering import OfflineAnswerer
from agent.answering.sentences import split_sentences
from agent.answering.vectors import load_vectors, refresh_vectors
from agent.config import Settings
from agent.retrieval import KnowledgeStore, load_knowledge


@pytest.fixture
def store(hash_settings: Settings) -> KnowledgeStore:
    store = KnowledgeStore.from_settings(hash_settings)
    store.ingest(load_knowledge(hash_settings.knowledge_dir))
    return store


def test_every_knowledge_sentence_is_embedded_once_and_stored(store: KnowledgeStore, tmp_path: Path) -> None:
    sentences = {s for text in store.chunk_texts() for s in split_sentences(text)}

    first = refresh_vectors(store, tmp_path)
    again = refresh_vectors(store, tmp_path)
    stored = load_vectors(tmp_path)

    assert (first, again) == (len(sentences), 0)
    assert set(stored) == sentences
    some = sorted(sentences)[0]
    assert np.allclose(stored[some], store.embedder.embed([some])[0], atol=1e-6)


def test_a_missing_or_broken_file_means_no_stored_vectors(tmp_path: Path) -> None:
    assert load_vectors(None) == {} and load_vectors(tmp_path) == {}
    (tmp_path / "sentence-vectors.npz").write_bytes(b"not a numpy file")
    assert load_vectors(tmp_path) == {}


def test_the_answerer_embeds_only_the_question_when_vectors_are_stored(
    store: KnowledgeStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refresh_vectors(store, tmp_path)
    store.index_dir = tmp_path
    batches: list[int] = []
    real_embed = store.embedder.embed
    monkeypatch.setattr(store.embedder, "embed", lambda texts: batches.append(len(texts)) or real_embed(texts))

    result = OfflineAnswerer(store).answer("How many hours do we have to report a personal data breach?")

    assert result.covered
    assert batches == [1]  # the question, once, shared by search and scoring
