"""The planner's knowledge: use cases, stage guides and compliance actions, read from knowledge/ front matter."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from agent.laws import law_specs
from agent.retrieval.documents import KnowledgeDoc, cached_knowledge
from agent.retrieval.place_docs import place_law_entries
from agent.schemas import STAGE_ORDER, Citation, Risk


@dataclass(frozen=True)
class UseCaseSpec:
    """A use case from knowledge/use_cases/."""

    id: str
    title: str
    industries: tuple[str, ...]
    goals: tuple[str, ...]
    keywords: tuple[str, ...]
    objective: str
    metric: dict[str, Any]
    data_needed: tuple[str, ...]
    systems: tuple[str, ...]
    setup_cost: tuple[float, float]
    monthly_cost: tuple[float, float]
    cost_currency: str
    effort: str
    skills: tuple[str, ...]
    pilot_months: int
    value: int
    feasibility: int
    risks: tuple[Risk, ...]
    triggers: tuple[str, ...]
    citation: Citation
    benefit: dict[str, Any] = field(default_factory=dict)  # what it brings back: hours a week, share of revenue


@dataclass(frozen=True)
class StageSpec:
    """A stage guide from knowledge/stages/."""

    id: str
    order: int
    title: str
    owner_role: str
    duration: tuple[int, int]
    activities: tuple[str, ...]
    deliverables: tuple[str, ...]
    kpis: tuple[str, ...]
    risks: tuple[Risk, ...]
    budget_share: float
    citation: Citation


@dataclass(frozen=True)
class ActionSpec:
    """A compliance action from a compliance document's front matter."""

    jurisdiction: str
    when: tuple[str, ...]
    do: str
    stage: str
    ref: str
    citation: Citation
    place: str = ""  # a place-layer action: planned only for a business in (or selling into) this place
    own_law: bool = False  # its law is one the place document itself defines (its verdict already placed it)


@dataclass(frozen=True)
class Catalogue:
    """Everything the offline planner reads, loaded once."""

    use_cases: tuple[UseCaseSpec, ...]
    stages: tuple[StageSpec, ...]
    actions: tuple[ActionSpec, ...]
    docs: dict[str, KnowledgeDoc] = field(default_factory=dict)
    law_docs: dict[str, KnowledgeDoc] = field(default_factory=dict)  # law id -> the document with its `law:` block
    law_citations: dict[str, Citation] = field(default_factory=dict)  # law id -> where it says whom it covers
    market_laws: frozenset[str] = frozenset()  # ids of laws that also reach businesses selling into their places

    def stage(self, stage_id: str) -> StageSpec:
        """The guide for one stage."""
        return next(s for s in self.stages if s.id == stage_id)


@lru_cache(maxsize=4)
def load_catalogue(knowledge_dir: Path) -> Catalogue:
    """Parse knowledge/ into use-case, stage and action specs (cached per folder)."""
    docs = cached_knowledge(knowledge_dir)
    use_cases = tuple(_use_case(d) for d in docs if d.kind == "use_case")
    stages = tuple(sorted((_stage(d) for d in docs if d.kind == "stage"), key=lambda s: s.order))
    missing = [s for s in STAGE_ORDER if s not in {st.id for st in stages}]
    if missing:
        raise ValueError(f"knowledge/stages/ lacks guides for: {', '.join(missing)}")
    # Framework actions first, then the place layer's: a place repeating a framework duty adds no second task.
    actions = tuple(a for kind in ("compliance", "place") for d in docs if d.kind == kind for a in _actions(d))
    law_docs = {_law_id(d): d for d in docs if d.kind == "compliance" and isinstance(d.meta.get("law"), dict)}
    law_docs |= {str(e["id"]): d for d in docs if d.kind == "place" for e in place_law_entries(d)}
    citations = {law: _citation(d, d.sections[0].heading if d.sections else "") for law, d in law_docs.items()}
    market_laws = frozenset(s.id for s in law_specs(knowledge_dir) if s.reach == "market")
    return Catalogue(use_cases, stages, actions, {d.id: d for d in docs}, law_docs, citations, market_laws)


def _law_id(doc: KnowledgeDoc) -> str:
    return str(doc.meta["law"].get("id") or (doc.jurisdictions[0] if doc.jurisdictions else doc.id))


