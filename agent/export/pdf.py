"""The report as a PDF (fpdf2, pure Python): summary page, a drawn Gantt chart with month labels and gates,
then the stages, laws, budget, KPIs and risks. Uses DejaVu Sans when the system has it (any script); otherwise
the built-in Helvetica, with characters outside Latin-1 spelled in ASCII."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from agent.export.report import Block, Bullets, Chart, Facts, Heading, PageBreak, Paragraph, report_blocks
from agent.export.rows import Table, cell_text
from agent.schemas import Roadmap

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
_ACCENT = (11, 92, 173)
_GATE = (180, 35, 24)
_FOLD = {
    "€": "EUR",
    "£": "GBP",
    "–": "-",
    "—": "-",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "…": "...",
    "◆": "*",
    "Ł": "L",
    "ł": "l",
    "đ": "d",
    "Đ": "D",
}


class _Report(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.set_margins(12, 12, 12)
        self.set_auto_page_break(auto=True, margin=14)
        self.set_title(title)
        self.family, self.unicode = _font(self)
        self.glyph_widths: dict[tuple[str, float], dict[str, float]] = {}  # per style and size: char -> mm

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(self.family, "", 7)
        self.cell(0, 5, f"Page {self.page_no()}", align="R")

    def text_of(self, text: str) -> str:
        """The text as the chosen font can print it."""
        if self.unicode:
            return text
        return "".join(c if ord(c) < 256 else _FOLD.get(c) or _ascii(c) for c in text)


def _ascii(c: str) -> str:
    """'ą' -> 'a' (the letter without its accent); '?' when there is no such letter."""
    base = "".join(b for b in unicodedata.normalize("NFKD", c) if not unicodedata.combining(b))
    return base if base and all(ord(b) < 128 for b in base) else "?"


def roadmap_pdf(roadmap: Roadmap, start: date | None = None) -> bytes:
    """The PDF file's bytes."""
    pdf = _Report(roadmap.title)
    pdf.add_page()
    for block in report_blocks(roadmap, start):
        _write(pdf, block)
    return bytes(pdf.output())


def _font(pdf: FPDF) -> tuple[str, bool]:
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            pdf.add_font("DejaVu", "", str(regular))
            pdf.add_font("DejaVu", "B", str(bold))
            return "DejaVu", True
    return "Helvetica", False


def _write(pdf: _Report, block: Block) -> None:
    width = pdf.epw
    if isinstance(block, Heading):
        size = {0: 18, 1: 14, 2: 11}.get(block.level, 10)
        if block.level <= 1 and pdf.get_y() > pdf.h - 40:
            pdf.add_page()
        pdf.ln(2)
        _lines(pdf, block.text, width, size * 0.5, "B", size)
        pdf.ln(1)
    elif isinstance(block, Paragraph):
        _lines(pdf, block.text, width, 4.5, "", 7 if block.small else 9)
        pdf.ln(1)
    elif isinstance(block, Bullets):
        for item in block.items:
            _lines(pdf, f"- {item}", width, 4.5, "", 9)
        pdf.ln(1)
    elif isinstance(block, Facts):
        _table(pdf, Table("", ["", ""], [[k, v] for k, v in block.pairs]), widths=(40, width - 40), header=False)
    elif isinstance(block, Chart):
        _chart(pdf, block)
    elif isinstance(block, Table):
        _table(pdf, block)
    elif isinstance(block, PageBreak):
        pdf.add_page()


