"""`roadmap draft` and `roadmap check` from the command line: outputs, field names, and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agent.cli import app
from tests.conftest import EXAMPLES

runner = CliRunner()


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("EMBEDDING_BACKEND", "hash")


def _draft_json(tmp_path: Path) -> Path:
    out = tmp_path / "roadmap.json"
    result = runner.invoke(
        app, ["draft", "--file", str(EXAMPLES / "webshop.txt"), "--format", "json", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


def test_draft_json_has_the_documented_fields(tmp_path: Path) -> None:
    data = json.loads(_draft_json(tmp_path).read_text())
    assert isinstance(data["profile"]["jurisdictions"], list)
    assert data["budget"]["currency"] == "GBP" and data["budget"]["total"] > 0
    assert all({"name", "pilot_months"} <= set(u) for u in data["use_cases"])
    assert all({"id", "start_month", "duration_months"} <= set(s) for s in data["stages"])


def test_draft_markdown_to_stdout() -> None:
    result = runner.invoke(app, ["draft", (EXAMPLES / "dental.txt").read_text()])
    assert result.exit_code == 0
    assert result.stdout.startswith("# AI implementation roadmap for Smile Dental")
    assert "```mermaid" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["draft", ""], "empty"),
        (["draft", "a bakery"], "too short"),
        (["draft"], "Give a description"),
        (["draft", "--file", "/no/such/file.txt"], "Cannot read"),
        (["draft", "x" * 40, "--format", "odt"], "Unknown format"),
        (["draft", "x" * 40, "--start", "2027-13"], "YYYY-MM"),
    ],
)
def test_draft_errors_are_clear(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_draft_rejects_binary_files(tmp_path: Path) -> None:
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" * 20)
    result = runner.invoke(app, ["draft", "--file", str(binary)])
    assert result.exit_code == 2 and "not a UTF-8 text file" in result.output


def test_failed_write_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_text("previous plan")
    target.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        result = runner.invoke(app, ["draft", "--file", str(EXAMPLES / "bakery.txt"), "--out", str(target)])
    finally:
        tmp_path.chmod(0o755)
        target.chmod(0o644)
    if result.exit_code == 0:  # running as root ignores permissions; the file is then simply replaced
        assert target.read_text().startswith("# AI implementation roadmap")
    else:
        assert result.exit_code == 2 and target.read_text() == "previous plan"


def test_check_passes_a_fresh_draft_and_fails_a_broken_one(tmp_path: Path) -> None:
    path = _draft_json(tmp_path)
    ok = runner.invoke(app, ["check", str(path)])
    assert ok.exit_code == 0, ok.output
    assert "rules passed" in ok.output
    data = json.loads(path.read_text())
    data["budget"]["total"] = data["budget"]["total"] + 999
    data["stages"] = data["stages"][:-1]
    path.write_text(json.dumps(data))
    bad = runner.invoke(app, ["check", str(path), "--json"])
    assert bad.exit_code == 1
    ids = {f["rule_id"] for f in json.loads(bad.stdout)}
    assert {"BUD-001", "TL-001"} <= ids


def test_check_reports_exact_paths_for_schema_mismatch(tmp_path: Path) -> None:
    path = _draft_json(tmp_path)
    data = json.loads(path.read_text())
    data["use_cases"][0]["pilot_months"] = "three"
    data["stages"][2]["surprise"] = True
    path.write_text(json.dumps(data))
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert "use_cases[0].pilot_months" in result.output and "stages[2].surprise" in result.output


def test_check_rejects_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{not json")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2 and "Not valid JSON" in result.output


def test_draft_writes_each_binary_format_to_a_file_or_a_pipe(tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "plan.pdf"
    result = runner.invoke(app, ["draft", "--file", str(EXAMPLES / "bakery.txt"), "--format", "pdf", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Crumb & Co" in PdfReader(out).pages[0].extract_text()
    piped = runner.invoke(app, ["draft", "--file", str(EXAMPLES / "bakery.txt"), "--format", "xlsx"])
    assert piped.exit_code == 0 and piped.stdout_bytes.startswith(b"PK")  # stdout is not a terminal here


def test_binary_formats_are_not_printed_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from agent.cli import _check_binary_target
    from agent.errors import UsageError

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    with pytest.raises(UsageError, match="--out FILE"):
        _check_binary_target(True, "docx", None)
    _check_binary_target(True, "docx", Path("plan.docx"))
    _check_binary_target(False, "csv", None)
