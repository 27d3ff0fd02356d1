"""Choosing what to fund: the best pilot and scale-phase use cases whose budget fits the ceiling."""

from __future__ import annotations

from dataclasses import dataclass

from agent.planning.budget import Funded, build_budget, unit_costs
from agent.planning.requests import explain_high_risk_wait, explain_wait, order_for_plan, pilot_candidates
from agent.planning.scoring import ScoredUseCase
from agent.planning.sizing import Size
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
    size: Size | None = None,
    first_month: int = 1,
) -> Selection:
    """The richest plan that fits the ceiling: the owner's asks first (in their order), then the best other
    candidates; try the best pilot with fewer scale use cases, then the next pilot. Costs are set by the business's
    size, never lowered to fit: what does not fit waits for a later phase and the budget says so."""
    size = size or Size(0.15, 5, True, 1, None)
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
            selection = _build(
                profile, pilot, others, n_scale, currency, ceiling, assumed, review_triggers, size, first_month
            )
            if selection.budget.total <= ceiling:
                return _explained(selection, profile, ordered, size)
            if fallback is None or selection.budget.total < fallback.budget.total:
                fallback = selection
    assert fallback is not None
    return _explained(fallback, profile, ordered, size)


def _explained(selection: Selection, profile: BusinessProfile, ordered: list[ScoredUseCase], size: Size) -> Selection:
    """Asks that wait say why in the owner's words; a high-risk ask that does not lead says why too; the budget
    names what it left for later and what each would have added."""
    main = next((r for r in ordered if r.requested), None)
    over_budget = bool(profile.budget) and len(selection.scale) < sum(r.requested for r in ordered) - 1
    later = [explain_wait(r, profile, over_budget) if r.requested else r for r in selection.later]
    scale = [
        explain_high_risk_wait(r) if r is main and set(r.spec.triggers) & HIGH_RISK else r for r in selection.scale
    ]
    budget = selection.budget
    notes = [_deferred(r, budget, selection.schedule, size) for r in selection.later if r.requested]
    deferred = [n for n in notes if n]
    if over_budget and deferred:
        budget = budget.model_copy(update={"deferred": deferred})
    return Selection(selection.pilot, scale, later, selection.schedule, budget)


def _deferred(scored: ScoredUseCase, budget: RoadmapBudget, schedule: Schedule, size: Size) -> str | None:
    """'X waits for a later phase: it would add about N, above your budget of M' (None when it would fit)."""
    cost = unit_costs(scored.spec, size, budget.currency)
    months = max(1, schedule.scaling_months // 2)
    extra = cost.setup + cost.monthly * months
    if budget.ceiling is None or budget.total + extra <= budget.ceiling:
        return None
    ceiling = f"{budget.ceiling:,.0f} {budget.currency}" if budget.ceiling is not None else "the budget"
    return (
        f"{scored.spec.title} waits for a later phase: its setup and {months} months of running costs would add "
        f"about {extra:,.0f} {budget.currency}, taking the plan past your budget of {ceiling}. "
        "It was not made cheaper to fit."
    )


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
    size: Size,
    first_month: int,
) -> Selection:
    # High-risk uses may follow a safer pilot (with their obligations planned); they never lead it.
    scale = others[:n_scale]
    waiting = [o for o in others if o not in scale]
    asked_later = [o for o in waiting if o.requested]  # every ask stays in the plan, at worst as "later"
    later = asked_later + [o for o in waiting if not o.requested][: max(0, 3 - len(asked_later))]
    schedule = plan_schedule(profile, pilot.spec.pilot_months, len(scale), first_month)
    running = schedule.total_months - schedule.start("pilot") + 1
    funded = [Funded(pilot.spec, "pilot", running)]
    scale_months = max(1, schedule.scaling_months // 2)
    funded += [Funded(s.spec, "scale", scale_months) for s in scale]
    triggers = {t for f in funded for t in f.spec.triggers} | review_triggers
    needs_review = bool(triggers & ({"special-category-data", "automated-decision", "biometric-data"} | HIGH_RISK))
    budget = build_budget(funded, currency, ceiling, assumed, needs_review, size)
    return Selection(pilot, scale, later, schedule, budget)
