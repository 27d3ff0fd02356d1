"""The real local embedding model: ONNX export matches sentence-transformers, and retrieval on knowledge/."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from agent.config import PROJECT_ROOT, Settings
from agent.errors import ConfigurationError
from agent.retrieval import KnowledgeStore, load_knowledge
from agent.retrieval.embeddings import (
    DIMENSIONS,
    HashEmbedder,
    OnnxMiniLM,
    TorchMiniLM,
    build_embedder,
    export_atomically,
)
from agent.retrieval.store import open_collection

SENTENCES = [
    "Notify the supervisory authority within 72 hours of becoming aware of a personal data breach.",
    "A bakery wants to forecast how much bread to bake each morning.",
    "Under Cal. Civ. Code § 1798.105 a consumer may ask a business to delete personal information.",
    "short",
]
COMPLIANCE = PROJECT_ROOT / "knowledge" / "compliance"


def test_hash_embedder_is_deterministic_unit_length_and_backend_names_are_checked(tmp_path: Path) -> None:
    first, second = HashEmbedder().embed(["Data breach within 72 hours", "data BREACH within 72 hours!"])

    assert first == second and len(first) == DIMENSIONS
    assert np.linalg.norm(first) == pytest.approx(1.0)
    assert isinstance(build_embedder("hash", tmp_path), HashEmbedder)
    with pytest.raises(ConfigurationError, match="EMBEDDING_BACKEND must be 'onnx', 'torch' or 'hash'"):
        build_embedder("openai", tmp_path)


@pytest.mark.embedding
def test_onnx_vectors_are_384_dims_unit_length_and_cached(onnx_embedder: OnnxMiniLM, onnx_models_dir: Path) -> None:
    vectors = np.array(onnx_embedder.embed([*SENTENCES, "word " * 600]))  # the last one is truncated, not an error

    assert vectors.shape == (len(SENTENCES) + 1, DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert [p.name for p in onnx_models_dir.iterdir()] == ["all-MiniLM-L6-v2.onnx"]  # no half-written temp file
    assert np.allclose(onnx_embedder.embed(SENTENCES[:1]), vectors[:1], atol=1e-5)  # padding does not leak in


@pytest.mark.embedding
def test_onnx_matches_sentence_transformers(onnx_embedder: OnnxMiniLM) -> None:
    onnx = np.array(onnx_embedder.embed(SENTENCES))
    torch = np.array(TorchMiniLM().embed(SENTENCES))

    cosines = (onnx * torch).sum(axis=1) / (np.linalg.norm(onnx, axis=1) * np.linalg.norm(torch, axis=1))

    assert cosines.min() > 0.999, cosines
    assert float(onnx[0] @ onnx[2]) < float(onnx[0] @ onnx[0]) - 0.3  # different meanings stay apart


@pytest.mark.embedding
def test_real_knowledge_retrieves_gdpr_for_a_breach_deadline_question(
    onnx_embedder: OnnxMiniLM, tmp_path: Path
) -> None:
    files = sorted(COMPLIANCE.glob("*.md")) if COMPLIANCE.is_dir() else []
    docs = load_knowledge(PROJECT_ROOT / "knowledge", kinds=("compliance",)) if len(files) >= 5 else []
    if not any("gdpr" in d.jurisdictions for d in docs):  # the knowledge base is still being written
        pytest.skip(f"knowledge/compliance has {len(files)} files and no GDPR document yet")
    settings = Settings(knowledge_dir=PROJECT_ROOT / "knowledge", data_dir=tmp_path, embedding_backend="onnx")
    store = KnowledgeStore(open_collection(settings), lambda: onnx_embedder, onnx_embedder.name)
    store.ingest(docs)

    hits = store.search("How many hours do we have to report a data breach?", k=5, mode="hybrid")

    assert any(h.metadata.get("j_gdpr") for h in hits), [h.chunk_id for h in hits]


def test_concurrent_exports_each_write_their_own_temporary_file_and_one_complete_model_wins(tmp_path: Path) -> None:
    target = tmp_path / "model.onnx"
    both_started = threading.Barrier(2)
    written: list[Path] = []

    def slow_export(path: Path) -> None:
        both_started.wait(timeout=5)  # both processes are mid-export at the same moment
        written.append(path)
        path.write_bytes(b"weights" * 1000)

    threads = [threading.Thread(target=export_atomically, args=(target, slow_export)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)

    assert len(set(written)) == 2  # two distinct temporary names: neither renames the other's file away
    assert target.read_bytes() == b"weights" * 1000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.onnx"]  # no temporary file left behind


def test_a_failed_export_is_tolerated_only_when_another_process_already_wrote_the_model(tmp_path: Path) -> None:
    target = tmp_path / "model.onnx"

    def broken_export(path: Path) -> None:
        path.write_bytes(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        export_atomically(target, broken_export)
    assert list(tmp_path.iterdir()) == []

    target.write_bytes(b"the winner's model")
    export_atomically(target, broken_export)
    assert target.read_bytes() == b"the winner's model"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.onnx"]
