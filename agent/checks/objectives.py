"""Objectives and KPIs; use cases tied to them."""

from __future__ import annotations

from collections.abc import Iterator

from agent.checks.registry import rule
from agent.schemas import Metric, Roadmap

Problems = Iterator[tuple[str, str, str]]


def _moves_right_way(m: Metric) -> bool:
    if m.baseline is None:
        return True
    return m.target < m.baseline if m.direction == "decrease" else m.target > m.baseline


@rule("OBJ-001", "error", "At least one measurable objective", "Stage 1: assess and set goals")
def has_objectives(r: Roadmap) -> Problems:
    if not r.objectives:
        yield (
            "objectives",
            "The roadmap has no measurable objectives.",
            "Add at least one objective with a KPI.",
        )


@rule("OBJ-002", "error", "KPI targets move the right way", "Stage 1: measurable objectives")
def targets_move(r: Roadmap) -> Problems:
    for i, o in enumerate(r.objectives):
        if not _moves_right_way(o.kpi):
            yield (
                f"objectives[{i}].kpi.target",
                f"Objective '{o.id}' targets {o.kpi.target:g} but should {o.kpi.direction} from {o.kpi.baseline:g}.",
                "Set a target better than the baseline in the KPI's direction.",
            )


@rule("OBJ-003", "error", "KPI deadlines fall inside the plan", "Stage 1: time-bound objectives")
def deadlines_inside(r: Roadmap) -> Problems:
    for i, o in enumerate(r.objectives):
        if o.kpi.deadline_month > r.timeline.total_months:
            yield (
                f"objectives[{i}].kpi.deadline_month",
                f"Objective '{o.id}' is due in month {o.kpi.deadline_month}, after the plan ends "
                f"(month {r.timeline.total_months}).",
                "Move the deadline inside the plan or extend the plan.",
            )


@rule("OBJ-004", "error", "Objective ids are unique", "Schema integrity")
def unique_objective_ids(r: Roadmap) -> Problems:
    ids = [o.id for o in r.objectives]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        yield (
            "objectives",
            f"Objective id '{dup}' is used more than once.",
            "Give every objective its own id.",
        )


@rule("OBJ-005", "info", "Baselines are measured, not assumed", "Stage 1: baselines")
def baselines_measured(r: Roadmap) -> Problems:
    for i, o in enumerate(r.objectives):
        if o.kpi.baseline_assumed or o.kpi.baseline is None:
            yield (
                f"objectives[{i}].kpi.baseline",
                f"The baseline for '{o.kpi.name}' is an estimate.",
                "Measure the real value during the assess stage and update the target.",
            )


@rule("UC-001", "error", "At least one use case", "Stage 2: prioritised use cases")
def has_use_cases(r: Roadmap) -> Problems:
    if not r.use_cases:
        yield (
            "use_cases",
            "The roadmap names no AI use case.",
            "Add a prioritised use case tied to an objective.",
        )


@rule("UC-002", "error", "Every use case serves a known objective", "Stage 2: use cases tied to objectives")
def use_case_objective_known(r: Roadmap) -> Problems:
    ids = {o.id for o in r.objectives}
    for i, u in enumerate(r.use_cases):
        if u.objective_id not in ids:
            yield (
                f"use_cases[{i}].objective_id",
                f"'{u.name}' points to objective '{u.objective_id}', which does not exist.",
                "Tie the use case to one of the roadmap's objectives.",
            )


@rule("UC-003", "warning", "Every objective is served by a use case", "Stage 2: alignment")
def objective_served(r: Roadmap) -> Problems:
    served = {u.objective_id for u in r.use_cases}
    for i, o in enumerate(r.objectives):
        if o.id not in served:
            yield (
                f"objectives[{i}]",
                f"No use case works towards objective '{o.id}'.",
                "Add a use case for it or drop the objective.",
            )


@rule("UC-004", "error", "Priorities are unique", "Stage 2: prioritisation")
def unique_priorities(r: Roadmap) -> Problems:
    priorities = [u.priority for u in r.use_cases]
    if len(priorities) != len(set(priorities)):
        yield (
            "use_cases",
            "Two use cases share the same priority.",
            "Number priorities 1, 2, 3 ... without ties.",
        )


@rule("UC-005", "error", "Pilots last 3 to 6 months", "Stage 5: development and prototyping")
def pilot_length(r: Roadmap) -> Problems:
    for i, u in enumerate(r.use_cases):
        if u.phase == "pilot" and not 3 <= u.pilot_months <= 6:
            yield (
                f"use_cases[{i}].pilot_months",
                f"The pilot of '{u.name}' lasts {u.pilot_months} months.",
                "Plan pilots of 3 to 6 months: long enough to measure, short enough to stop.",
            )


@rule("UC-006", "warning", "A small team pilots one thing at a time", "Stage 2: resources")
def parallel_pilots(r: Roadmap) -> Problems:
    pilots = [u for u in r.use_cases if u.phase == "pilot"]
    staff = r.profile.headcount or 5
    if len(pilots) > (1 if staff < 10 else 2):
        yield (
            "use_cases",
            f"{len(pilots)} pilots run at once for a team of {staff}.",
            "Pilot one use case first; move the others to the scale phase.",
        )


@rule("UC-007", "error", "Use-case targets move the right way", "Stage 2: success metrics")
def use_case_targets(r: Roadmap) -> Problems:
    for i, u in enumerate(r.use_cases):
        if not _moves_right_way(u.metric):
            yield (
                f"use_cases[{i}].metric.target",
                f"'{u.name}' targets {u.metric.target:g}, not better than the baseline {u.metric.baseline:g}.",
                "Set a target better than the baseline.",
            )


@rule("UC-008", "warning", "Each use case says why it fits", "Stage 2: prioritisation")
def rationale_present(r: Roadmap) -> Problems:
    for i, u in enumerate(r.use_cases):
        if len(u.rationale.strip()) < 10:
            yield f"use_cases[{i}].rationale", f"'{u.name}' has no rationale.", "Add one line on why it fits."


@rule("UC-009", "error", "Exactly one first pilot", "Stage 5: development and prototyping")
def one_first_pilot(r: Roadmap) -> Problems:
    if r.use_cases and not any(u.phase == "pilot" for u in r.use_cases):
        yield (
            "use_cases",
            "No use case is marked as the pilot.",
            "Mark the top-priority use case as the pilot.",
        )
