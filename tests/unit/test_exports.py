"""Every export read back with its own library: the pilot, a task, a gate date and the budget total are where
an owner looks for them."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from docx import Document
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from agent.errors import UsageError
from agent.export import FORMAT_NAMES, export_format, filename, parse_start, render
from agent.export.gantt import month_date, plan_start
from agent.export.task_csv import HEADER
from agent.schemas import Roadmap, UseCase


@pytest.fixture(scope="module")
def roadmap(bakery_roadmap: Roadmap) -> Roadmap:
    return bakery_roadmap


def _pilot(r: Roadmap) -> UseCase:
    return next(u for u in r.use_cases if u.phase == "pilot")


def _first_gate(r: Roadmap, start: date | None = None) -> date:
    return month_date(plan_start(r, start), r.timeline.go_no_go_months[0])


def _pilot_task(r: Roadmap) -> str:
    stage = r.stage("pilot")
    assert stage is not None
    return stage.activities[0]


def test_word_document_opens_with_the_summary_then_the_gantt_and_the_tasks(roadmap: Roadmap) -> None:
    doc = Document(io.BytesIO(render("docx", roadmap)))
    summary = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    assert _pilot(roadmap).name in summary["Pilot"]
    assert f"{roadmap.budget.total:,.0f} {roadmap.budget.currency}" in summary["Budget"]
    assert f"{_first_gate(roadmap):%d %b %Y}" in summary["Go/no-go gates"]
    assert "GDPR" in summary["Laws that apply"]
    gantt = doc.tables[1]
    assert gantt.rows[0].cells[1].text == f"{plan_start(roadmap):%b\n'%y}"
    gates = gantt.rows[-1].cells
    marked = [n for n, cell in enumerate(gates) if cell.text == "◆"]
    assert marked == roadmap.timeline.go_no_go_months
    texts = [p.text for p in doc.paragraphs]
    assert texts.index("Timeline") < texts.index(_pilot_task(roadmap))
    tables_text = " ".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "Total" in tables_text and f"{roadmap.budget.total:,.0f}" in tables_text


def test_pdf_first_page_is_a_summary_and_the_rest_holds_chart_tasks_and_budget(roadmap: Roadmap) -> None:
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(render("pdf", roadmap))).pages]
    first = pages[0]
    assert _pilot(roadmap).name in first and f"{roadmap.budget.total:,.0f}" in first
    assert f"{_first_gate(roadmap):%d %b %Y}" in first
    assert "Stages and tasks" not in first
    rest = " ".join(" ".join(p.split()) for p in pages[1:])
    assert f"{plan_start(roadmap):%b '%y}" in rest and "Go/no-go gates" in rest
    assert " ".join(_pilot_task(roadmap).split()[:6]) in rest
    assert "Develop and pilot one use case" in rest  # the stage name whole, not cut


def test_pdf_without_a_unicode_font_still_prints_other_scripts_in_ascii(
    roadmap: Roadmap, monkeypatch: pytest.MonkeyPatch
) -> None:
    import agent.export.pdf as pdf

    monkeypatch.setattr(pdf, "FONT_DIRS", [])
    odd = roadmap.model_copy(update={"title": "Plan für Łódź – 5 000 €"})
    first = PdfReader(io.BytesIO(render("pdf", odd))).pages[0].extract_text()
    assert "Plan für Lódz - 5 000 EUR" in first  # Latin-1 kept, the rest spelled out


def test_workbook_has_a_sheet_per_table_with_real_dates_and_amounts(roadmap: Roadmap) -> None:
    book = load_workbook(io.BytesIO(render("xlsx", roadmap)))
    assert {"Tasks", "Budget", "KPIs", "Risks", "Use cases", "Laws", "Timeline"} <= set(book.sheetnames)
    tasks = list(book["Tasks"].iter_rows(values_only=True))
    assert tasks[0] == ("Stage", "Task", "Description", "Start", "Due", "Role")
    pilot_rows = [row for row in tasks[1:] if row[2] == _pilot_task(roadmap)]
    assert pilot_rows and pilot_rows[0][3].date() == month_date(plan_start(roadmap), roadmap.timeline.pilot_start_month)
    budget = list(book["Budget"].iter_rows(values_only=True))
    assert budget[-1][0] == "Total" and budget[-1][2] == pytest.approx(roadmap.budget.total)
    assert sum(row[2] for row in budget[1:-1]) == pytest.approx(roadmap.budget.total)
    use_cases = [row[1] for row in book["Use cases"].iter_rows(values_only=True)]
    assert _pilot(roadmap).name in use_cases
    laws = [row[0] for row in book["Laws"].iter_rows(values_only=True)]
    assert any("GDPR" in str(name) for name in laws)


def test_workbook_shows_payback_columns_when_the_use_cases_have_them(roadmap: Roadmap) -> None:
    assert any(u.payback for u in roadmap.use_cases)  # the planner estimates payback for planned use cases
    sheet = load_workbook(io.BytesIO(render("xlsx", roadmap)))["Use cases"]
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert {"Annual benefit", "Payback months"} <= set(header)
    column = header.index("Annual benefit")
    pilot = next(u for u in roadmap.use_cases if u.phase == "pilot")
    row = next(r for r in rows if r[1] == pilot.name)
    assert pilot.payback is not None and row[column] == pytest.approx(pilot.payback.annual_benefit)
    bare = [u.model_copy(update={"payback": None}) for u in roadmap.use_cases]
    without = roadmap.model_copy(update={"use_cases": bare})
    plain = next(load_workbook(io.BytesIO(render("xlsx", without)))["Use cases"].iter_rows(values_only=True))
    assert "Payback months" not in plain


def test_csv_tasks_import_with_one_header_for_jira_asana_and_trello(roadmap: Roadmap) -> None:
    text = render("csv", roadmap).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert (
        list(rows[0])
        == HEADER
        == ["Summary", "Description", "Start Date", "Due Date", "Assignee Role", "Labels", "Section"]
    )
    pilot = next(r for r in rows if r["Description"] == _pilot_task(roadmap))
    assert pilot["Start Date"] == month_date(plan_start(roadmap), roadmap.timeline.pilot_start_month).isoformat()
    assert pilot["Due Date"] > pilot["Start Date"] and pilot["Labels"] == "pilot"
    assert all(" " not in r["Labels"] and len(r["Summary"]) <= 121 for r in rows)


def test_calendar_holds_every_gate_on_its_date_and_moves_with_the_start(roadmap: Roadmap) -> None:
    def gates(start: date | None) -> dict[str, date]:
        cal = Calendar.from_ical(render("ics", roadmap, start=start))
        return {
            str(e["SUMMARY"]): e.decoded("DTSTART")
            for e in cal.walk("VEVENT")
            if str(e["SUMMARY"]).startswith("Go/no-go")
        }

    default = gates(None)
    assert len(default) == len(roadmap.timeline.go_no_go_months)
    assert default["Go/no-go gate 1"] == _first_gate(roadmap)
    moved = gates(date(2027, 3, 1))
    assert moved["Go/no-go gate 1"] == _first_gate(roadmap, date(2027, 3, 1))
    assert moved["Go/no-go gate 1"] != default["Go/no-go gate 1"]


def test_markdown_dates_follow_the_start_month(roadmap: Roadmap) -> None:
    md = render("md", roadmap, start=date(2027, 3, 1)).decode()
    assert "from March 2027" in md and "2027-03-01" in md


def test_formats_names_and_start_months() -> None:
    assert FORMAT_NAMES == ("md", "json", "docx", "pdf", "xlsx", "csv", "ics")
    assert export_format("PDF").media_type == "application/pdf"
    with pytest.raises(UsageError, match="Unknown format 'odt'"):
        export_format("odt")
    assert parse_start("2027-3") == date(2027, 3, 1)
    for bad in ("2027-13", "March", "27-03", "2027-03-05"):
        with pytest.raises(UsageError, match="YYYY-MM"):
            parse_start(bad)


def test_file_names_are_ascii_and_name_the_business(roadmap: Roadmap) -> None:
    assert filename(roadmap, "xlsx") == "crumb-co-roadmap.xlsx"
    nameless = roadmap.model_copy(update={"profile": roadmap.profile.model_copy(update={"name": "Zoë's Café"})})
    assert filename(nameless, "pdf") == "zo-s-caf-roadmap.pdf"
