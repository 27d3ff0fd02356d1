"""The roadmap's tables as a header and rows of plain values (text, numbers, dates), shared by the Word, PDF
and Excel exports so that each shows the same figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from agent.export.gantt import month_date, month_end, plan_start
from agent.export.laws import law_label, law_rows
from agent.export.overview import field_title, payback_fields, payback_value
from agent.export.tasks import roadmap_tasks, stage_name
from agent.schemas import Metric, Roadmap

Cell = str | float | int | date | None


def cell_text(value: Cell, numeric: bool) -> str:
    """A table cell as printed text: dates as ISO, large or whole numbers with thousands separators."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if numeric and isinstance(value, int | float):
        return f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 100 else f"{value:g}"
    return str(value)


@dataclass(frozen=True)
class Table:
    """A titled table; `numeric` marks the columns holding amounts."""

    title: str
    header: list[str]
    rows: list[list[Cell]]
    numeric: frozenset[int] = frozenset()


def timeline_table(roadmap: Roadmap, start: date | None = None) -> Table:
    begin = plan_start(roadmap, start)
    rows: list[list[Cell]] = [
        [
            stage_name(s.title),
            s.owner_role,
            f"{month_date(begin, s.start_month):%b %Y}",
            f"{month_end(begin, s.end_month):%b %Y}",
            s.duration_months,
        ]
        for s in roadmap.stages
    ]
    rows += [
        [f"Go/no-go gate {n}", "Decision: go on, change or stop", f"{month_date(begin, m):%d %b %Y}", "", None]
        for n, m in enumerate(roadmap.timeline.go_no_go_months, 1)
    ]
    return Table("Stages and gates by date", ["Stage", "Owner", "From", "To", "Months"], rows, frozenset({4}))


def task_table(roadmap: Roadmap, start: date | None = None) -> Table:
    rows: list[list[Cell]] = [
        [t.stage_title, t.summary, t.description, t.start, t.due, t.role] for t in roadmap_tasks(roadmap, start)
    ]
    return Table("Tasks", ["Stage", "Task", "Description", "Start", "Due", "Role"], rows)


def budget_table(roadmap: Roadmap) -> Table:
    b = roadmap.budget
    names: dict[str, str] = {s.id: stage_name(s.title) for s in roadmap.stages}
    rows: list[list[Cell]] = [
        [line.item, names.get(line.stage or "", line.stage or ""), line.amount, line.note] for line in b.lines
    ]
    rows.append(["Total", "", b.total, f"Ceiling {b.ceiling:,.0f} {b.currency}" if b.ceiling else ""])
    return Table("Budget", ["Item", "Stage", f"Amount ({b.currency})", "Note"], rows, frozenset({2}))


def kpi_table(roadmap: Roadmap, start: date | None = None) -> Table:
    begin = plan_start(roadmap, start)

    def row(source: str, m: Metric) -> list[Cell]:
        baseline: Cell = m.baseline if m.baseline is not None else "to measure"
        return [source, m.name, m.unit, baseline, m.target, f"{month_date(begin, m.deadline_month):%b %Y}"]

    rows = [row(o.statement, o.kpi) for o in roadmap.objectives]
    rows += [row(u.name, u.metric) for u in roadmap.use_cases]
    return Table("KPIs", ["For", "KPI", "Unit", "Baseline", "Target", "By"], rows, frozenset({3, 4}))


def monitoring_table(roadmap: Roadmap) -> Table:
    rows: list[list[Cell]] = [[k.kpi, k.frequency, k.threshold, k.owner] for k in roadmap.monitoring.kpis]
    return Table("Monitoring", ["KPI", "How often", "Needs attention when", "Owner"], rows)


def risk_table(roadmap: Roadmap) -> Table:
    risks = list(roadmap.risks) + [r for s in roadmap.stages for r in s.risks]
    rows: list[list[Cell]] = [[r.risk, r.severity, r.mitigation, r.owner] for r in risks]
    return Table("Risks", ["Risk", "Severity", "Mitigation", "Owner"], rows)


def use_case_table(roadmap: Roadmap) -> Table:
    """Use cases with cost; the payback figures are added as columns when the roadmap has them."""
    extra = payback_fields(roadmap.use_cases)
    cur = roadmap.budget.currency
    header = ["#", "Use case", "Phase", f"Setup ({cur})", f"Monthly ({cur})", *map(field_title, extra)]
    rows: list[list[Cell]] = [
        [u.priority, u.name, u.phase, u.cost.setup, u.cost.monthly, *(payback_value(u, name) for name in extra)]
        for u in roadmap.use_cases
    ]
    numeric = frozenset({0, 3, 4} | {5 + i for i, name in enumerate(extra) if _numeric(roadmap, name)})
    return Table("Use cases", header, rows, numeric)


def law_table(roadmap: Roadmap) -> Table:
    rows: list[list[Cell]] = [list(r) for r in law_rows(roadmap)]
    return Table("Laws considered", ["Law", "Verdict", "Why"], rows)


def compliance_table(roadmap: Roadmap) -> Table:
    names = {s.id: stage_name(s.title) for s in roadmap.stages}
    rows: list[list[Cell]] = [
        [law_label(roadmap, a.jurisdiction), a.action, names.get(a.stage, a.stage), a.ref] for a in roadmap.compliance
    ]
    return Table("Compliance tasks", ["Law", "Task", "Stage", "Reference"], rows)


def _numeric(roadmap: Roadmap, name: str) -> bool:
    values = [payback_value(u, name) for u in roadmap.use_cases]
    return all(isinstance(v, int | float) or v is None for v in values)
