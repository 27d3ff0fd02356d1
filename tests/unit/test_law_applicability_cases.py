"""Each law's applicability conditions, read exactly as the shared spec says, give the expected verdict on
hand-written businesses: one where the law applies and one where it clearly does not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from agent.profile.places import eea_countries, eu_countries
from tests.unit.test_law_front_matter import MAIN

CASES = yaml.safe_load((Path(__file__).parent / "data" / "law_applicability_cases.yaml").read_text(encoding="utf-8"))
LAWS = {d.meta["law"]["id"]: d.meta for d in MAIN}
_COMPARE = {"gt": float.__gt__, "gte": float.__ge__, "lt": float.__lt__, "lte": float.__le__}


def _expand(code: str) -> set[str]:
    return {"EU": eu_countries(), "EEA": eea_countries()}.get(code, {code})


def _in_reach(law: dict[str, Any], facts: dict[str, Any]) -> bool:
    reach = set().union(*(_expand(code) for code in law["places"]))
    where = set(facts.get("places") or [])
    if law["reach"] == "market":
        where |= set(facts.get("markets") or [])
    return bool(reach & where)


def _holds(test: dict[str, Any], facts: dict[str, Any]) -> bool | None:
    """True, False, or None when the fact is unknown (missing is never false)."""
    value = facts.get(test["fact"])
    if value is None:
        return None
    if "is" in test:
        return bool(value == test["is"])
    if "in" in test:
        return value in test["in"]
    if "has" in test:
        return test["has"] in value
    if "has_any" in test:
        return bool(set(value) & set(test["has_any"]))
    operator = next(op for op in _COMPARE if op in test)
    return bool(_COMPARE[operator](float(value), float(test[operator])))


def _verdict(meta: dict[str, Any], facts: dict[str, Any]) -> str:
    if not _in_reach(meta["law"], facts):
        return "does_not_apply"
    block = meta.get("applicability") or {}
    if any(_holds(t, facts) for t in block.get("exempt") or []):
        return "does_not_apply"
    all_results = [_holds(t, facts) for t in block.get("all") or []]
    any_results = [_holds(t, facts) for t in block.get("any") or []]
    if False in all_results or (any_results and all(r is False for r in any_results)):
        return "does_not_apply"
    if None in all_results or (any_results and True not in any_results):
        return "unknown"
    return "applies"


def test_every_law_with_conditions_has_an_applying_and_a_not_applying_case() -> None:
    covered = {entry["law"]: {c["expect"] for c in entry["cases"]} for entry in CASES}
    assert set(covered) <= set(LAWS)
    assert all({"applies", "does_not_apply"} <= kinds for kinds in covered.values())


@pytest.mark.parametrize(
    ("law", "facts", "expect"),
    [(entry["law"], case["facts"], case["expect"]) for entry in CASES for case in entry["cases"]],
)
def test_applicability_verdict(law: str, facts: dict[str, Any], expect: str) -> None:
    assert _verdict(LAWS[law], facts) == expect
