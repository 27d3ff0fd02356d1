"""The printed report's content, in order, as blocks the Word and PDF writers lay out: a one-page summary,
the timeline (chart and table), the stages with their tasks, laws, budget, KPIs and risks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from agent.answering import DISCLAIMER
from agent.export.gantt import month_date, month_end, plan_start
from agent.export.overview import overview
from agent.export.rows import (
    Table,
    budget_table,
    compliance_table,
    kpi_table,
    law_table,
    monitoring_table,
    risk_table,
    timeline_table,
    use_case_table,
)
from agent.export.tasks import stage_name
from agent.schemas import Roadmap


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str
    small: bool = False


@dataclass(frozen=True)
class Facts:
    """Label / value pairs (the summary's key figures)."""

    pairs: list[tuple[str, str]]


@dataclass(frozen=True)
class Bullets:
    items: list[str]


@dataclass(frozen=True)
class Chart:
    """A Gantt chart: bars by month, month labels, gate months marked."""

    bars: list[tuple[str, int, int]]  # (stage name, first month, last month)
    total_months: int
    month_labels: list[str]  # one per plan month, e.g. "Jan '27" (a year, not a day)
    gates: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Facts | Bullets | Chart | Table | PageBreak


def report_blocks(roadmap: Roadmap, start: date | None = None) -> list[Block]:
    """The whole report; month 1 is `start`'s month when given."""
    return [
        *_summary_page(roadmap, start),
        PageBreak(),
        *_timeline(roadmap, start),
        *_stages(roadmap, start),
        Heading("Use cases"),
        use_case_table(roadmap),
        Heading("Laws"),
        law_table(roadmap),
        compliance_table(roadmap),
        Heading("Budget"),
        budget_table(roadmap),
        Heading("KPIs"),
        kpi_table(roadmap, start),
        monitoring_table(roadmap),
        Heading("Risks"),
        risk_table(roadmap),
        Paragraph(DISCLAIMER, small=True),
    ]


def _summary_page(roadmap: Roadmap, start: date | None) -> list[Block]:
    o = overview(roadmap, start)
    return [
        Heading(roadmap.title, 0),
        Facts(
            [
                ("Business", o.business),
                ("Pilot", o.pilot),
                ("Budget", o.budget),
                ("Timeline", o.span),
                ("Go/no-go gates", "; ".join(o.gates) or "none set"),
                ("Laws that apply", "; ".join(o.laws)),
            ]
        ),
        Heading("Top risks", 2),
        Bullets(o.risks or ["None recorded."]),
        Heading("In short", 2),
        Paragraph(roadmap.summary),
    ]


def _timeline(roadmap: Roadmap, start: date | None) -> list[Block]:
    begin = plan_start(roadmap, start)
    total = max([roadmap.timeline.total_months, *(s.end_month for s in roadmap.stages)])
    chart = Chart(
        bars=[(stage_name(s.title), s.start_month, s.end_month) for s in roadmap.stages],
        total_months=total,
        month_labels=[f"{month_date(begin, m):%b '%y}" for m in range(1, total + 1)],
        gates=list(roadmap.timeline.go_no_go_months),
    )
    return [Heading("Timeline"), chart, timeline_table(roadmap, start)]


def span(begin: date, first: int, last: int) -> str:
    """'Jan 2027 to Mar 2027', or 'Jan 2027' for a single month."""
    opens = f"{month_date(begin, first):%b %Y}"
    return opens if last <= first else f"{opens} to {month_end(begin, last):%b %Y}"


def _stages(roadmap: Roadmap, start: date | None) -> list[Block]:
    begin = plan_start(roadmap, start)
    out: list[Block] = [Heading("Stages and tasks")]
    for n, s in enumerate(roadmap.stages, 1):
        when = span(begin, s.start_month, s.end_month)
        out += [Heading(f"{n}. {stage_name(s.title)}", 2), Paragraph(f"{when}. Owner: {s.owner_role}.")]
        focus = s.summary.partition("focus:")[2].strip()  # the summary's month range is already in `when`
        if focus:
            out.append(Paragraph(f"Focus: {focus}"))
        out.append(Bullets(list(s.activities)))
        if s.deliverables:
            out.append(Paragraph("Deliverables: " + "; ".join(s.deliverables)))
    return out
