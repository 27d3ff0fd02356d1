"""Opening the knowledge index for use: build it on first use, validate jurisdiction names against it."""

from __future__ import annotations

from collections.abc import Callable

from agent.config import Settings
from agent.errors import UsageError
from agent.retrieval.documents import load_knowledge
from agent.retrieval.store import IngestReport, KnowledgeStore

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
    """The store, ingesting knowledge/ first if the index is empty."""
    store = KnowledgeStore.from_settings(settings)
    if store.count() == 0:
        ingest(store, settings, progress)
    return store


def ingest(store: KnowledgeStore, settings: Settings, progress: Callable[[int], None] | None = None) -> IngestReport:
    """Incrementally bring the index in line with knowledge/."""
    return store.ingest(load_knowledge(settings.knowledge_dir), progress)
