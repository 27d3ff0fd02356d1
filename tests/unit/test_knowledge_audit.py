"""`roadmap knowledge audit`: old reviews, pending dated facts whose date has passed, and body dates now history."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from agent.cli import app
from agent.retrieval import load_knowledge
from agent.retrieval.audit import audit_knowledge, passed_dates

FIXTURES = Path(__file__).parent / "data" / "places"
TODAY = dt.date(2026, 11, 30)


def _fixture_docs(tmp_path: Path) -> list:
    shutil.copytree(FIXTURES, tmp_path / "knowledge" / "places")
    return load_knowledge(tmp_path / "knowledge")


def test_a_pending_fact_whose_date_passed_is_due(tmp_path: Path) -> None:
    audits = {a.id: a for a in audit_knowledge(_fixture_docs(tmp_path), TODAY)}
    germany = audits["place-de"]
    assert germany.passed_pending == ["2026-06-30: A fixture rule begins"]
    assert germany.due and not germany.stale  # reviewed today, but a dated fact is out of date
    assert not audits["place-us-va"].due  # its only dated fact is in force


def test_reviews_older_than_the_limit_are_stale(tmp_path: Path) -> None:
    later = TODAY + dt.timedelta(days=200)
    audits = audit_knowledge(_fixture_docs(tmp_path), later, max_age_days=180)
    assert all(a.stale and a.age_days == 200 for a in audits)
    assert not any(a.stale for a in audit_knowledge(_fixture_docs(tmp_path / "b"), later, max_age_days=365))


def test_body_dates_that_are_now_history() -> None:
    text = "The duty applies from 2 August 2026. It was adopted on 13 June 2024. Rules start February 1, 2027."
    assert passed_dates(text, TODAY) == ["from 2 August 2026"]
    assert passed_dates(text, dt.date(2027, 3, 1)) == ["from 2 August 2026", "start February 1, 2027"]
    # a date already past when the text was reviewed was written as history: nothing to re-check
    assert passed_dates(text, TODAY, reviewed=dt.date(2026, 9, 1)) == []


def test_the_command_lists_due_documents_and_exits_non_zero_only_when_strict(tmp_path: Path, monkeypatch) -> None:
    _fixture_docs(tmp_path)
    monkeypatch.setenv("KNOWLEDGE_DIR", str(tmp_path / "knowledge"))
    runner = CliRunner()
    plain = runner.invoke(app, ["knowledge", "audit", "--json"])
    assert plain.exit_code == 0, plain.output
    report = json.loads(plain.output)
    assert report["due"] >= 1 and {d["id"] for d in report["documents"]} == {"place-de", "place-us-va"}
    assert runner.invoke(app, ["knowledge", "audit", "--strict"]).exit_code == 1
    assert runner.invoke(app, ["knowledge", "audit", "--max-age-days", "-1"]).exit_code == 2
