"""The timeline as a Mermaid Gantt chart (renders on GitHub, in many Markdown viewers and on the chat page)."""

from __future__ import annotations

from datetime import date, timedelta

from agent.schemas import Roadmap


def plan_start(roadmap: Roadmap, start: date | None = None) -> date:
    """Month 1 of the plan: the first day of `start`'s month when given, else timeline.start when the planner set
    it, else the month after the draft was made."""
    if start is not None:
        return date(start.year, start.month, 1)
    if roadmap.timeline.start:
        year, month = roadmap.timeline.start.split("-")[:2]
        return date(int(year), int(month), 1)
    made = roadmap.created_at.date() if roadmap.created_at else date.today()
    return date(made.year + (made.month == 12), made.month % 12 + 1, 1)


def month_date(start: date, month: int) -> date:
    """First day of plan month n (month 1 = start)."""
    index = start.month - 1 + month - 1
    return date(start.year + index // 12, index % 12 + 1, 1)


def month_end(start: date, month: int) -> date:
    """Last day of plan month n."""
    return month_date(start, month + 1) - timedelta(days=1)


def mermaid_gantt(roadmap: Roadmap, start: date | None = None) -> str:
    """A Mermaid gantt block: one bar per stage, milestones for go/no-go gates."""
    start = plan_start(roadmap, start)
    lines = [
        "gantt",
        f"    title {_safe(roadmap.title)}",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %b %Y",
    ]
    lines.append("    section Stages")
    for stage in roadmap.stages:
        begin = month_date(start, stage.start_month)
        end = month_date(start, stage.end_month + 1)
        lines.append(f"    {_safe(stage.title)} :{stage.id}, {begin.isoformat()}, {(end - begin).days}d")
    if roadmap.timeline.go_no_go_months:
        lines.append("    section Go/no-go gates")
        for n, month in enumerate(roadmap.timeline.go_no_go_months, 1):
            lines.append(f"    Gate {n} :milestone, gate{n}, {month_date(start, month).isoformat()}, 0d")
    return "\n".join(lines)


def _safe(text: str) -> str:
    # ':' and '#' have meaning in Mermaid task lines.
    return text.replace(":", " -").replace("#", "").replace(";", ",")
