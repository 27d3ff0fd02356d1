"""Choosing what to fund: the best pilot and scale-phase use cases whose budget fits the ceiling."""

from __future__ import annotations

from dataclasses import dataclass

from agent.planning.budget import Funded, build_budget
from agent.planning.scoring import ScoredUseCase
from agent.planning.timeline import Schedule, plan_schedule
from agent.planning.triggers import HIGH_RISK
from agent.schemas import BusinessProfile, RoadmapBudget

_MAX_SCALE = 2


@dataclass(frozen=True)
class Selection:
    """The funded plan: pilot, scale-phase use cases, schedule and budget."""

    pilot: ScoredUseCase
    scale: list[ScoredUseCase]
    later: list[ScoredUseCase]
    schedule: Schedule
    budget: RoadmapBudget


def choose(
    profile: BusinessProfile,
    ranked: list[ScoredUseCase],
    currency: str,
    ceiling: float,
    assumed: bool,
    review_triggers: set[str],
) -> Selection:
    """The richest plan that fits the ceiling: try the best pilot with fewer scale use cases, then cheaper
    cost levels, then the next pilot candidate."""
    pilots = _pilot_candidates(ranked)
    chosen = [r for r in ranked if r.spec.id == profile.pilot_use_case]
    pilots = chosen + [p for p in pilots if p not in chosen]  # the owner's choice of pilot comes first
    fallback: Selection | None = None
    for pilot in pilots:
        others = [r for r in ranked if r is not pilot]
        for n_scale in range(min(_MAX_SCALE, len(others), _capacity(profile)), -1, -1):
            for low_end in (False, True):
                selection = _build(
                    profile, pilot, others, n_scale, currency, ceiling, assumed, review_triggers, low_end
                )
                if selection.budget.total <= ceiling:
                    return selection
                if fallback is None or selection.budget.total < fallback.budget.total:
                    fallback = selection
    assert fallback is not None
    return fallback


def _pilot_candidates(ranked: list[ScoredUseCase]) -> list[ScoredUseCase]:
    # A first pilot should not carry high-risk obligations when a safer candidate exists.
    safe = [r for r in ranked if not set(r.spec.triggers) & HIGH_RISK]
    return (safe or ranked)[:6]


def _capacity(profile: BusinessProfile) -> int:
    staff = profile.headcount or 5
    return 1 if staff < 5 else 2


def _build(
    profile: BusinessProfile,
    pilot: ScoredUseCase,
    others: list[ScoredUseCase],
    n_scale: int,
    currency: str,
    ceiling: float,
    assumed: bool,
    review_triggers: set[str],
    low_end: bool,
) -> Selection:
    # High-risk uses may follow a safer pilot (with their obligations planned); they never lead it.
    scale = others[:n_scale]
    later = [o for o in others if o not in scale][:3]
    schedule = plan_schedule(profile, pilot.spec.pilot_months, len(scale))
    running = schedule.total_months - schedule.start("pilot") + 1
    funded = [Funded(pilot.spec, "pilot", running)]
    scale_months = max(1, schedule.scaling_months // 2)
    funded += [Funded(s.spec, "scale", scale_months) for s in scale]
    triggers = {t for f in funded for t in f.spec.triggers} | review_triggers
    needs_review = bool(triggers & ({"special-category-data", "automated-decision", "biometric-data"} | HIGH_RISK))
    budget = build_budget(funded, currency, ceiling, assumed, needs_review, low_end)
    return Selection(pilot, scale, later, schedule, budget)
