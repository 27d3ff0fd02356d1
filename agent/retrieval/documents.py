"""Reading knowledge/ into documents: YAML front matter, a title, and sections with their articles."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from agent.errors import IndexUnavailableError
from agent.retrieval.place_docs import check_structure

#: Kinds of document that state law: a framework's own files, and the place layer's additions to it.
LAW_KINDS = ("compliance", "place")
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
# A heading that rests on a provision ends with it in parentheses: "## Breach reporting (GDPR Art. 33)".
_HEADING_REF = re.compile(
    r"\(((?:[A-Z][\w.\- ]*\s)?(?:Art\.|Arts\.|Article|Articles|Annex|Recital|Section|§|Sec\.|s\.|Schedule|"
    r"Reg\.|reg\.|Rule|Cal\.|45 CFR|Civ\.|Chapter|Ch\.)[^()]*(?:\([^()]*\)[^()]*)*)\)\s*$"
)


@dataclass(frozen=True)
class Section:
    """One `##` section of a knowledge document."""

    heading: str
    text: str
    article: str | None = None


@dataclass(frozen=True)
class KnowledgeDoc:
    """A knowledge document: front matter, title and sections."""

    id: str
    title: str
    kind: str
    path: Path
    meta: dict[str, Any]
    intro: str
    sections: tuple[Section, ...]
    content_hash: str
    jurisdictions: tuple[str, ...] = field(default=())
    topics: tuple[str, ...] = field(default=())

    @property
    def url(self) -> str | None:
        """The first public source URL, used as the citation link."""
        sources = self.meta.get("sources") or []
        first = sources[0] if sources else None
        return first.get("url") if isinstance(first, dict) else None

    @property
    def place(self) -> str:
        """For a place-layer document, the ISO code it is about ('DE', 'US-VA'); '' otherwise."""
        return str(self.meta.get("place") or "").strip().upper() if self.kind == "place" else ""


# libyaml's loader when it is installed: the same safe loading, ~10x faster on ~80 front matters per cold start.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_document(path: Path, text: str) -> KnowledgeDoc:
    """Parse one Markdown file with front matter; raise ValueError naming the file when it is malformed."""
    match = _FRONT_MATTER.match(text)
    if not match:
        raise ValueError(f"{path}: missing YAML front matter (--- ... ---) at the top")
    try:
        meta = yaml.load(match.group(1), Loader=SAFE_LOADER) or {}
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: front matter is not valid YAML: {exc}") from exc
    if not isinstance(meta, dict) or "id" not in meta or "kind" not in meta:
        raise ValueError(f"{path}: front matter must be a mapping with at least 'id' and 'kind'")
    body = text[match.end() :]
    title, intro, sections = _split_sections(body)
    return KnowledgeDoc(
        id=str(meta["id"]),
        title=str(meta.get("title") or title or meta["id"]),
        kind=str(meta["kind"]),
        path=path,
        meta=meta,
        intro=intro,
        sections=tuple(sections),
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
        jurisdictions=tuple(str(j) for j in meta.get("jurisdictions") or ()),
        topics=tuple(str(t) for t in meta.get("topics") or ()),
    )


def _split_sections(body: str) -> tuple[str, str, list[Section]]:
    title, intro_lines, sections = "", [], []
    heading: str | None = None
    lines: list[str] = []
    for line in body.splitlines():
        if line.startswith("# ") and not title:
            title = line[2:].strip()
        elif line.startswith("## "):
            if heading is not None:
                sections.append(_make_section(heading, lines))
            heading, lines = line[3:].strip(), []
        elif heading is None:
            intro_lines.append(line)
        else:
            lines.append(line)
    if heading is not None:
        sections.append(_make_section(heading, lines))
    return title, "\n".join(intro_lines).strip(), [s for s in sections if s.text]


def _make_section(heading: str, lines: list[str]) -> Section:
    match = _HEADING_REF.search(heading)
    article = match.group(1).strip() if match else None
    return Section(heading=heading, text="\n".join(lines).strip(), article=article)


def document_paths(root: Path) -> list[Path]:
    """The knowledge documents' files below root, README files excluded."""
    if not root.is_dir():
        raise IndexUnavailableError(f"Knowledge folder not found: {root}. Set KNOWLEDGE_DIR to the knowledge/ folder.")
    return [p for p in sorted(root.rglob("*.md")) if p.name.lower() != "readme.md"]


def load_knowledge(root: Path, kinds: tuple[str, ...] | None = None) -> list[KnowledgeDoc]:
    """Load every knowledge document below root (README files excluded), sorted by id."""
    docs: list[KnowledgeDoc] = []
    for path in document_paths(root):
        doc = parse_document(path, path.read_text(encoding="utf-8"))
        if doc.kind == "place":
            check_structure(doc)
        if kinds is None or doc.kind in kinds:
            docs.append(doc)
    ids = [d.id for d in docs]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"Duplicate knowledge ids: {', '.join(duplicates)}")
    return sorted(docs, key=lambda d: d.id)


@lru_cache(maxsize=4)
def cached_knowledge(root: Path) -> tuple[KnowledgeDoc, ...]:
    """load_knowledge once per process and folder: the planner and the law engine read the same parse."""
    return tuple(load_knowledge(root))
