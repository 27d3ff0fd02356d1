"""A new data dir starts from a seed index only when the seed reflects the same files and embedder."""

from __future__ import annotations

from pathlib import Path

from agent.config import Settings
from agent.retrieval.index import open_index
from tests.unit.corpus import write_doc


def _settings(knowledge: Path, data: Path, seed: Path | None) -> Settings:
    return Settings(knowledge_dir=knowledge, data_dir=data, embedding_backend="hash", index_seed_dir=seed)


def test_a_matching_seed_is_copied_and_not_embedded_again(knowledge_root: Path, tmp_path: Path) -> None:
    seed = _settings(knowledge_root, tmp_path / "seed", None)
    built = open_index(seed).count()
    settings = _settings(knowledge_root, tmp_path / "new", seed.index_dir)
    progress: list[int] = []
    store = open_index(settings, progress.append)
    assert store.count() == built > 0
    assert progress == []  # nothing was embedded: the copy was used
    assert (settings.index_dir / "knowledge.sha256").exists()


def test_a_seed_of_other_files_is_ignored(knowledge_root: Path, tmp_path: Path) -> None:
    seed = _settings(knowledge_root, tmp_path / "seed", None)
    open_index(seed)
    body = "# Extra\n\n## Records (GDPR Art. 30)\nKeep a record of processing activities.\n"
    write_doc(knowledge_root, "extra", body, title="Extra", jurisdictions=["gdpr"], topics=["records"])
    settings = _settings(knowledge_root, tmp_path / "new", seed.index_dir)
    progress: list[int] = []
    open_index(settings, progress.append)
    assert progress  # the knowledge changed since the seed was built: the new dir was embedded afresh
