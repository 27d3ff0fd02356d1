"""The seam scan over every draft of our case sets and of the outside validation set: an owner reads no double
spaces, "1 findings", internal ids, nested brackets, glued units or lists, or another trade's words in any of them.

The validation descriptions are read from ../shared at test time (never copied here); CI has ../shared beside the
clone, so a missing folder is a failure that says so, not a skip."""

from __future__ import annotations

import json

import pytest
import yaml

from agent.config import PROJECT_ROOT, Settings
from agent.export.markdown import roadmap_markdown
from agent.planning.pipeline import draft_from_text
from agent.writing import scan_draft
from tests.conftest import TODAY

DATASETS = PROJECT_ROOT / "evals" / "datasets"
VALIDATION = PROJECT_ROOT.parent / "shared" / "validation" / "business_cases.jsonl"


def _descriptions() -> list[tuple[str, str]]:
    cases = [
        (f"{name}:{c['id']}", c["description"])
        for name, path in (("descriptions", "descriptions/descriptions.yaml"), ("draft", "draft/cases.yaml"))
        for c in yaml.safe_load((DATASETS / path).read_text(encoding="utf-8"))
    ]
    if not VALIDATION.is_file():
        pytest.fail(f"The outside validation set is missing: {VALIDATION} (clone ../shared beside the project).")
    for line in VALIDATION.read_text(encoding="utf-8").splitlines():
        if line.strip():
            case = json.loads(line)
            cases.append((f"validation:{case['id']}", case["description"]))
    return cases


def test_every_draft_of_every_case_set_reads_without_seams(project_settings: Settings) -> None:
    cases = _descriptions()
    assert len(cases) >= 90  # every case set was read, not an empty list
    found = []
    for name, description in cases:
        result = draft_from_text(description, project_settings, TODAY)
        seams = scan_draft(result.roadmap, roadmap_markdown(result.roadmap, result.findings))
        found += [f"{name} {s.where} [{s.kind}] {s.text}" for s in seams]
    assert found == [], f"{len(found)} seams, first ones:\n" + "\n".join(found[:40])
