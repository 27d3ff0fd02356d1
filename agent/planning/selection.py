"""Choosing what to fund: the best pilot and scale-phase use cases whose budget fits the ceiling."""

from __future__ import annotations

from dataclasses import dataclass

from agent.planning.budget import Funded, build_budget
from agent.planning.requests import explain_high_risk_wait, explain_wait, order_for_plan, pilot_candidates
from agent.planning.scoring import ScoredUseCase
from agent.planning.timeline import Schedule, plan_schedule
from agent.planning.triggers import HIGH_RISK
from agent.schemas import BusinessProfile, RoadmapBudget

_MAX_SCALE = 2
_MAX_ASKED_SCALE = 4  # the owner's own asks may fill more of the scale phase, budget permitting


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
    asked: list[str] | None = None,
) -> Selection:
    """The richest plan that fits the ceiling: the owner's asks first (in their order), then the best other
    candidates; try the best pilot with fewer scale use cases, then cheaper cost levels, then the next pilot."""
    ordered = order_for_plan(ranked, asked or [])
    fallback: Selection | None = None
    pilots = pilot_candidates(ordered)
    chosen = [r for r in ordered if r.spec.id == profile.pilot_use_case]
    pilots = chosen + [p for p in pilots if p not in chosen]  # the owner's choice of pilot comes first
    for pilot in pilots:
        others = [r for r in ordered if r is not pilot]
        asks_left = sum(r.requested for r in others)
        top = min(len(others), max(min(_MAX_SCALE, _capacity(profile)), min(asks_left, _MAX_ASKED_SCALE)))
        for n_scale in range(top, -1, -1):
            for low_end in (False, True):
                selection = _build(
                    profile, pilot, others, n_scale, currency, ceiling, assumed, review_triggers, low_end
                )
                if selection.budget.total <= ceiling:
                    return _explained(selection, profile, ordered)
                if fallback is None or selection.budget.total < fallback.budget.total:
                    fallback = selection
    assert fallback is not None
    return _explained(fallback, profile, ordered)


def _explained(selection: Selection, profile: BusinessProfile, ordered: list[ScoredUseCase]) -> Selection:
    """Asks that wait say why in the owner's words; a high-risk ask that does not lead says why too."""
    main = next((r for r in ordered if r.requested), None)
    over_budget = bool(profile.budget) and len(selection.scale) < sum(r.requested for r in ordered) - 1
    later = [explain_wait(r, profile, over_budget) if r.requested else r for r in selection.later]
    scale = [
        explain_high_risk_wait(r) if r is main and set(r.spec.triggers) & HIGH_RISK else r for r in selection.scale
    ]
    return Selection(selection.pilot, scale, later, selection.schedule, selection.budget)


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
    waiting = [o for o in others if o not in scale]
    asked_later = [o for o in waiting if o.requested]  # every ask stays in the plan, at worst as "later"
    later = asked_later + [o for o in waiting if not o.requested][: max(0, 3 - len(asked_later))]
    schedule = plan_schedule(profile, pilot.spec.pilot_months, len(scale))
    running = schedule.total_months - schedule.start("pilot") + 1
    funded = [Funded(pilot.spec, "pilot", running)]
    scale_months = max(1, schedule.scaling_months // 2)
    funded += [Funded(s.spec, "scale", scale_months) for s in scale]
    triggers = {t for f in funded for t in f.spec.triggers} | review_triggers
    needs_review = bool(triggers & ({"special-category-data", "automated-decision", "biometric-data"} | HIGH_RISK))
    budget = build_budget(funded, currency, ceiling, assumed, needs_review, low_end)
    return Selection(pilot, scale, later, schedule, budget)
