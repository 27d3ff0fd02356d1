"""The roadmap as dated work items: one task per stage activity and compliance action, and the milestones
(stage ends, go/no-go gates) a calendar or a task tool can take."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from agent.export.gantt import month_date, month_end, plan_start
from agent.export.laws import law_label
from agent.schemas import Roadmap


@dataclass(frozen=True)
class Task:
    """One piece of work with dates, the role that does it and the stage it belongs to."""

    summary: str
    description: str
    start: date
    due: date
    role: str
    stage_id: str
    stage_title: str


@dataclass(frozen=True)
class Milestone:
    """A dated point in the plan: a go/no-go gate or the end of a stage."""

    title: str
    description: str
    day: date
    kind: str  # "gate" | "stage-end"


def stage_name(title: str) -> str:
    """'Stage 5: Develop and pilot one use case' -> 'Develop and pilot one use case'."""
    head, sep, rest = title.partition(": ")
    return rest if sep and head.lower().startswith("stage") else title


def roadmap_tasks(roadmap: Roadmap, start: date | None = None) -> list[Task]:
    """Every stage activity and compliance action, dated from the stage's first to its last month."""
    begin = plan_start(roadmap, start)
    tasks: list[Task] = []
    for stage in roadmap.stages:
        opens, due = month_date(begin, stage.start_month), month_end(begin, stage.end_month)
        name = stage_name(stage.title)
        for activity in stage.activities:
            tasks.append(Task(_short(activity), activity, opens, due, stage.owner_role, stage.id, name))
        for action in [a for a in roadmap.compliance if a.stage == stage.id]:
            law = law_label(roadmap, action.jurisdiction)
            text = f"{action.action} ({law}; {action.ref})"
            tasks.append(Task(_short(action.action), text, opens, due, stage.owner_role, stage.id, name))
    return tasks


def milestones(roadmap: Roadmap, start: date | None = None) -> list[Milestone]:
    """Go/no-go gates (on the first day of their month) and stage ends, in date order."""
    begin = plan_start(roadmap, start)
    out = [
        Milestone(
            f"Go/no-go gate {n}",
            "Decide on the evidence whether to go on, change course or stop.",
            month_date(begin, month),
            "gate",
        )
        for n, month in enumerate(roadmap.timeline.go_no_go_months, 1)
    ]
    out += [
        Milestone(
            f"End of stage: {stage_name(s.title)}",
            "; ".join(s.deliverables) or s.summary or s.title,
            month_end(begin, s.end_month),
            "stage-end",
        )
        for s in roadmap.stages
    ]
    return sorted(out, key=lambda m: (m.day, m.kind != "gate"))


def _short(text: str, limit: int = 120) -> str:
    """A task title: the first sentence, cut at a word boundary when long (the whole text stays in the description)."""
    first = text.split(". ")[0].rstrip(".")
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
