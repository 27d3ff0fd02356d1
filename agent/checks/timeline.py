"""Timeline and dependencies: nine stages in order, pilots 3-6 months, scaling 6-12 months, gates."""

from __future__ import annotations

from collections.abc import Iterator

from agent.checks.registry import rule
from agent.profile.deadlines import golive_due
from agent.schemas import STAGE_ORDER, Roadmap

Problems = Iterator[tuple[str, str, str]]


@rule("TL-001", "error", "All nine stages in their fixed order", "The nine-stage roadmap")
def nine_stages(r: Roadmap) -> Problems:
    ids = [s.id for s in r.stages]
    if ids != list(STAGE_ORDER):
        missing = [s for s in STAGE_ORDER if s not in ids]
        detail = f"missing: {', '.join(missing)}" if missing else f"order is {', '.join(ids)}"
        yield (
            "stages",
            f"The stages are not the nine stages in order ({detail}).",
            "List assess, strategy, governance, data, pilot, validation, deployment, rollout, monitoring.",
        )


@rule("TL-002", "error", "No stage starts before what it depends on", "Stage dependencies")
def dependencies(r: Roadmap) -> Problems:
    starts = {s.id: s.start_month for s in r.stages}
    for i, s in enumerate(r.stages):
        for dep in s.depends_on:
            if dep in starts and s.start_month < starts[dep]:
                yield (
                    f"stages[{i}].start_month",
                    f"'{s.id}' starts in month {s.start_month}, before '{dep}' (month {starts[dep]}).",
                    f"Start '{s.id}' in month {starts[dep]} or later.",
                )


@rule("TL-003", "error", "Validation comes after the pilot", "Stage 6: test, validate and audit")
def validation_after_pilot(r: Roadmap) -> Problems:
    pilot, validation = r.stage("pilot"), r.stage("validation")
    if pilot and validation and validation.start_month <= pilot.end_month:
        yield (
            "stages[5].start_month",
            f"Validation starts in month {validation.start_month}, while the pilot still runs (to month "
            f"{pilot.end_month}): the go/no-go review would judge an unfinished pilot.",
            f"Start validation in month {pilot.end_month + 1}, after the pilot's last month.",
        )


@rule("TL-004", "error", "Scaling takes 6 to 12 months", "Stage 8: phased rollout")
def rollout_length(r: Roadmap) -> Problems:
    rollout = r.stage("rollout")
    if rollout and not 6 <= rollout.duration_months <= 12:
        yield (
            "stages[7].duration_months",
            f"The rollout lasts {rollout.duration_months} months.",
            "Plan 6 to 12 months of phased rollout with go/no-go gates.",
        )


@rule("TL-005", "error", "Stages end within the plan", "Timeline integrity")
def inside_plan(r: Roadmap) -> Problems:
    for i, s in enumerate(r.stages):
        if s.end_month > r.timeline.total_months:
            yield (
                f"stages[{i}].duration_months",
                f"'{s.id}' runs to month {s.end_month}, after the plan ends (month {r.timeline.total_months}).",
                "Shorten the stage or extend timeline.total_months.",
            )


@rule("TL-006", "error", "The pilot stage matches the timeline", "Stage 5: pilots of 3-6 months")
def pilot_matches(r: Roadmap) -> Problems:
    pilot = r.stage("pilot")
    t = r.timeline
    if not 3 <= t.pilot_months <= 6:
        yield "timeline.pilot_months", f"The pilot is {t.pilot_months} months long.", "Make it 3 to 6 months."
    if pilot and (pilot.duration_months != t.pilot_months or pilot.start_month != t.pilot_start_month):
        yield (
            "stages[4]",
            "The pilot stage and timeline disagree on when the pilot runs.",
            "Use the same start month and length in both.",
        )


@rule("TL-007", "warning", "Go/no-go gates are planned", "Stage 8: go/no-go gates")
def gates(r: Roadmap) -> Problems:
    if not r.timeline.go_no_go_months:
        yield (
            "timeline.go_no_go_months",
            "No go/no-go decision points are planned.",
            "Add a gate at the end of the pilot and at each rollout phase.",
        )


def _go_live(r: Roadmap) -> int | None:
    deployment = r.stage("deployment")
    return r.timeline.go_live_month or (deployment.start_month if deployment else None)


def _explained(r: Roadmap, words: str) -> bool:
    return any(words.lower() in note.lower() for note in r.timeline.notes)


@rule("TL-008", "warning", "The owner's deadline is met, or the draft says why not", "Owner's constraints")
def deadline(r: Roadmap) -> Problems:
    due = golive_due(r.profile.deadline, r.profile.deadline_month)
    go_live = _go_live(r)
    if due and go_live and go_live > due and not _explained(r, r.profile.deadline or "deadline"):
        yield (
            "timeline.go_live_month",
            f'You asked to be live "{r.profile.deadline or f"by month {due}"}" (month {due} at the latest), but '
            f"go-live is in month {go_live} and the draft does not say why.",
            "Shorten the preparation or the pilot (not below 3 months), or explain in timeline.notes why the "
            "deadline cannot be met.",
        )


@rule("TL-009", "warning", "Monitoring starts at go-live", "Stage 9: monitoring")
def monitoring_starts(r: Roadmap) -> Problems:
    deployment, monitoring = r.stage("deployment"), r.stage("monitoring")
    if deployment and monitoring and monitoring.start_month > deployment.end_month + 1:
        yield (
            "stages[8].start_month",
            "Monitoring starts well after go-live.",
            "Start monitoring in the deployment month.",
        )


@rule("TL-010", "error", "The first go/no-go gate follows the pilot, and gates run in order", "Stage 6: go/no-go")
def gate_order(r: Roadmap) -> Problems:
    gates, t = r.timeline.go_no_go_months, r.timeline
    pilot_end = t.pilot_start_month + t.pilot_months - 1
    if gates and gates[0] <= pilot_end:
        yield (
            "timeline.go_no_go_months[0]",
            f"The first go/no-go gate is in month {gates[0]}, before the pilot's last month ({pilot_end}) is over.",
            f"Hold the first gate in month {pilot_end + 1} or later, once the pilot has run its course.",
        )
    if gates != sorted(set(gates)):
        yield (
            "timeline.go_no_go_months",
            f"The gates are out of order or repeated: {', '.join(map(str, gates))}.",
            "List each gate month once, earliest first.",
        )


@rule("TL-011", "error", "Every gate falls inside the plan", "Timeline integrity")
def gates_inside(r: Roadmap) -> Problems:
    for i, month in enumerate(r.timeline.go_no_go_months):
        if not 1 <= month <= r.timeline.total_months:
            yield (
                f"timeline.go_no_go_months[{i}]",
                f"A go/no-go gate is planned for month {month}, outside the {r.timeline.total_months}-month plan.",
                "Move the gate inside the plan or extend the plan.",
            )


@rule("TL-012", "warning", "Go-live is not in the owner's busy season", "Owner's constraints")
def busy_go_live(r: Roadmap) -> Problems:
    go_live, start = _go_live(r), r.timeline.start
    if not (go_live and start and r.profile.busy_months):
        return
    month = (int(start[5:7]) - 1 + go_live - 1) % 12 + 1
    if month in r.profile.busy_months and not _explained(r, "busy"):
        yield (
            "timeline.go_live_month",
            f"Go-live (month {go_live}) falls in one of your busy months, when the team has least time for a change.",
            "Move go-live before or after the busy season, or say in timeline.notes why it must happen then.",
        )
