"""Laws as data: the `law:` and `applicability:` blocks of knowledge/compliance front matter, read once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agent.config import PROJECT_ROOT

if TYPE_CHECKING:
    from agent.retrieval.documents import KnowledgeDoc

DEFAULT_KNOWLEDGE = PROJECT_ROOT / "knowledge"
OPERATORS = ("is", "in", "has", "has_any", "gt", "gte", "lt", "lte")
Test = dict[str, Any]


@dataclass(frozen=True)
class LawSpec:
    """One law: where it reaches, and the tests that decide whether it applies to a business."""

    id: str
    name: str
    places: tuple[str, ...]
    reach: str  # "establishment": businesses located there; "market": also those selling there
    voluntary: bool
    all: tuple[Test, ...]
    any: tuple[Test, ...]
    exempt: tuple[Test, ...]
    unknown_note: str
    doc_id: str

    @property
    def conditional(self) -> bool:
        """Whether anything beyond place decides it (else it applies wherever it reaches)."""
        return bool(self.all or self.any or self.exempt)


@lru_cache(maxsize=4)
def law_specs(knowledge_dir: Path = DEFAULT_KNOWLEDGE) -> tuple[LawSpec, ...]:
    """Every law with a `law:` block in knowledge/compliance, then every statute a place document lists under
    `laws:` (knowledge/places), in knowledge-id order (cached per folder)."""
    # Imported here: the retrieval package reaches the profile package, which judges laws with this module.
    from agent.retrieval.documents import cached_knowledge

    specs = []
    for doc in cached_knowledge(knowledge_dir):
        if doc.kind == "compliance" and "law" in doc.meta:
            specs.append(_spec(doc, doc.meta["law"], doc.meta.get("applicability") or {}))
        elif doc.kind == "place":  # a place's own statutes: same keys, one list entry per law
            specs += [_spec(doc, entry, entry.get("applicability") or {}) for entry in doc.meta.get("laws") or []]
    ids = [s.id for s in specs]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(
            "More than one knowledge document defines the law (a `law:` block or a place's `laws:` entry): "
            + ", ".join(duplicates)
        )
    return tuple(specs)


def law_names(knowledge_dir: Path = DEFAULT_KNOWLEDGE) -> dict[str, str]:
    """Law id -> the name people use ('uk-gdpr' -> 'UK GDPR')."""
    return {s.id: s.name for s in law_specs(knowledge_dir)}


def law_name(law_id: str, knowledge_dir: Path = DEFAULT_KNOWLEDGE) -> str:
    """The name people use for a law id; good-practice guidance for 'global'; the id itself if unknown."""
    if law_id == "global":
        return "Good practice"
    return law_names(knowledge_dir).get(law_id, law_id)


def _spec(doc: KnowledgeDoc, law: Any, rules: Any) -> LawSpec:
    if not isinstance(law, dict) or not isinstance(rules, dict):
        raise ValueError(f"{doc.path}: `law:` and `applicability:` must be mappings")
    law_id = str(law.get("id") or (doc.jurisdictions[0] if doc.jurisdictions else doc.id))
    tests = {key: tuple(_checked(doc, t) for t in rules.get(key) or ()) for key in ("all", "any", "exempt")}
    reach = str(law.get("reach") or "establishment")
    if reach not in ("establishment", "market"):
        raise ValueError(f"{doc.path}: law {law_id}: reach must be 'establishment' or 'market', not {reach!r}")
    return LawSpec(
        id=law_id,
        name=str(law.get("name") or doc.title),
        places=tuple(str(p).upper() for p in law.get("places") or ()),
        reach=reach,
        voluntary=bool(law.get("voluntary")),
        all=tests["all"],
        any=tests["any"],
        exempt=tests["exempt"],
        unknown_note=str(rules.get("unknown_note") or ""),
        doc_id=doc.id,
    )


def _checked(doc: KnowledgeDoc, test: Any) -> Test:
    """A test as written, or a ValueError naming the file: a typo must not silently make a law apply."""
    if not isinstance(test, dict):
        raise ValueError(f"{doc.path}: applicability tests must be mappings, got {test!r}")
    if "all" in test or "any" in test:  # a group: {all: [...]} / {any: [...]}, with its own why
        for inner in test.get("all") or test.get("any") or ():
            _checked(doc, inner)
    elif "fact" not in test or sum(op in test for op in OPERATORS) != 1:
        raise ValueError(f"{doc.path}: test {test!r} needs `fact:` and exactly one of {', '.join(OPERATORS)}")
    if "unless" in test:
        _checked(doc, test["unless"])
    if test.get("if_unknown", "ignore") not in ("ignore", "unknown"):
        raise ValueError(f"{doc.path}: if_unknown must be 'ignore' or 'unknown' in {test!r}")
    return test
