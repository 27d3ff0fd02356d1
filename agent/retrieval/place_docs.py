"""The place layer (knowledge/places/): what a country, member state, US state or province adds to the big
frameworks. This module checks a place document's front matter, so that a wrong code or a typo in a law id
fails loudly with the file and field named instead of silently attaching the layer to the wrong place."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agent.retrieval.documents import KnowledgeDoc

PLACE_KIND = "place"
GROUPS = frozenset({"EU", "EEA", "GB", "US", "CA"})  # what a place can sit within
STATUSES = frozenset({"in-force", "pending", "superseded", "repealed"})
STAGES = ("assess", "strategy", "governance", "data", "pilot", "validation", "deployment", "rollout", "monitoring")
PLACE_CODE = re.compile(r"^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$")  # ISO 3166: a country, or its region
_LAW_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def place_code(doc: KnowledgeDoc) -> str:
    """The ISO code a place document is about ('DE', 'US-VA'), upper-cased; '' for other documents."""
    return doc.place


def place_law_entries(doc: KnowledgeDoc) -> list[dict[str, Any]]:
    """The `laws:` entries of a place document (statutes of that place the law engine judges)."""
    return [entry for entry in doc.meta.get("laws") or [] if isinstance(entry, dict)]


def check_structure(doc: KnowledgeDoc) -> None:
    """The cheap checks every load runs: a ValueError naming the file and field when a place document's front
    matter cannot be used at all."""
    errors = structural_errors(doc)
    if errors:
        raise ValueError(f"{doc.path}: " + "; ".join(errors))


def structural_errors(doc: KnowledgeDoc) -> list[str]:
    """Problems with a place document's shape: id, place code, lists, actions and laws."""
    meta, errors = doc.meta, []
    code = place_code(doc)
    if not PLACE_CODE.match(code):
        errors.append(f"place: {meta.get('place')!r} is not an ISO 3166 code such as 'DE' or 'US-VA'")
    elif doc.id != f"place-{code.lower()}":
        errors.append(f"id: {doc.id!r} must be 'place-{code.lower()}' for place {code}")
    for key in ("within", "jurisdictions", "topics", "articles", "sources", "dated_facts", "actions", "laws"):
        if meta.get(key) is not None and not isinstance(meta.get(key), list):
            errors.append(f"{key}: must be a list, got {type(meta.get(key)).__name__}")
    if errors:
        return errors
    unknown_groups = sorted({str(g) for g in meta.get("within") or []} - GROUPS)
    if unknown_groups:
        errors.append(f"within: unknown group(s) {', '.join(unknown_groups)} (use {', '.join(sorted(GROUPS))})")
    for n, entry in enumerate(meta.get("laws") or []):
        if not isinstance(entry, dict) or not _LAW_ID.match(str(entry.get("id") or "")):
            errors.append(f"laws[{n}]: needs a kebab-case `id`")
        elif not entry.get("name") or not entry.get("places"):
            errors.append(f"laws[{n}] ({entry['id']}): needs `name` and `places`")
    for n, action in enumerate(meta.get("actions") or []):
        if not isinstance(action, dict) or not action.get("do") or not action.get("law"):
            errors.append(f"actions[{n}]: needs `law` and `do`")
        elif str(action.get("stage") or "governance") not in STAGES:
            errors.append(f"actions[{n}].stage: {action.get('stage')!r} is not one of {', '.join(STAGES)}")
    return errors


def validate_places(docs: Iterable[KnowledgeDoc]) -> list[str]:
    """Every problem in every place document, as 'file: field: message' lines (empty when all are sound).
    Checks what loading cannot afford on every start: real ISO codes, known law ids, dates and statuses."""
    docs = list(docs)
    places = [d for d in docs if d.kind == PLACE_KIND]
    known = known_law_ids(docs)
    problems: list[str] = []
    for doc in places:
        problems += [f"{doc.path}: {error}" for error in place_errors(doc, known)]
    return problems


def known_law_ids(docs: Iterable[KnowledgeDoc]) -> set[str]:
    """Framework and law ids the knowledge base defines: other documents' jurisdictions, place laws, 'global'."""
    docs = list(docs)
    known = {j for d in docs if d.kind != PLACE_KIND for j in d.jurisdictions} | {"global"}
    return known | {str(e.get("id")) for d in docs if d.kind == PLACE_KIND for e in place_law_entries(d)}


def place_errors(doc: KnowledgeDoc, known_laws: set[str]) -> list[str]:
    """Problems with one place document's front matter (structure first, then content)."""
    errors = structural_errors(doc)
    if errors:
        return errors
    meta = doc.meta
    code = place_code(doc)
    if not _is_iso_code(code):
        errors.append(f"place: {code!r} is not an ISO 3166-1 country or ISO 3166-2 subdivision code")
    if not str(meta.get("place_name") or "").strip():
        errors.append("place_name: missing (the name people use, e.g. 'Germany')")
    own = {str(e.get("id")) for e in place_law_entries(doc)}
    unknown = [j for j in doc.jurisdictions if j not in known_laws | own]
    if unknown:
        errors.append(f"jurisdictions: unknown id(s) {', '.join(unknown)} (see knowledge/README.md)")
    if not isinstance(meta.get("reviewed"), dt.date):
        errors.append(f"reviewed: {meta.get('reviewed')!r} is not a date (YYYY-MM-DD)")
    sources = meta.get("sources") or []
    if not sources or not all(isinstance(s, dict) and s.get("url") and s.get("ref") for s in sources):
        errors.append("sources: needs at least one entry, each with `url` and `ref`")
    for n, fact in enumerate(meta.get("dated_facts") or []):
        errors += [f"dated_facts[{n}]: {e}" for e in _dated_fact_errors(fact)]
    for n, action in enumerate(meta.get("actions") or []):
        if str(action["law"]) not in known_laws | own:
            errors.append(f"actions[{n}].law: unknown law id {action['law']!r}")
    for n, entry in enumerate(place_law_entries(doc)):
        bad = [p for p in entry.get("places") or [] if not _is_iso_code(str(p).upper()) and p not in GROUPS]
        if bad:
            errors.append(f"laws[{n}].places: not ISO codes: {', '.join(map(str, bad))}")
    return errors


def _dated_fact_errors(fact: Any) -> list[str]:
    if not isinstance(fact, dict):
        return ["must be a mapping {date, fact, status}"]
    errors = []
    if not isinstance(fact.get("date"), dt.date):
        errors.append(f"date {fact.get('date')!r} is not a date (YYYY-MM-DD)")
    if not str(fact.get("fact") or "").strip():
        errors.append("fact: missing")
    if fact.get("status") not in STATUSES:
        errors.append(f"status {fact.get('status')!r} is not one of {', '.join(sorted(STATUSES))}")
    return errors


def _is_iso_code(code: str) -> bool:
    import pycountry  # only when validating: loading its tables costs ~0.2 s

    if "-" in code:
        return pycountry.subdivisions.get(code=code) is not None
    return pycountry.countries.get(alpha_2=code) is not None
