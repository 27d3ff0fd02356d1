"""The roadmap as Markdown an owner can print and hand to a partner."""

from __future__ import annotations

import re
from datetime import date

from agent.answering import DISCLAIMER
from agent.export.gantt import mermaid_gantt, month_date, plan_start
from agent.export.laws import applying_names, law_label, laws_considered_table
from agent.export.money import budget_notes, payback_section, timeline_notes
from agent.profile.places import place_label
from agent.schemas import Finding, Roadmap
from agent.writing.words import quantity


def roadmap_markdown(roadmap: Roadmap, findings: list[Finding] | None = None, start: date | None = None) -> str:
    """Summary, use cases, Gantt, the nine stages, budget, risks, compliance, plans, checks and sources; month 1
    is `start`'s month when given."""
    out: list[str] = [f"# {roadmap.title}", "", roadmap.summary, ""]
    out += _glance(roadmap, start) + _use_cases(roadmap)
    out += ["## Timeline", "", "```mermaid", mermaid_gantt(roadmap, start), "```", "", *timeline_notes(roadmap)]
    out += (
        _stages(roadmap, start)
        + _budget(roadmap)
        + budget_notes(roadmap)
        + payback_section(roadmap)
        + _risks(roadmap)
        + laws_considered_table(roadmap)
        + _compliance(roadmap)
        + _people(roadmap)
    )
    out += _lists(roadmap)
    if findings is not None:
        out += _checks(findings)
    out += _sources(roadmap)
    out += ["---", f"*{DISCLAIMER}*", ""]
    return _escape_html("\n".join(out))


# A '<' that does not open an autolink (<https://...>): user text (a business name, a goal) must not become
# raw HTML in a renderer. Code fences (the Gantt chart) are left as they are.
_TAG_OPEN = re.compile(r"<(?!https?://[^\s<>\"']+>)")


def _escape_html(markdown: str) -> str:
    parts = re.split(r"(```.*?```)", markdown, flags=re.S)
    return "".join(p if p.startswith("```") else _TAG_OPEN.sub("&lt;", p) for p in parts)


def _cell(text: object) -> str:
    return str(text).replace("|", "/").replace("\n", " ")


def _glance(r: Roadmap, begin: date | None = None) -> list[str]:
    p = r.profile
    where = "; ".join(place_label(loc) for loc in p.locations) or "not given"
    start = plan_start(r, begin)
    ceiling = f"{r.budget.ceiling:,.0f} {r.budget.currency}" if r.budget.ceiling else "not given"
    return [
        "## At a glance",
        "",
        "| | |",
        "|---|---|",
        f"| Business | {_cell(p.name or p.industry_label or p.industry or 'not given')} |",
        f"| Team | {p.headcount or 'not given'} |",
        f"| Where | {_cell(where)} |",
        f"| Rules that apply | {_cell('; '.join(applying_names(r)) or 'none identified')} |",
        f"| Budget | {r.budget.total:,.0f} {r.budget.currency} planned of {ceiling}"
        f"{' (assumed)' if r.budget.ceiling_assumed else ''} |",
        f"| Plan | {r.timeline.total_months} months from {start:%B %Y}; pilot months {r.timeline.pilot_start_month}-"
        f"{r.timeline.pilot_start_month + r.timeline.pilot_months - 1} |",
        "",
    ]


