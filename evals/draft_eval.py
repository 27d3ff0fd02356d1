"""Scoring offline drafts on business cases: profile extraction, jurisdictions, compliance flags, use cases,
budget ceiling, pilot length, red flags and error-severity checks."""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from agent.checks import check_roadmap
from agent.config import Settings
from agent.planning.pipeline import draft_from_text
from agent.profile.risky import red_flags
from agent.schemas import Roadmap

DATASET = Path(__file__).parent / "datasets" / "draft" / "cases.yaml"
TODAY = date(2026, 11, 23)
# Every case must pass these; profile fields are scored as a rate (a missed headcount is not a broken plan).
CASE_CHECKS = (
    "jurisdictions",
    "compliance",
    "use_cases",
    "budget",
    "pilot",
    "red_flags",
    "errors",
    "refusals",
)
THRESHOLDS = {"case_pass_rate": 1.0, "profile_field_accuracy": 0.85}


def load_cases(quick: bool = False) -> list[dict[str, Any]]:
    """Cases from the YAML dataset; quick keeps every third."""
    cases = yaml.safe_load(DATASET.read_text(encoding="utf-8")) or []
    return cases[::3] if quick else cases


def score_case(case: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """Named pass/fail results for one case, with details of what failed."""
    expect = case["expect"]
    started = time.perf_counter()
    result = draft_from_text(case["description"], settings, TODAY)
    seconds = time.perf_counter() - started
    roadmap = result.roadmap
    checks: dict[str, bool] = {}
    details: dict[str, Any] = {}

    got = set(roadmap.profile.jurisdictions)
    want = set(expect.get("jurisdictions") or [])
    checks["jurisdictions"] = got == want
    if got != want:
        details["jurisdictions"] = {"missing": sorted(want - got), "extra": sorted(got - want)}

    text = _compliance_text(roadmap)
    missing = [
        m
        for m in expect.get("compliance_must_mention") or []
        if not any(alt.strip().lower() in text for alt in m.split("|"))
    ]
    checks["compliance"] = not missing
    if missing:
        details["compliance_missing"] = missing

    active = [u.id for u in roadmap.use_cases if u.phase != "later"]
    wanted = expect.get("use_cases_any") or []
    checks["use_cases"] = not wanted or bool(set(active) & set(wanted))
    if not checks["use_cases"]:
        details["use_cases"] = {"active": active, "wanted_any": wanted}

    ceiling = (expect.get("budget") or {}).get("amount")
    checks["budget"] = ceiling is None or roadmap.budget.total <= ceiling
    if not checks["budget"]:
        details["budget"] = {"total": roadmap.budget.total, "ceiling": ceiling}

    limit = expect.get("max_pilot_months") or 6
    checks["pilot"] = 3 <= roadmap.timeline.pilot_months <= limit
    if not checks["pilot"]:
        details["pilot_months"] = roadmap.timeline.pilot_months

    checks["red_flags"] = not _planned_red_flags(roadmap)
    if not checks["red_flags"]:
        details["red_flags"] = _planned_red_flags(roadmap)
    errors = [f.rule_id for f in check_roadmap(roadmap) if f.severity == "error"]
    checks["errors"] = not errors
    if errors:
        details["errors"] = errors
    refused = " ".join(roadmap.not_recommended)
    missing_refusals = [
        f for f in expect.get("not_recommended_includes") or [] if red_flags()[f].message not in refused
    ]
    checks["refusals"] = not missing_refusals
    if missing_refusals:
        details["refusals_missing"] = missing_refusals
    fields = _profile_fields(roadmap, expect)
    return {
        "id": case["id"],
        "checks": checks,
        "fields": fields,
        "details": details,
        "seconds": seconds,
        "generated_by": roadmap.generated_by,
        "usage": result.usage or {},
        "notices": result.notices,
    }


def model_use(usages: list[dict[str, Any]]) -> dict[str, int]:
    """Model calls and tokens summed over a run (all zero offline)."""
    return {
        "model_calls": sum(int(u.get("calls", 0)) for u in usages),
        "model_tokens": sum(int(u.get("total_tokens", 0)) for u in usages),
    }


def _compliance_text(roadmap: Roadmap) -> str:
    parts = [f"{a.action} {a.ref}" for a in roadmap.compliance]
    parts += [t.topic for t in roadmap.training.items]
    return " ".join(parts).lower()


def _planned_red_flags(roadmap: Roadmap) -> list[str]:
    # "Compliance:" activities are legal duties, often bans on the very practice: not plans.
    activities = [a for s in roadmap.stages for a in s.activities if not a.startswith("Compliance:")]
    plan = " ".join([u.name for u in roadmap.use_cases if u.phase != "later"] + activities).lower()
    return [
        fid
        for fid, flag in red_flags().items()
        if any(re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", plan) for p in flag.phrases)
    ]


def _profile_fields(roadmap: Roadmap, expect: dict[str, Any]) -> dict[str, bool]:
    p = roadmap.profile
    out: dict[str, bool] = {}
    if "industry" in expect:
        out["industry"] = p.industry == expect["industry"]
    if "headcount" in expect:
        out["headcount"] = p.headcount == expect["headcount"]
    if "budget" in expect:
        b = expect["budget"]
        out["budget"] = (
            (p.budget is None)
            if b is None
            else (
                p.budget is not None and abs(p.budget.amount - b["amount"]) < 1 and p.budget.currency == b["currency"]
            )
        )
    if "revenue" in expect:
        r = expect["revenue"]
        out["revenue"] = (
            (p.annual_revenue is None)
            if r is None
            else (
                p.annual_revenue is not None
                and abs(p.annual_revenue.amount - r["amount"]) / r["amount"] < 0.01
                and p.annual_revenue.currency == r["currency"]
            )
        )
    if expect.get("data_held_includes"):
        out["data_held"] = set(expect["data_held_includes"]) <= set(p.data_held)
    if expect.get("goals_includes"):
        out["goals"] = bool(set(expect["goals_includes"]) & set(p.goals))
    return out


def run(settings: Settings, quick: bool = False, limit: int | None = None) -> dict[str, Any]:
    """Score every case (or the first `limit`) and aggregate; 'passed' compares with THRESHOLDS."""
    results = [score_case(case, settings) for case in load_cases(quick)[:limit]]
    passed_cases = [r for r in results if all(r["checks"].get(c, True) for c in CASE_CHECKS)]
    fields = [ok for r in results for ok in r["fields"].values()]
    per_check = {c: sum(r["checks"][c] for r in results) / len(results) for c in CASE_CHECKS} if results else {}
    per_field: dict[str, list[bool]] = {}
    for r in results:
        for name, ok in r["fields"].items():
            per_field.setdefault(name, []).append(ok)
    scores: dict[str, Any] = {
        "cases": len(results),
        "case_pass_rate": len(passed_cases) / len(results) if results else 0.0,
        "profile_field_accuracy": sum(fields) / len(fields) if fields else 0.0,
        "per_check": per_check,
        "per_field": {k: sum(v) / len(v) for k, v in per_field.items()},
        "seconds_per_draft": sum(r["seconds"] for r in results) / len(results) if results else 0.0,
        "tailored_by_model": sum(r["generated_by"] == "llm" for r in results),
        **model_use([r["usage"] for r in results]),
        "notices": {r["id"]: r["notices"] for r in results if r["notices"]},
        "failures": [
            {"id": r["id"], **r["details"], "fields": {k: v for k, v in r["fields"].items() if not v}}
            for r in results
            if r["details"] or not all(r["fields"].values())
        ],
        "thresholds": THRESHOLDS,
    }
    scores["passed"] = all(scores[k] >= v for k, v in THRESHOLDS.items())
    return scores
