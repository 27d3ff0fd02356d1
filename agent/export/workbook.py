"""The roadmap as an Excel workbook (openpyxl): one sheet each for tasks, budget, KPIs, risks, use cases (with
payback when the roadmap has it), laws and the timeline, with real dates and numbers so that they sort and sum."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from agent.export.rows import (
    Table,
    budget_table,
    compliance_table,
    kpi_table,
    law_table,
    monitoring_table,
    risk_table,
    task_table,
    timeline_table,
    use_case_table,
)
from agent.schemas import Roadmap

_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")


def roadmap_xlsx(roadmap: Roadmap, start: date | None = None) -> bytes:
    """The .xlsx file's bytes."""
    book = Workbook()
    sheets = [
        ("Tasks", [task_table(roadmap, start)]),
        ("Budget", [budget_table(roadmap)]),
        ("KPIs", [kpi_table(roadmap, start), monitoring_table(roadmap)]),
        ("Risks", [risk_table(roadmap)]),
        ("Use cases", [use_case_table(roadmap)]),
        ("Laws", [law_table(roadmap), compliance_table(roadmap)]),
        ("Timeline", [timeline_table(roadmap, start)]),
    ]
    first = book.active
    assert first is not None
    book.remove(first)
    for title, tables in sheets:
        sheet = book.create_sheet(title)
        for n, table in enumerate(tables):
            if n:
                sheet.append([])
                sheet.append([table.title])
                sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
            _append(sheet, table)
        _size_columns(sheet)
        sheet.freeze_panes = "A2"
    book.properties.title = roadmap.title
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _append(sheet: object, table: Table) -> None:
    sheet.append(table.header)  # type: ignore[attr-defined]
    head = sheet.max_row  # type: ignore[attr-defined]
    for cell in sheet[head]:  # type: ignore[index]
        cell.font, cell.fill = Font(bold=True), _HEAD_FILL
    for row in table.rows:
        sheet.append(row)  # type: ignore[attr-defined]
        for n, cell in enumerate(sheet[sheet.max_row]):  # type: ignore[attr-defined, index]
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            elif n in table.numeric and isinstance(cell.value, int | float):
                cell.number_format = "#,##0"
            else:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _size_columns(sheet: object) -> None:
    """Columns as wide as their content, within reason (long text wraps)."""
    widths: dict[int, int] = {}
    for row in sheet.iter_rows():  # type: ignore[attr-defined]
        for cell in row:
            if cell.value is not None:
                widths[cell.column] = max(widths.get(cell.column, 0), len(str(cell.value)))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 8), 60)  # type: ignore[attr-defined]