def _use_cases(r: Roadmap) -> list[str]:
    out = [
        "## Use cases, in priority order",
        "",
        "| # | Use case | Phase | Success metric | Baseline -> target | By month | Setup / monthly | Why |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for u in r.use_cases:
        m = u.metric
        base = quantity(m.baseline, m.unit) if m.baseline is not None else "to measure"
        out.append(
            f"| {u.priority} | {_cell(u.name)} | {u.phase} | {_cell(m.name)} | {base} -> {quantity(m.target, m.unit)} "
            f"| {m.deadline_month} | {u.cost.setup:,.0f} / {u.cost.monthly:,.0f} {r.budget.currency} "
            f"| {_cell(u.rationale)} |"
        )
    out.append("")
    out += ["### Objectives", ""]
    out += [
        f"- **Objective {n}**: {o.statement} (KPI: {o.kpi.name}, target {quantity(o.kpi.target, o.kpi.unit)} by "
        f"month {o.kpi.deadline_month})"
        for n, o in enumerate(r.objectives, 1)
    ]
    return [*out, ""]


def _stages(r: Roadmap, begin: date | None = None) -> list[str]:
    start = plan_start(r, begin)
    out = ["## The nine stages", ""]
    for n, s in enumerate(r.stages, 1):
        when = f"{month_date(start, s.start_month):%b %Y}"
        months = f"Month {s.start_month}" if s.duration_months == 1 else f"Months {s.start_month}-{s.end_month}"
        heading = s.title if s.title.startswith("Stage") else f"{n}. {s.title}"  # titles may carry the number
        out += [f"### {heading}", "", f"*{months} (from {when}); owner: {s.owner_role}*", ""]
        out += [f"- {a}" for a in s.activities]
        if s.deliverables:
            out += ["", "**Deliverables:** " + "; ".join(s.deliverables)]
        if s.kpis:
            out += ["", "**KPIs:** " + "; ".join(s.kpis)]
        if s.risks:
            out += [
                "",
                "**Risks:**",
                *[f"- {x.risk} *Mitigation:* {x.mitigation} ({x.owner})" for x in s.risks],
            ]
        out.append("")
    return out


def _budget(r: Roadmap) -> list[str]:
    b = r.budget
    out = ["## Budget", "", f"| Item | Stage | Amount ({b.currency}) | Note |", "|---|---|---:|---|"]
    out += [
        f"| {_cell(line.item)} | {_stage_label(r, line.stage) if line.stage else '-'} | {line.amount:,.0f} "
        f"| {_cell(line.note)} |"
        for line in b.lines
    ]
    out.append(f"| **Total** | | **{b.total:,.0f}** | |")
    if b.ceiling:
        out += [
            "",
            f"Budget ceiling: {b.ceiling:,.0f} {b.currency}" + (" (assumed)." if b.ceiling_assumed else "."),
        ]
    return [*out, ""]


def _stage_label(r: Roadmap, stage_id: str) -> str:
    """'Stage 3 (governance)' reads as an id; an owner reads 'Stage 3'."""
    for n, stage in enumerate(r.stages, 1):
        if stage.id == stage_id:
            return stage.title.split(":")[0] if stage.title.startswith("Stage") else f"Stage {n}"
    return stage_id


def _risks(r: Roadmap) -> list[str]:
    out = ["## Risks", "", "| Risk | Mitigation | Owner |", "|---|---|---|"]
    out += [f"| {_cell(x.risk)} | {_cell(x.mitigation)} | {_cell(x.owner)} |" for x in r.risks]
    return [*out, ""]


def _compliance(r: Roadmap) -> list[str]:
    out = ["## Compliance", ""]
    if not r.compliance:
        return [*out, "No compliance tasks were identified; tell us where you operate.", ""]
    out += ["| Law | Task | Stage | Reference |", "|---|---|---|---|"]
    out += [
        f"| {law_label(r, a.jurisdiction)} | {_cell(a.action)} | {_stage_label(r, a.stage)} | {_cell(a.ref)} |"
        for a in r.compliance
    ]
    return [*out, ""]


def _people(r: Roadmap) -> list[str]:
    out = ["## Roles", ""]
    out += [
        f"- **{g.role}** ({g.held_by}; {g.time_per_week or 'as needed'}): " + "; ".join(g.responsibilities)
        for g in r.governance
    ]
    out += ["", "## Training and change", ""]
    out += [f"- Month {t.month}: {t.topic} - {t.audience} ({t.format})" for t in r.training.items]
    out += [f"- {c}" for c in r.training.change_management]
    out += ["", "## Rollback triggers", ""]
    out += [f"- If {t.condition}: {t.action}" for t in r.rollback_triggers]
    out += ["", "## Monitoring", ""]
    out += [f"- {k.kpi}: {k.frequency}; {k.threshold} ({k.owner})" for k in r.monitoring.kpis]
    out += [f"- Drift: {d}" for d in r.monitoring.drift_checks]
    if r.monitoring.retraining:
        out.append(f"- Retraining: {r.monitoring.retraining}")
    if r.monitoring.review_cadence:
        out.append(f"- Reviews: {r.monitoring.review_cadence}")
    return [*out, ""]


def _lists(r: Roadmap) -> list[str]:
    out: list[str] = []
    for title, items in (
        ("Deliberately not recommended", r.not_recommended),
        ("Assumptions", r.assumptions),
        ("Open questions", r.open_questions),
    ):
        if items:
            out += [f"## {title}", "", *[f"- {i}" for i in items], ""]
    return out


def _checks(findings: list[Finding]) -> list[str]:
    from agent.checks import RULES

    raised = {f.rule_id for f in findings}
    out = ["## Checks", "", f"{len(RULES) - len(raised)} of {len(RULES)} rules passed."]
    if findings:
        out += ["", "| Rule | Severity | Where | Finding | Fix |", "|---|---|---|---|---|"]
        out += [f"| {f.rule_id} | {f.severity} | {f.path} | {_cell(f.message)} | {_cell(f.fix)} |" for f in findings]
    return [*out, ""]


def _sources(r: Roadmap) -> list[str]:
    out = ["## Sources", ""]
    for n, c in enumerate(r.citations, 1):
        section = f", {c.section}" if c.section else ""
        link = f" <{c.url}>" if c.url else ""
        out.append(f"{n}. {c.title}{section}{link}")
    return [*out, ""]
