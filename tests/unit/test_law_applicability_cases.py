"""Each law's applicability conditions, run through the real verdict engine, give the expected verdict on
hand-written businesses (tests/unit/data/law_applicability_cases.yaml): one where the law applies and one where it
clearly does not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from agent.laws import judge, law_specs
from agent.profile.applicability import place_name
from agent.profile.places import eea_countries, eu_countries

CASES = yaml.safe_load((Path(__file__).parent / "data" / "law_applicability_cases.yaml").read_text(encoding="utf-8"))
SPECS = {spec.id: spec for spec in law_specs()}


def _with_groups(codes: list[str]) -> list[str]:
    """Place codes as the engine sees them: a member state also counts as 'EU' and 'EEA'."""
    out = set(codes)
    if out & eu_countries():
        out |= {"EU", "EEA"}
    elif out & eea_countries():
        out.add("EEA")
    return sorted(out)


def _facts(facts: dict[str, Any]) -> dict[str, Any]:
    return {
        **facts,
        "places": _with_groups(facts.get("places") or []),
        "markets": _with_groups(facts.get("markets") or []),
    }


def test_every_law_with_conditions_has_an_applying_and_a_not_applying_case() -> None:
    covered = {entry["law"]: {c["expect"] for c in entry["cases"]} for entry in CASES}
    assert set(covered) <= set(SPECS)
    assert all({"applies", "does_not_apply"} <= kinds for kinds in covered.values())


@pytest.mark.parametrize(
    ("law", "facts", "expect"),
    [(entry["law"], case["facts"], case["expect"]) for entry in CASES for case in entry["cases"]],
)
def test_applicability_verdict(law: str, facts: dict[str, Any], expect: str) -> None:
    verdict = judge(SPECS[law], _facts(facts), place_name)
    assert verdict.verdict == expect, verdict.reasons
