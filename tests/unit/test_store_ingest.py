"""Incremental ingest: embed only new or changed documents, drop removed ones, rebuild on a model switch."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from agent.config import Settings
from agent.retrieval import KnowledgeStore, chunk_document, load_knowledge
from agent.retrieval.embeddings import HashEmbedder
from agent.retrieval.index import open_index
from agent.retrieval.store import IngestReport, open_collection
from tests.unit.corpus import write_doc


@dataclass
class CountingEmbedder(HashEmbedder):
    """The hashing embedder, recording every batch it was asked to embed."""

    batches: list[list[str]] = field(default_factory=list)

    def embed(self, texts: list[str]) -> list[list[float]]:
        self.batches.append(list(texts))
        return super().embed(texts)

    @property
    def texts(self) -> list[str]:
        return [t for batch in self.batches for t in batch]


@dataclass
class Factory:
    """An embedder_factory that counts how often the store built an embedder."""

    built: list[CountingEmbedder] = field(default_factory=list)

    def __call__(self) -> CountingEmbedder:
        self.built.append(CountingEmbedder())
        return self.built[-1]

    @property
    def texts(self) -> list[str]:
        return [t for e in self.built for t in e.texts]


def _store(settings: Settings, factory: Factory, name: str = "hash-384") -> KnowledgeStore:
    """A fresh store over the same on-disk collection, as a new process would open it."""
    return KnowledgeStore(open_collection(settings), factory, name)


def _chunk_count(root: Path) -> int:
    return sum(len(chunk_document(d)) for d in load_knowledge(root))


def test_first_ingest_embeds_every_chunk(hash_settings: Settings) -> None:
    factory = Factory()
    store = _store(hash_settings, factory)

    report = store.ingest(load_knowledge(hash_settings.knowledge_dir))

    total = _chunk_count(hash_settings.knowledge_dir)
    assert report == IngestReport(
        added=["ccpa-rights", "gdpr-breach", "nist-ai-rmf", "stage-pilot"], chunks_embedded=total
    )
    assert (len(factory.built), len(factory.texts), store.count(), store.indexed_with()) == (
        1,
        total,
        total,
        "hash-384",
    )


def test_second_ingest_without_changes_embeds_nothing_and_builds_no_embedder(hash_settings: Settings) -> None:
    _store(hash_settings, Factory()).ingest(load_knowledge(hash_settings.knowledge_dir))
    factory = Factory()
    store = _store(hash_settings, factory)

    report = store.ingest(load_knowledge(hash_settings.knowledge_dir))

    assert report == IngestReport(unchanged=4)
    assert factory.built == []
    assert store.count() == _chunk_count(hash_settings.knowledge_dir)


def test_editing_one_document_re_embeds_only_that_document(hash_settings: Settings) -> None:
    root = hash_settings.knowledge_dir
    _store(hash_settings, Factory()).ingest(load_knowledge(root))
    path = root / "compliance" / "ccpa-rights.md"
    path.write_text(path.read_text(encoding="utf-8").replace("subject to exceptions", "within 45 days"), "utf-8")
    factory = Factory()
    store = _store(hash_settings, factory)

    report = store.ingest(load_knowledge(root))

    ccpa = next(d for d in load_knowledge(root) if d.id == "ccpa-rights")
    assert report == IngestReport(updated=["ccpa-rights"], unchanged=3, chunks_embedded=len(chunk_document(ccpa)))
    assert factory.texts == [c.embed_text for c in chunk_document(ccpa)]
    assert store.count() == _chunk_count(root)  # old chunks replaced, not duplicated
    assert "within 45 days" in store.search("CCPA: delete personal information within 45 days", k=1)[0].text


def test_a_new_section_heading_drops_the_old_chunk(hash_settings: Settings) -> None:
    root = hash_settings.knowledge_dir
    store = _store(hash_settings, Factory())
    store.ingest(load_knowledge(root))
    path = root / "compliance" / "nist-ai-rmf.md"
    path.write_text(path.read_text("utf-8").replace("## Govern, map, measure, manage", "## Four functions"), "utf-8")

    store.ingest(load_knowledge(root))

    got = store._collection.get(where={"doc_id": "nist-ai-rmf"})
    assert got["ids"] == ["nist-ai-rmf#four-functions"]


def test_deleting_a_document_removes_its_chunks(hash_settings: Settings) -> None:
    root = hash_settings.knowledge_dir
    store = _store(hash_settings, Factory())
    store.ingest(load_knowledge(root))
    assert {h.doc_id for h in store.search("personal data breach supervisory authority", k=10)} >= {"gdpr-breach"}
    (root / "compliance" / "gdpr-breach.md").unlink()
    factory = Factory()
    fresh = _store(hash_settings, factory)

    report = fresh.ingest(load_knowledge(root))

    assert report == IngestReport(removed=["gdpr-breach"], unchanged=3)
    assert factory.built == []  # removing needs no embedding
    assert fresh._collection.get(where={"doc_id": "gdpr-breach"})["ids"] == []
    assert fresh.count() == _chunk_count(root)
    assert "gdpr-breach" not in {h.doc_id for h in fresh.search("personal data breach supervisory authority", k=10)}


def test_switching_the_embedder_re_embeds_everything(hash_settings: Settings) -> None:
    root = hash_settings.knowledge_dir
    _store(hash_settings, Factory()).ingest(load_knowledge(root))
    factory = Factory()
    store = _store(hash_settings, factory, name="another-model")

    report = store.ingest(load_knowledge(root))

    total = _chunk_count(root)
    assert report == IngestReport(
        updated=["ccpa-rights", "gdpr-breach", "nist-ai-rmf", "stage-pilot"], chunks_embedded=total
    )
    assert (len(factory.texts), store.count(), store.indexed_with()) == (total, total, "another-model")
    assert _store(hash_settings, Factory(), name="another-model").ingest(load_knowledge(root)).chunks_embedded == 0


def test_progress_is_called_once_per_embedded_document(hash_settings: Settings) -> None:
    ticks: list[int] = []
    store = _store(hash_settings, Factory())

    store.ingest(load_knowledge(hash_settings.knowledge_dir), ticks.append)
    store.ingest(load_knowledge(hash_settings.knowledge_dir), ticks.append)

    assert ticks == [1, 1, 1, 1]


def test_open_index_builds_once_and_catches_up_with_edited_knowledge(
    hash_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import agent.retrieval.index as index_module

    first = open_index(hash_settings)
    total = _chunk_count(hash_settings.knowledge_dir)
    assert first.count() == total == 7
    calls: list[int] = []
    real_ingest = index_module.ingest
    monkeypatch.setattr(index_module, "ingest", lambda *a, **k: calls.append(1) or real_ingest(*a, **k))

    open_index(hash_settings)  # nothing changed: opened as is
    assert calls == []

    write_doc(hash_settings.knowledge_dir, "late-doc", "# Late\n\n## S\nAdded after the first build.\n")
    second = open_index(hash_settings)  # a file changed since the last ingest: brought up to date

    assert calls == [1]
    assert second.count() == total + 1
    assert "late-doc" in {h.doc_id for h in second.search("added after the first build", k=10)}


@pytest.mark.parametrize("backend", ["onnx", "torch"])
def test_from_settings_names_the_embedder_by_backend(tmp_path: Path, backend: str) -> None:
    store = KnowledgeStore.from_settings(Settings(data_dir=tmp_path, embedding_backend=backend))

    assert store._embedder_name == f"all-MiniLM-L6-v2-{backend}"
    assert store._embedder is None  # nothing is loaded until something needs embedding


def test_ingest_of_unchanged_files_reads_no_document(hash_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    import agent.retrieval.index as index_module

    first = index_module.ingest(open_index(hash_settings), hash_settings)
    assert first.unchanged == 4
    monkeypatch.setattr(index_module, "load_knowledge", lambda *a, **k: pytest.fail("documents were read again"))
    assert index_module.ingest(_store(hash_settings, Factory()), hash_settings) == IngestReport(unchanged=4)

    monkeypatch.undo()  # an edited file is read and re-embedded as before
    write_doc(hash_settings.knowledge_dir, "late-doc", "# Late\n\n## S\nAdded after the first build.\n")
    assert index_module.ingest(_store(hash_settings, Factory()), hash_settings).added == ["late-doc"]
