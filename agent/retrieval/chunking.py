"""Chunking by section: each chunk keeps its document's title, heading and front-matter metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from agent.retrieval.documents import KnowledgeDoc
from agent.retrieval.place_docs import place_law_entries

#: all-MiniLM-L6-v2 reads 256 word pieces; ~1,200 characters of prose stays within that.
MAX_CHUNK_CHARS = 1200


@dataclass(frozen=True)
class Chunk:
    """A retrievable, citable piece of a knowledge document."""

    id: str
    doc_id: str
    text: str
    metadata: dict[str, Any]

    @property
    def embed_text(self) -> str:
        """What is embedded and indexed lexically: where the passage sits, then the passage."""
        return f"{self.metadata['title']} - {self.metadata['section']}\n{self.text}"


def chunk_document(doc: KnowledgeDoc) -> list[Chunk]:
    """Split a document into section chunks (long sections on paragraph boundaries)."""
    chunks: list[Chunk] = []
    parts: list[tuple[str, str, str | None]] = []
    if doc.intro:
        parts.append(("Overview", doc.intro, None))
    parts.extend((s.heading, s.text, s.article) for s in doc.sections)
    seen: set[str] = set()
    for heading, text, article in parts:
        for n, piece in enumerate(_split_long(text)):
            chunk_id = _unique(f"{doc.id}#{_slug(heading)}" + (f"-{n + 1}" if n else ""), seen)
            chunks.append(Chunk(chunk_id, doc.id, piece, _metadata(doc, heading, article)))
    return chunks


def _unique(chunk_id: str, seen: set[str]) -> str:
    # Two sections can share a slug (a "## Overview" heading beside the intro, a repeated heading): Chroma
    # rejects duplicate ids in one upsert, so later ones get a suffix.
    candidate, n = chunk_id, 1
    while candidate in seen:
        n += 1
        candidate = f"{chunk_id}~{n}"
    seen.add(candidate)
    return candidate


def _metadata(doc: KnowledgeDoc, heading: str, article: str | None) -> dict[str, Any]:
    # Chroma metadata values are scalars, so list fields become one boolean flag per value for filtering.
    meta: dict[str, Any] = {
        "doc_id": doc.id,
        "title": doc.title,
        "kind": doc.kind,
        "section": heading,
        "article": article or "",
        "url": doc.url or "",
        "doc_hash": doc.content_hash,
        "jurisdictions": ",".join(doc.jurisdictions),
        "topics": ",".join(doc.topics),
    }
    if doc.place:  # the place layer: filtered and boosted by the place a question or a business is in
        meta["place"] = doc.place
        meta[f"p_{doc.place}"] = True
        meta["law_names"] = "|".join(str(e.get("name") or "") for e in place_law_entries(doc))
        # every law the place document names (its statutes, sources and provisions): "the Ohio privacy act" is
        # held only if one of these names it
        refs = [*(str(s.get("ref") or "") for s in doc.meta.get("sources") or [] if isinstance(s, dict))]
        meta["law_refs"] = "|".join([meta["law_names"], *refs, *(str(a) for a in doc.meta.get("articles") or [])])
    meta.update({f"j_{j}": True for j in doc.jurisdictions})
    meta.update({f"t_{t}": True for t in doc.topics})
    return meta


def _split_long(text: str) -> list[str]:
    if len(text) <= MAX_CHUNK_CHARS:
        return [text]
    pieces, current = [], ""
    for para in re.split(r"\n\s*\n", text):
        if current and len(current) + len(para) > MAX_CHUNK_CHARS:
            pieces.append(current.strip())
            current = ""
        current += para + "\n\n"
    if current.strip():
        pieces.append(current.strip())
    return pieces


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "section"
