"""Payback: every planned use case states its benefit, and pays back within the plan or the draft shows it."""

from __future__ import annotations

from collections.abc import Iterator

from agent.checks.registry import rule
from agent.schemas import Roadmap

Problems = Iterator[tuple[str, str, str]]


def _benefit_starts(r: Roadmap, phase: str) -> int:
    """Benefits are counted from go-live for the pilot and from the start of the rollout for later use cases."""
    rollout = r.stage("rollout")
    go_live = r.timeline.go_live_month or r.timeline.pilot_start_month + r.timeline.pilot_months
    return rollout.start_month if phase == "scale" and rollout else go_live


@rule("PAY-001", "warning", "Each planned use case pays back within the plan", "Prioritising investments")
def use_case_payback(r: Roadmap) -> Problems:
    for i, u in enumerate(r.use_cases):
        if u.phase == "later" or u.payback is None:
            continue
        months = u.payback.payback_months
        if months is None:
            yield (
                f"use_cases[{i}].payback",
                f"'{u.name}' costs more to run ({u.payback.running_cost_per_year:,.0f} a year) than it is expected "
                f"to bring back ({u.payback.annual_benefit:,.0f} a year): it never pays back on these assumptions.",
                "Check the assumptions with real numbers, choose a cheaper tool, or move it to a later phase.",
            )
        elif _benefit_starts(r, u.phase) + months - 1 > r.timeline.total_months:
            yield (
                f"use_cases[{i}].payback.payback_months",
                f"'{u.name}' pays back after {months} months of use, later than the plan's end "
                f"(month {r.timeline.total_months}).",
                "Check the assumptions, or plan it as a longer-term investment and say so.",
            )


@rule("PAY-002", "warning", "Planned use cases state their benefit", "Prioritising investments")
def benefit_stated(r: Roadmap) -> Problems:
    for i, u in enumerate(r.use_cases):
        if u.phase != "later" and (u.payback is None or not u.payback.assumptions):
            yield (
                f"use_cases[{i}].payback",
                f"'{u.name}' is planned without an estimate of what it brings back.",
                "Add a yearly benefit with its assumptions (hours saved and wage, or revenue kept).",
            )


@rule("PAY-003", "warning", "The programme pays back within the plan", "Prioritising investments")
def programme_payback(r: Roadmap) -> Problems:
    p = r.payback
    if p is None:
        return
    go_live = r.timeline.go_live_month or r.timeline.pilot_start_month + r.timeline.pilot_months
    if p.payback_months is None or go_live + p.payback_months - 1 > r.timeline.total_months:
        when = "never" if p.payback_months is None else f"after {p.payback_months} months"
        yield (
            "payback.payback_months",
            f"The programme pays back {when}, beyond the plan's end (month {r.timeline.total_months}).",
            "Fund fewer or cheaper use cases, or check the benefit assumptions with real numbers.",
        )
