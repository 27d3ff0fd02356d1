"""Opening the knowledge index for use: build it on first use, validate jurisdiction names against it."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

from agent.config import Settings, get_settings
from agent.errors import UsageError
from agent.retrieval.documents import load_knowledge
from agent.retrieval.place_docs import validate_places
from agent.retrieval.store import IngestReport, KnowledgeStore

BACKEND_FILE = "embedding.backend"  # which embedder built the index, for seeding another data dir from it
VECTORS_FILE = "sentence-vectors.npz"  # the answers' sentence vectors, built with the index
STAMP_FILE = "knowledge.sha256"  # the fingerprint of the knowledge files the index reflects

# Everyday names people type for a framework id.
ALIASES: dict[str, list[str]] = {
    "eu": ["gdpr", "eprivacy", "eu-ai-act"],
    "ai-act": ["eu-ai-act"],
    "uk": ["uk-gdpr", "pecr"],
    "cpra": ["ccpa"],
    "california": ["ccpa", "cmia"],
    "canada": ["pipeda"],
    "colorado": ["colorado-ai-act"],
    "texas": ["tdpsa", "cubi"],
    "illinois": ["bipa"],
    "nyc": ["nyc-ll144"],
    "new-york": ["nyc-ll144", "ny-pricing"],
}


def known_jurisdictions(settings: Settings) -> list[str]:
    """Jurisdiction ids that some knowledge document covers."""
    docs = load_knowledge(settings.knowledge_dir)
    return sorted({j for d in docs for j in d.jurisdictions})


def resolve_jurisdictions(names: list[str], settings: Settings) -> list[str]:
    """Map user-typed names to framework ids; raise UsageError listing the valid ones for an unknown name."""
    known = known_jurisdictions(settings)
    resolved: list[str] = []
    for raw in names:
        name = raw.strip().lower()
        if name in known:
            resolved.append(name)
        elif name in ALIASES:
            resolved.extend(ALIASES[name])
        else:
            valid = ", ".join([*known, *sorted(ALIASES)])
            raise UsageError(f"Unknown jurisdiction {raw!r}. Valid values: {valid}.")
    return list(dict.fromkeys(resolved))


def open_index(settings: Settings, progress: Callable[[int], None] | None = None) -> KnowledgeStore:
    """The store, brought up to date with knowledge/ first when the index is empty or the files changed since
    the last ingest (a `git pull` that edits a law must not leave answers quoting the old text)."""
    current = knowledge_fingerprint(settings.knowledge_dir)
    _seed(settings, current)
    store = KnowledgeStore.from_settings(settings)
    seen, _ = _marks(settings.index_dir)
    if store.count() == 0 or seen != current:
        ingest(store, settings, progress, fingerprint=current)
    return store


def ingest(
    store: KnowledgeStore,
    settings: Settings,
    progress: Callable[[int], None] | None = None,
    fingerprint: str | None = None,
) -> IngestReport:
    """Incrementally bring the index in line with knowledge/, and remember which files it now reflects. The
    fingerprint is taken before the files are read, so a file edited during the ingest is caught next time."""
    fingerprint = fingerprint or knowledge_fingerprint(settings.knowledge_dir)
    if _up_to_date(store, settings, fingerprint):  # nothing to read, parse or embed
        return IngestReport(unchanged=store.document_count())
    docs = load_knowledge(settings.knowledge_dir)
    problems = validate_places(docs)
    if problems:  # a wrong place code or law id would attach the layer to the wrong businesses and questions
        raise ValueError("Place documents need fixing before ingest:\n" + "\n".join(problems))
    report = store.ingest(docs, progress)
    if settings.embedding_backend != "hash" and settings.index_dir == get_settings().index_dir:
        from agent.profile.asks import warm_reader

        warm_reader()  # the profile reader's example phrasings, embedded with the same model, once
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    from agent.answering.vectors import refresh_vectors  # answers read these; built with the index

    changed = report.added or report.updated or report.removed
    if changed or not (settings.index_dir / VECTORS_FILE).exists():  # a no-change ingest stays quick
        refresh_vectors(store, settings.index_dir)
    (settings.index_dir / STAMP_FILE).write_text(fingerprint, encoding="utf-8")
    (settings.index_dir / BACKEND_FILE).write_text(settings.embedding_backend, encoding="utf-8")
    return report


def _up_to_date(store: KnowledgeStore, settings: Settings, fingerprint: str) -> bool:
    """Whether the embedded index already reflects exactly these files, embedded by this backend, with the answer
    vectors built. A Chroma server is always compared document by document: other writers may share it."""
    if settings.chroma_url or not (settings.index_dir / VECTORS_FILE).exists():
        return False
    return _marks(settings.index_dir) == (fingerprint, settings.embedding_backend) and store.count() > 0


def _seed(settings: Settings, fingerprint: str) -> None:
    """Copy the seed index into an empty embedded data dir when it reflects the same files and embedder."""
    seed, target = settings.index_seed_dir, settings.index_dir
    if seed is None or settings.chroma_url or (target / STAMP_FILE).exists():
        return
    if _marks(seed) == (fingerprint, settings.embedding_backend):  # otherwise the index is built as usual
        shutil.copytree(seed, target, dirs_exist_ok=True)


def _marks(index_dir: Path) -> tuple[str | None, str | None]:
    """The knowledge fingerprint and the embedding backend an index directory was built from (None if unknown)."""

    def read(name: str) -> str | None:
        try:
            return (index_dir / name).read_text(encoding="utf-8").strip()
        except OSError:
            return None

    return read(STAMP_FILE), read(BACKEND_FILE)


LEARNT_LEXICON = ("owner_examples.yaml", "red_flags.yaml")  # what the profile reader embeds and trains on


def knowledge_fingerprint(root: Path) -> str:
    """A hash of every knowledge file's path and content: cheap (a few ms), and exact where mtimes are not. The
    reader's learnt lexicon files count too, so editing them re-warms its cached vectors and weights at ingest."""
    digest = hashlib.sha256()
    learnt = [root / "lexicon" / name for name in LEARNT_LEXICON if (root / "lexicon" / name).exists()]
    for path in sorted([*root.rglob("*.md"), *learnt]):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