def _lines(pdf: _Report, text: str, width: float, height: float, style: str, size: float) -> None:
    pdf.set_font(pdf.family, style, size)
    for line in _wrap(pdf, pdf.text_of(text), width):
        pdf.cell(width, height, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _wrap(pdf: _Report, text: str, width: float) -> list[str]:
    """Greedy word wrap from character widths measured once (fpdf2's own wrapping re-measures the line per character,
    which made a full report take seconds)."""
    glyphs = pdf.glyph_widths.setdefault((pdf.font_style, pdf.font_size_pt), {})

    def w(word: str) -> float:
        for c in word:
            if c not in glyphs:
                glyphs[c] = pdf.get_string_width(c)
        return sum(glyphs[c] for c in word)

    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used, space = "", 0.0, w(" ")
        for word in paragraph.split():
            while w(word) > width:  # a word longer than the column: cut it
                cut = max(1, int(len(word) * width / w(word)) - 1)
                if line:
                    lines.append(line)
                    line, used = "", 0.0
                lines.append(word[:cut])
                word = word[cut:]
            if line and used + space + w(word) > width:
                lines.append(line)
                line, used = "", 0.0
            line, used = (f"{line} {word}", used + space + w(word)) if line else (word, w(word))
        lines.append(line)
    return lines


def _table(pdf: _Report, block: Table, widths: tuple[float, ...] | None = None, header: bool = True) -> None:
    """A bordered table whose rows grow to fit wrapped text; the header repeats after a page break."""
    if not block.rows:
        return
    if block.title:
        if pdf.get_y() > pdf.h - 40:
            pdf.add_page()
        pdf.set_font(pdf.family, "B", 10)
        pdf.cell(0, 6, pdf.text_of(block.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    raw = widths or _widths(block)
    cols = [c * pdf.epw / sum(raw) for c in raw]
    line_h, pad = 3.8, 1.0
    head = [pdf.text_of(h) for h in block.header]

    def draw(cells: list[str], bold: bool, numeric: frozenset[int]) -> None:
        pdf.set_font(pdf.family, "B" if bold else "", 8)
        wrapped = [_wrap(pdf, text, cols[n] - 2 * pad) for n, text in enumerate(cells)]
        height = max(len(lines) for lines in wrapped) * line_h + 2 * pad
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
            if header and not bold:
                draw(head, True, frozenset())
                pdf.set_font(pdf.family, "", 8)
        x, y = pdf.l_margin, pdf.get_y()
        for n, lines in enumerate(wrapped):
            if bold:
                pdf.set_fill_color(246, 248, 250)
            pdf.rect(x, y, cols[n], height, style="DF" if bold else "D")
            for k, line in enumerate(lines):
                pdf.set_xy(x + pad, y + pad + k * line_h)
                pdf.cell(cols[n] - 2 * pad, line_h, line, align="R" if n in numeric else "L")
            x += cols[n]
        pdf.set_xy(pdf.l_margin, y + height)

    if header:
        draw(head, True, frozenset())
    for values in block.rows:
        draw([pdf.text_of(cell_text(v, n in block.numeric)) for n, v in enumerate(values)], False, block.numeric)
    pdf.ln(3)


def _widths(block: Table) -> tuple[float, ...]:
    """Columns as wide as their longest text (bounded), so short codes do not take a third of the page."""
    longest = [
        max([len(block.header[n]), *(len(cell_text(r[n], False)) for r in block.rows)])
        for n in range(len(block.header))
    ]
    return tuple(min(max(length + 2, 8), 60) for length in longest)


def _chart(pdf: _Report, chart: Chart) -> None:
    """Bars per stage on a month grid, month labels on top, a red diamond and line on each gate month."""
    pdf.set_font(pdf.family, "", 7)
    widest = max((pdf.get_string_width(pdf.text_of(name)) for name, _, _ in chart.bars), default=40.0)
    label_w, row_h = min(widest + 4, pdf.epw * 0.4), 6.0  # stage names whole unless absurdly long
    grid_w = pdf.epw - label_w
    month_w = grid_w / chart.total_months
    height = row_h * (len(chart.bars) + 2) + 4
    if pdf.get_y() + height > pdf.h - 14:
        pdf.add_page()
    x0, y0 = pdf.l_margin, pdf.get_y()
    pdf.set_font(pdf.family, "", 6)
    pdf.set_draw_color(208, 215, 222)
    for m, label in enumerate(chart.month_labels):
        x = x0 + label_w + m * month_w
        pdf.line(x, y0, x, y0 + row_h * (len(chart.bars) + 2))
        pdf.set_xy(x, y0)
        pdf.cell(month_w, row_h, pdf.text_of(label), align="C")
    for n, (name, first, last) in enumerate(chart.bars):
        y = y0 + row_h * (n + 1)
        pdf.set_xy(x0, y)
        pdf.set_font(pdf.family, "", 7)
        pdf.cell(label_w, row_h, pdf.text_of(_fit(pdf, name, label_w - 2)))
        pdf.set_fill_color(*_ACCENT)
        pdf.rect(x0 + label_w + (first - 1) * month_w, y + 1, (last - first + 1) * month_w, row_h - 2, style="F")
    y_gate = y0 + row_h * (len(chart.bars) + 1)
    pdf.set_xy(x0, y_gate)
    pdf.set_font(pdf.family, "B", 7)
    pdf.cell(label_w, row_h, pdf.text_of("Go/no-go gates"))
    pdf.set_draw_color(*_GATE)
    pdf.set_fill_color(*_GATE)
    for month in chart.gates:
        if 1 <= month <= chart.total_months:
            x = x0 + label_w + (month - 1) * month_w
            pdf.line(x, y0 + row_h, x, y_gate + row_h)
            half = 1.8
            cy = y_gate + row_h / 2
            pdf.polygon([(x, cy - half), (x + half, cy), (x, cy + half), (x - half, cy)], style="F")
    pdf.set_draw_color(0, 0, 0)
    pdf.set_y(y_gate + row_h + 4)


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """The text, shortened with '...' only when it does not fit the label column."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "...") > width:
        text = text[:-1]
    return text.rstrip() + "..."
