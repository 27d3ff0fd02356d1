"""`roadmap ask` and `roadmap ingest` through the CLI: JSON output, clear errors, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from agent.cli import app
from tests.unit.corpus import write_doc

QUESTION = "Within how many hours must a controller notify the supervisory authority of a personal data breach?"


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, knowledge_root: Path, tmp_path: Path) -> Path:
    """Point the CLI at the fixture corpus and a throwaway data dir; returns the data dir."""
    data = tmp_path / "data"
    monkeypatch.chdir(tmp_path)  # no stray .env file is read
    monkeypatch.setenv("KNOWLEDGE_DIR", str(knowledge_root))
    monkeypatch.setenv("DATA_DIR", str(data))
    monkeypatch.setenv("EMBEDDING_BACKEND", "hash")
    monkeypatch.setenv("COLUMNS", "250")  # rich wraps error messages at the terminal width
    return data


def _run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def _assert_clean_failure(result: Result, *fragments: str) -> None:
    """Non-zero exit, every fragment in the message, no traceback and no escaped exception."""
    text = " ".join(result.output.split())
    assert result.exit_code != 0, result.output
    assert result.exit_code == 2 and result.exception is not None and isinstance(result.exception, SystemExit)
    assert "error:" in text
    for fragment in fragments:
        assert fragment in text, text
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_ask_json_prints_one_answer_object(cli_env: Path) -> None:
    result = _run("ask", QUESTION, "--json")

    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert set(payload) >= {"answer", "citations", "covered", "disclaimer"}
    assert payload["covered"] is True
    assert payload["citations"][0] | {"url": None} == {
        "doc_id": "gdpr-breach",
        "title": "GDPR: personal data breaches",
        "section": "Breach reporting (GDPR Art. 33)",
        "article": "GDPR Art. 33",
        "url": None,
    }
    assert "[1]" in payload["answer"] and "72 hours" in payload["answer"]
    assert "not legal advice" in payload["disclaimer"]


def test_ask_prints_answer_citations_and_disclaimer(cli_env: Path) -> None:
    result = _run("ask", QUESTION)

    text = " ".join(result.stdout.split())
    assert result.exit_code == 0, result.output
    assert "within 72 hours" in text
    assert "[1] GDPR: personal data breaches - Breach reporting (GDPR Art. 33) [gdpr-breach]" in text
    assert "not legal advice" in text


def test_ask_with_a_jurisdiction_alias(cli_env: Path) -> None:
    result = _run("ask", "Can a consumer ask a business to delete personal information?", "-j", "california", "--json")

    payload = json.loads(result.stdout)
    assert payload["jurisdictions"] == ["ccpa", "cmia"]
    assert {c["doc_id"] for c in payload["citations"]} <= {"ccpa-rights", "nist-ai-rmf"}


@pytest.mark.parametrize("question", ["", "   "])
def test_empty_question_fails_clearly(cli_env: Path, question: str) -> None:
    _assert_clean_failure(_run("ask", question), "The question is empty")
    assert not cli_env.exists()  # rejected before anything was built


def test_unknown_jurisdiction_lists_the_valid_values(cli_env: Path) -> None:
    result = _run("ask", QUESTION, "--jurisdiction", "brazil")

    _assert_clean_failure(result, "Unknown jurisdiction 'brazil'", "Valid values: ccpa, gdpr, global,", "uk")


def test_data_dir_that_is_a_file_fails_clearly(cli_env: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    not_a_dir = tmp_path / "data-file"
    not_a_dir.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("DATA_DIR", str(not_a_dir))

    _assert_clean_failure(_run("ask", QUESTION), "Cannot open the knowledge index", "DATA_DIR")


def test_corrupted_index_fails_clearly(cli_env: Path) -> None:
    chroma = cli_env / "index" / "chroma"
    chroma.mkdir(parents=True)
    (chroma / "chroma.sqlite3").write_bytes(b"this is not a database" * 200)

    _assert_clean_failure(_run("ask", QUESTION), "Cannot open the knowledge index", "roadmap ingest")
    _assert_clean_failure(_run("ingest"), "Cannot open the knowledge index")


def test_malformed_knowledge_file_fails_clearly(cli_env: Path, knowledge_root: Path) -> None:
    bad = knowledge_root / "compliance" / "broken-[draft].md"  # brackets: rich markup must not eat them
    bad.write_text("# No front matter here\n", encoding="utf-8")

    _assert_clean_failure(_run("ask", QUESTION), str(bad), "missing YAML front matter")
    _assert_clean_failure(_run("ingest"), str(bad))


def test_index_built_with_another_backend_fails_clearly(cli_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _run("ingest").exit_code == 0
    monkeypatch.setenv("EMBEDDING_BACKEND", "torch")  # never loaded: the mismatch is found first

    _assert_clean_failure(_run("ask", QUESTION), "built with hash-384", "roadmap ingest")


def test_ingest_reports_counts_and_is_incremental(cli_env: Path, knowledge_root: Path) -> None:
    first = _run("ingest")
    second = _run("ingest")
    write_doc(knowledge_root, "new-doc", "# New\n\n## Only section\nA brand new fact.\n")
    third = _run("ingest")

    assert [r.exit_code for r in (first, second, third)] == [0, 0, 0]
    assert first.stdout.strip() == ("4 added, 0 updated, 0 removed, 0 unchanged; 7 chunks embedded; 7 in the index.")
    assert second.stdout.strip() == ("0 added, 0 updated, 0 removed, 4 unchanged; 0 chunks embedded; 7 in the index.")
    assert third.stdout.strip() == ("1 added, 0 updated, 0 removed, 4 unchanged; 1 chunks embedded; 8 in the index.")


@pytest.mark.parametrize(("backend", "warmed"), [("onnx", True), ("hash", False)])
def test_ingest_also_readies_the_readers_models_even_when_nothing_changed(
    cli_env: Path, monkeypatch: pytest.MonkeyPatch, backend: str, warmed: bool
) -> None:
    """Setup runs `roadmap ingest` so that no later command trains the reader under a caller's time limit."""
    import agent.cli as cli
    import agent.profile.asks as asks
    from agent.retrieval.store import IngestReport

    class _Store:
        def count(self) -> int:
            return 7

    calls: list[str] = []
    monkeypatch.setenv("EMBEDDING_BACKEND", backend)
    monkeypatch.setattr(cli.KnowledgeStore, "from_settings", classmethod(lambda cls, settings: _Store()))
    monkeypatch.setattr(cli, "ingest", lambda store, settings, tick: IngestReport(unchanged=4))
    monkeypatch.setattr(asks, "warm_reader", lambda: calls.append("warmed"))

    result = _run("ingest")

    assert result.exit_code == 0, result.output
    assert "4 unchanged" in result.stdout
    assert calls == (["warmed"] if warmed else [])
