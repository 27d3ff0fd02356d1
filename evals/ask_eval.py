"""Scoring `roadmap ask` on a question set: retrieval recall@k, fact coverage, citation correctness and
honesty on questions the knowledge base does not cover."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml

from agent.llm import Usage
from agent.retrieval.store import KnowledgeStore, SearchMode
from agent.schemas import Answer

DATASETS = Path(__file__).parent / "datasets" / "ask"
THRESHOLDS = {"recall_at_5": 0.95, "fact_coverage": 0.90, "citation_correct": 0.90, "off_topic_honest": 0.85}


@dataclass
class Case:
    """One question with what a correct answer must contain."""

    id: str
    question: str
    jurisdiction: str | None = None
    facts: list[list[str]] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    expect_covered: bool = True
    must_not_say: list[str] = field(default_factory=list)
    heldout: bool = False


class Answerer(Protocol):
    """What score_answers needs: the offline answerer or the model-backed one (both take usage)."""

    def answer(
        self, question: str, jurisdictions: list[str] | None = None, *, usage: Usage | None = None
    ) -> Answer: ...


def load_cases(heldout: bool = False) -> list[Case]:
    """The tuning cases from the YAML files, or only the held-out ones (measured at the end, never tuned on)."""
    cases: list[Case] = []
    for path in sorted(DATASETS.glob("*.yaml")):
        for raw in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            facts = [f if isinstance(f, list) else [f] for f in raw.get("facts", [])]
            cases.append(
                Case(
                    id=raw["id"],
                    question=raw["question"],
                    jurisdiction=raw.get("jurisdiction"),
                    facts=[[str(x) for x in f] for f in facts],
                    docs=list(raw.get("docs", [])),
                    expect_covered=raw.get("expect_covered", True),
                    must_not_say=[str(x) for x in raw.get("must_not_say", [])],
                    heldout=bool(raw.get("heldout", False)),
                )
            )
    return [c for c in cases if c.heldout == heldout]


def recall_at_k(store: KnowledgeStore, cases: list[Case], k: int = 5, mode: SearchMode = "hybrid") -> float:
    """Share of answerable cases with an expected document among the top k hits."""
    answerable = [c for c in cases if c.expect_covered]
    hits = 0
    for case in answerable:
        found = store.search(case.question, k=k, jurisdictions=_jur(case), mode=mode)
        hits += any(h.doc_id in case.docs for h in found)
    return hits / len(answerable) if answerable else 0.0


def score_answers(answerer: Answerer, cases: list[Case], usage: Usage | None = None) -> dict[str, Any]:
    """Fact coverage, citation correctness and off-topic honesty, with the failures listed; a model-backed
    answerer's calls and tokens add up in usage."""
    facts_total = facts_found = cited_ok = answerable = honest = off_topic = wrong_claims = 0
    failures: list[dict[str, Any]] = []
    complete, lengths, outcomes = 0, [], []
    started = time.perf_counter()
    for case in cases:
        result = answerer.answer(case.question, _jur(case), usage=usage)
        if not case.expect_covered:
            off_topic += 1
            honest += not result.covered
            if result.covered:
                outcomes.append((result.confidence, False))
                failures.append({"id": case.id, "problem": "answered an uncovered question"})
            continue
        answerable += 1
        text = result.answer.lower()
        missing = [f[0] for f in case.facts if not any(alt.lower() in text for alt in f)]
        wrong = [claim for claim in case.must_not_say if claim.lower() in text]
        facts_total += len(case.facts)
        facts_found += len(case.facts) - len(missing)
        cited = {c.doc_id for c in result.citations}
        cited_ok += bool(cited & set(case.docs))
        wrong_claims += bool(wrong)
        lengths.append(len(result.answer))
        right = result.covered and not missing and not wrong and bool(cited & set(case.docs))
        complete += right
        if result.covered:
            outcomes.append((result.confidence, right))
        if missing or wrong or not result.covered or not cited & set(case.docs):
            failures.append(
                {"id": case.id, "missing_facts": missing, "says": wrong, "cited": sorted(cited), "want": case.docs}
            )
    return {
        "fact_coverage": facts_found / facts_total if facts_total else 0.0,
        "citation_correct": cited_ok / answerable if answerable else 0.0,
        "off_topic_honest": honest / off_topic if off_topic else 1.0,
        "wrong_claims": wrong_claims,
        "complete_answers": complete / answerable if answerable else 0.0,
        "median_chars": statistics.median(lengths) if lengths else 0,
        "right_by_confidence": calibration(outcomes),
        "seconds_per_answer": (time.perf_counter() - started) / len(cases) if cases else 0.0,
        "failures": failures,
    }


def calibration(outcomes: list[tuple[float, bool]]) -> dict[str, str]:
    """How often a covered answer is right, per confidence band: confidence should track correctness."""
    bands: dict[str, list[bool]] = {}
    for confidence, right in outcomes:
        low = min(int(confidence * 10) / 10, 0.9)
        bands.setdefault(f"{low:.1f}-{low + 0.1:.1f}", []).append(right)
    return {band: f"{sum(r)}/{len(r)}" for band, r in sorted(bands.items())}


def _jur(case: Case) -> list[str] | None:
    return [case.jurisdiction] if case.jurisdiction else None
