"""`roadmap chat`: the first run says it is building the index, and /show and /save take the roadmap away."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from typer.testing import CliRunner

from agent.cli import app

runner = CliRunner()
OPENING = "We run a hair salon in Leeds, UK with 6 staff and many no-shows. Budget £6,000. We use Fresha."


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("EMBEDDING_BACKEND", "hash")
    monkeypatch.setenv("INDEX_SEED_DIR", "")  # no seed: the first run builds the index and says so


def test_chat_shows_and_saves_the_roadmap(tmp_path: Path) -> None:
    book, calendar = tmp_path / "plan.xlsx", tmp_path / "gates.txt"
    script = [
        "/show",  # before any draft: a clear message, the chat goes on
        OPENING,
        "/show",
        f"/save {book}",
        f"/save {calendar} --format ics --start 2027-04",
        "/save --format pdf",
        "/frobnicate",
        "quit",
    ]
    result = runner.invoke(app, ["chat"], input="\n".join(script) + "\n")
    assert result.exit_code == 0, result.output
    assert "/save FILE" in result.output  # the commands are listed at the start
    assert "Building the knowledge index and training the reader for the first time" in result.output
    assert "no roadmap yet" in result.output
    assert "The nine stages" in result.output and "Budget" in result.output
    assert "Saved version 1 as Excel" in result.output and "Budget" in load_workbook(book).sheetnames
    events = Calendar.from_ical(calendar.read_bytes()).walk("VEVENT")
    assert min(e.decoded("DTSTART") for e in events).isoformat().startswith("2027-04")
    assert "Say where to save it" in result.output and "Unknown command /frobnicate" in result.output


def test_a_second_chat_opens_the_built_index_without_announcing_a_build(tmp_path: Path) -> None:
    runner.invoke(app, ["chat"], input="quit\n")
    again = runner.invoke(app, ["chat"], input="quit\n")
    assert again.exit_code == 0 and "Building the knowledge index" not in again.output
