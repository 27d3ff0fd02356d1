"""Timeline and dependencies: nine stages in order, pilots 3-6 months, scaling 6-12 months, gates."""

from __future__ import annotations

from collections.abc import Iterator

from agent.checks.registry import rule
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


@rule("TL-003", "error", "Validation comes at the end of the pilot", "Stage 6: test, validate and audit")
def validation_after_pilot(r: Roadmap) -> Problems:
    pilot, validation = r.stage("pilot"), r.stage("validation")
    if pilot and validation and validation.start_month < pilot.end_month:
        yield (
            "stages[5].start_month",
            f"Validation starts in month {validation.start_month}, before the pilot ends (month {pilot.end_month}).",
            "Validate in the pilot's last month or after it.",
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


@rule("TL-008", "warning", "The owner's deadline is met", "Owner's constraints")
def deadline(r: Roadmap) -> Problems:
    due = r.profile.deadline_month
    if due and r.timeline.pilot_start_month > due:
        yield (
            "timeline.pilot_start_month",
            f"You asked for results by month {due} ({r.profile.deadline}), but "
            f"the pilot starts in month {r.timeline.pilot_start_month}.",
            "Compress the preparation stages or agree a later deadline.",
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