def _citation(doc: KnowledgeDoc, section: str = "", article: str | None = None) -> Citation:
    return Citation(doc_id=doc.id, title=doc.title, section=section, article=article, url=doc.url)


def _risks(raw: Any) -> tuple[Risk, ...]:
    return tuple(
        Risk(risk=str(r["risk"]), mitigation=str(r["mitigation"]), owner=str(r.get("owner", "Owner")))
        for r in raw or []
        if isinstance(r, dict) and "risk" in r and "mitigation" in r
    )


def _pair(raw: Any, default: tuple[float, float]) -> tuple[float, float]:
    if isinstance(raw, list | tuple) and len(raw) == 2:
        return float(raw[0]), float(raw[1])
    return default


def _use_case(doc: KnowledgeDoc) -> UseCaseSpec:
    m = doc.meta
    cost = m.get("cost") or {}
    return UseCaseSpec(
        id=doc.id,
        title=doc.title,
        industries=tuple(m.get("industries") or ("any",)),
        goals=tuple(m.get("goals") or ()),
        keywords=tuple(str(k).lower() for k in m.get("keywords") or ()),
        objective=str(m.get("objective") or doc.title),
        metric=dict(m.get("metric") or {}),
        data_needed=tuple(str(x) for x in m.get("data_needed") or ()),
        systems=tuple(m.get("systems") or ()),
        setup_cost=_pair(cost.get("setup"), (2000.0, 8000.0)),
        monthly_cost=_pair(cost.get("monthly"), (50.0, 300.0)),
        cost_currency=str(cost.get("currency") or "EUR"),
        effort=str(m.get("effort") or "medium"),
        skills=tuple(m.get("skills") or ()),
        pilot_months=int(m.get("pilot_months") or 3),
        value=int(m.get("value") or 3),
        feasibility=int(m.get("feasibility") or 3),
        risks=_risks(m.get("risks")),
        triggers=tuple(m.get("compliance_triggers") or ()),
        citation=_citation(doc, doc.sections[0].heading if doc.sections else ""),
        benefit=dict(m.get("benefit") or {}),
    )


def _stage(doc: KnowledgeDoc) -> StageSpec:
    m = doc.meta
    duration = m.get("duration_months") or {}
    return StageSpec(
        id=str(m["stage"]),
        order=int(m.get("order") or STAGE_ORDER.index(m["stage"]) + 1),
        title=doc.title,
        owner_role=str(m.get("owner_role") or "Owner"),
        duration=(int(duration.get("min", 1)), int(duration.get("max", duration.get("min", 1)))),
        activities=tuple(str(a) for a in m.get("activities") or ()),
        deliverables=tuple(str(a) for a in m.get("deliverables") or ()),
        kpis=tuple(str(a) for a in m.get("kpis") or ()),
        risks=_risks(m.get("risks")),
        budget_share=float(m.get("budget_share") or 0.1),
        citation=_citation(doc, doc.sections[0].heading if doc.sections else ""),
    )


def _actions(doc: KnowledgeDoc) -> list[ActionSpec]:
    out = []
    for raw in doc.meta.get("actions") or []:
        if not isinstance(raw, dict) or "do" not in raw:
            continue
        ref = str(raw.get("ref") or "")
        section = _section_for(doc, ref)
        # An action in a document on two laws (UK GDPR and PECR) may name the one whose duty it is.
        laws = (str(raw["law"]),) if raw.get("law") else doc.jurisdictions or ("global",)
        for jurisdiction in laws:
            out.append(
                ActionSpec(
                    jurisdiction=jurisdiction,
                    when=tuple(raw.get("when") or ()),
                    do=str(raw["do"]),
                    stage=str(raw.get("stage") or "governance"),
                    ref=ref,
                    citation=_citation(doc, section.heading if section else "", ref or None),
                    place=doc.place,
                    own_law=jurisdiction in {str(e["id"]) for e in place_law_entries(doc)},
                )
            )
    return out


def _section_for(doc: KnowledgeDoc, ref: str) -> Any:
    """The section whose heading article best matches ref ('GDPR Art. 35' -> '... (GDPR Art. 35)')."""
    if not doc.sections:
        return None
    key = ref.split(",")[0].strip().lower()
    for section in doc.sections:
        if section.article and key and (key in section.article.lower() or section.article.lower() in key):
            return section
    return doc.sections[0]
