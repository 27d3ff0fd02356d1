"""The report as a Word document (python-docx): summary page, Gantt table, stages, laws, budget, KPIs, risks."""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell

from agent.export.report import Block, Bullets, Chart, Facts, Heading, PageBreak, Paragraph, report_blocks
from agent.export.rows import Table, cell_text
from agent.schemas import Roadmap

_BAR = "0B5CAD"
_GATE = "B42318"


def roadmap_docx(roadmap: Roadmap, start: date | None = None) -> bytes:
    """The .docx file's bytes."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE  # the Gantt table and the wide tables need the width
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    doc.core_properties.title = roadmap.title
    doc.styles["Normal"].font.size = Pt(9)
    for block in report_blocks(roadmap, start):
        _write(doc, block)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _write(doc: DocxDocument, block: Block) -> None:
    if isinstance(block, Heading):
        _styled(doc, block.text, "Title" if block.level == 0 else f"Heading{block.level}")
    elif isinstance(block, Paragraph):
        run = doc.add_paragraph().add_run(block.text)
        if block.small:
            run.font.size, run.italic = Pt(8), True
    elif isinstance(block, Bullets):
        for item in block.items:
            _styled(doc, item, "ListBullet")
    elif isinstance(block, Facts):
        table = doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in block.pairs:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
            cells[0].paragraphs[0].runs[0].bold = True
            cells[0].width, cells[1].width = Cm(4), Cm(20)
    elif isinstance(block, Chart):
        _chart(doc, block)
    elif isinstance(block, Table):
        _table(doc, block)
    elif isinstance(block, PageBreak):
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _table(doc: DocxDocument, block: Table) -> None:
    if not block.rows:
        return
    doc.add_paragraph().add_run(block.title).bold = True
    table = doc.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, block.header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row in block.rows:
        cells = table.add_row().cells
        for n, (cell, value) in enumerate(zip(cells, row, strict=True)):
            cell.text = cell_text(value, n in block.numeric)
    doc.add_paragraph()


def _chart(doc: DocxDocument, chart: Chart) -> None:
    """A table as a Gantt chart: one row per stage, one narrow column per month, shaded where the stage runs;
    a last row marks the go/no-go gates."""
    months = chart.total_months
    table = doc.add_table(rows=1, cols=months + 1)
    table.style = "Table Grid"
    table.autofit = False
    name_width, month_width = Cm(6.5), Cm(max(0.55, 17.5 / months))
    header = table.rows[0].cells
    header[0].text = "Stage"
    for m, label in enumerate(chart.month_labels, 1):
        header[m].text = label.replace(" ", "\n")
    for name, first, last in chart.bars:
        cells = table.add_row().cells
        cells[0].text = name
        for m in range(first, last + 1):
            _shade(cells[m], _BAR)
    gates = table.add_row().cells
    gates[0].text = "Go/no-go gates"
    for m in chart.gates:
        if 1 <= m <= months:
            gates[m].text = "◆"
            _shade(gates[m], _GATE)
    for row in table.rows:
        for n, cell in enumerate(row.cells):
            cell.width = name_width if n == 0 else month_width
            _small(cell, size=6 if n else 7)
    doc.add_paragraph()


def _styled(doc: DocxDocument, text: str, style_id: str) -> None:
    """A paragraph in a built-in style, set by its id: python-docx's lookup by name scans every style each time,
    which made a report take seconds."""
    paragraph = doc.add_paragraph(text)
    paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = style_id


def _shade(cell: _Cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _small(cell: _Cell, bold: bool = False, size: int = 8) -> None:
    for paragraph in cell.paragraphs:
        for run in paragraph.runs:
            run.font.size, run.bold = Pt(size), bold or None
