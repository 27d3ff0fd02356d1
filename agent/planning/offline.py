"""The offline drafter: a complete, specific roadmap from a profile and the knowledge catalogue, no model."""

from __future__ import annotations

import string
from datetime import UTC, date, datetime

from agent.errors import UsageError
from agent.planning.budget import ceiling_for, unit_costs
from agent.planning.catalogue import Catalogue, StageSpec, UseCaseSpec
from agent.planning.compliance import applicability_checks, select_actions
from agent.planning.laws import judged_for_plan
from agent.planning.payback import Basis, basis_for, programme_payback, use_case_payback
from agent.planning.plans import governance_roles, monitoring_plan, rollback_triggers, training_plan
from agent.planning.requests import custom_specs, requested_order
from agent.planning.scoring import rank_use_cases
from agent.planning.selection import Selection, choose
from agent.planning.sizing import Size, size_of
from agent.planning.summary import assumptions_and_questions, summarise
from agent.planning.timeline import DEPENDENCIES
from agent.planning.triggers import profile_triggers
from agent.profile.applicability import location_codes
from agent.profile.places import default_currency
from agent.schemas import (
    STAGE_ORDER,
    BusinessProfile,
    Citation,
    ComplianceAction,
    Metric,
    Objective,
    Risk,
    RiskyWish,
    Roadmap,
    Stage,
    Timeline,
    UseCase,
)
from agent.writing.trade import trade_phrases
from agent.writing.units import local_distance
from agent.writing.words import cite, join_words, lower_first, quantity, system_label, with_article


class OfflineDrafter:
    """Deterministic drafter driven by knowledge/: same profile in, same roadmap out."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue

    def draft(self, profile: BusinessProfile, today: date | None = None) -> Roadmap:
        """Draft a roadmap for this business; plan month 1 is the calendar month after today."""
        today = today or datetime.now(UTC).date()
        first_month = today.month % 12 + 1
        start = f"{today.year + (today.month == 12)}-{first_month:02d}"
        specs = self._catalogue.use_cases + custom_specs(profile, self._catalogue)
        asked = requested_order(profile)
        ranked = rank_use_cases(profile, specs, asked)
        if not ranked:
            ranked = rank_use_cases(
                profile.model_copy(update={"industry": None, "goals": ["save-admin-time"]}), specs, asked
            )
        if not ranked:
            raise UsageError("No use case in the catalogue fits this description; say more about your goals.")
        currency = _currency(profile)
        ceiling, assumed = ceiling_for(profile, currency)
        base_triggers = profile_triggers(profile)
        size = size_of(profile)
        selection = choose(profile, ranked, currency, ceiling, assumed, base_triggers, asked, size, first_month)
        basis = basis_for(profile, size, currency)
        wording = trade_phrases(profile.industry)
        countries = [loc.country for loc in profile.locations]
        use_cases, objectives = _use_cases_and_objectives(selection, currency, size, basis, wording, countries)
        profile = judged_for_plan(profile, use_cases)
        active = [u for u in use_cases if u.phase != "later"]
        triggers = base_triggers | {t for u in active for t in u.compliance_triggers}
        later = {t for u in use_cases for t in u.compliance_triggers} - triggers
        # the place layer: the places it is in, and the markets it names outright (not "across the EU")
        markets = {code for loc in profile.markets for code in (loc.country, f"{loc.country}-{loc.region}")}
        places = location_codes(profile)
        actions = select_actions(self._catalogue, profile.jurisdictions, triggers, later, places, markets)
        actions += applicability_checks(self._catalogue, profile.laws_considered)
        stages = self._stages(profile, selection, use_cases, actions)
        pilot = use_cases[0]
        gdpr_like = bool({"gdpr", "uk-gdpr"} & set(profile.jurisdictions))
        assumptions, questions = assumptions_and_questions(profile, selection.budget)
        roadmap = Roadmap(
            title=f"AI implementation roadmap for {profile.name or _label(profile)}",
            summary=summarise(profile, selection, use_cases, actions),
            profile=profile,
            objectives=objectives,
            use_cases=use_cases,
            stages=stages,
            budget=selection.budget,
            timeline=Timeline(
                total_months=selection.schedule.total_months,
                pilot_start_month=selection.schedule.start("pilot"),
                pilot_months=selection.schedule.pilot_months,
                scaling_months=selection.schedule.scaling_months,
                go_no_go_months=_gates(selection),
                go_live_month=selection.schedule.go_live,
                start=start,
                notes=selection.schedule.notes,
            ),
            governance=governance_roles(
                profile, pilot, bool(triggers & {"special-category-data", "automated-decision"})
            ),
            training=training_plan(profile, selection.schedule, pilot, "eu-ai-act" in profile.jurisdictions),
            rollback_triggers=rollback_triggers(use_cases, gdpr_like),
            monitoring=monitoring_plan(objectives, pilot, wording["offer_changes"]),
            risks=_programme_risks(active, specs, wording),
            compliance=actions,
            not_recommended=[not_recommended(r) for r in profile.risky_wishes],
            assumptions=assumptions,
            open_questions=questions,
            citations=[],
            payback=programme_payback(use_cases, selection.budget.lines, selection.budget.total, basis),
            generated_by="offline",
            created_at=datetime.now(UTC).replace(microsecond=0),
        )
        return roadmap.model_copy(update={"citations": collect_citations(roadmap)})

    def _stages(
        self,
        profile: BusinessProfile,
        sel: Selection,
        use_cases: list[UseCase],
        actions: list[ComplianceAction],
    ) -> list[Stage]:
        values = _placeholders(profile, use_cases) | {"plan_months": str(sel.schedule.total_months)}
        extras = _stage_extras(sel, use_cases)
        stages = []
        for stage_id in STAGE_ORDER:
            spec: StageSpec = self._catalogue.stage(stage_id)
            start, duration = sel.schedule.slots[stage_id]
            stage_actions = [a for a in actions if a.stage == stage_id]
            activities = [_fill(a, values) for a in spec.activities] + extras.get(stage_id, [])
            activities += [f"Compliance: {a.action} {cite(a.ref)}" for a in stage_actions]
            stages.append(
                Stage(
                    id=stage_id,
                    title=spec.title,
                    summary=_stage_summary(stage_id, sel, use_cases),
                    owner_role=spec.owner_role,
                    start_month=start,
                    duration_months=duration,
                    depends_on=DEPENDENCIES[stage_id],
                    activities=activities,
                    deliverables=[_fill(d, values) for d in spec.deliverables],
                    kpis=[_fill(k, values) for k in spec.kpis],
                    risks=[_filled_risk(x, values) for x in spec.risks],
                    compliance_actions=stage_actions,
                    citations=[spec.citation],
                )
            )
        return stages


def _currency(profile: BusinessProfile) -> str:
    if profile.budget:
        return profile.budget.currency
    if profile.annual_revenue:
        return profile.annual_revenue.currency
    return default_currency([loc.country for loc in profile.locations])


def _label(profile: BusinessProfile) -> str:
    if profile.industry_label:  # "a physiotherapy clinic", not "a physiotherapy clinic business"
        return with_article(profile.industry_label)
    return with_article(f"{(profile.industry or 'small').replace('-', ' ')} business")


def _use_cases_and_objectives(
    sel: Selection,
    currency: str,
    size: Size,
    basis: Basis,
    wording: dict[str, str],
    countries: list[str],
) -> tuple[list[UseCase], list[Objective]]:
    use_cases: list[UseCase] = []
    objectives: list[Objective] = []
    phased = [(sel.pilot, "pilot")] + [(s, "scale") for s in sel.scale] + [(s, "later") for s in sel.later]
    for priority, (scored, phase) in enumerate(phased, start=1):
        spec = scored.spec
        deadline = sel.schedule.end("pilot") if phase == "pilot" else sel.schedule.total_months
        metric = _metric(spec.metric, deadline, countries)
        objective_id = f"obj-{priority}"
        if phase != "later":
            objectives.append(
                Objective(
                    id=objective_id,
                    statement=spec.objective,
                    goal=scored.matched_goals[0] if scored.matched_goals else None,
                    kpi=metric,
                )
            )
        else:
            objective_id = objectives[0].id
        cost = unit_costs(spec, size, currency)
        use_cases.append(
            UseCase(
                id=spec.id,
                name=spec.title,
                priority=priority,
                objective_id=objective_id,
                rationale=scored.rationale,
                value=spec.value,
                feasibility=scored.feasibility,
                score=scored.score,
                metric=metric,
                pilot_months=sel.schedule.pilot_months if phase == "pilot" else spec.pilot_months,
                phase=phase,
                cost=cost,
                payback=use_case_payback(spec, size, cost, basis) if phase != "later" else None,
                data_needed=[_fill(d, wording) for d in spec.data_needed],
                compliance_triggers=list(spec.triggers),
                citations=[spec.citation],
            )
        )
    return use_cases, objectives


def _metric(raw: dict, deadline: int, countries: list[str]) -> Metric:
    direction = "increase" if raw.get("direction") == "increase" else "decrease"
    hint = raw.get("baseline_hint")
    baseline = float(100 if hint is None else hint)  # 0 is a real baseline: "no questions answered by AI yet"
    if raw.get("target") is not None:  # an absolute target, for metrics that start from zero
        target = float(raw["target"])
    else:
        change = float(raw.get("target_change", -0.2 if direction == "decrease" else 0.2) or 0)
        if (direction == "decrease") == (change > 0):
            change = -change  # a target must move the right way whatever sign the catalogue used
        target = round(baseline * (1 + change), 2) if change else baseline * (0.8 if direction == "decrease" else 1.2)
    if raw.get("unit") == "%":
        target = min(target, 100.0)
    name, unit, baseline = local_distance(
        str(raw.get("name", "Primary KPI")), str(raw.get("unit", "")), baseline, countries
    )
    if unit != raw.get("unit", ""):
        target = round(target * baseline / float(100 if hint is None else hint), 1)
    return Metric(
        name=name,
        unit=unit,
        direction=direction,
        baseline=baseline,
        target=target,
        deadline_month=deadline,
        baseline_assumed=True,
    )


def _placeholders(profile: BusinessProfile, use_cases: list[UseCase]) -> dict[str, str]:
    active = [u.name for u in use_cases if u.phase != "later"]
    data = sorted({d for u in use_cases[:1] for d in u.data_needed})
    return trade_phrases(profile.industry) | {
        "name": profile.name or "the business",
        "industry": (profile.industry_label or profile.industry or "business").replace("-", " "),
        "systems": join_words(system_label(s) for s in profile.systems) or "your current tools",
        "goals": join_words(g.replace("-", " ") for g in profile.goals) or "your top goals",
        "pilot_use_case": use_cases[0].name,
        "use_cases": join_words(active),
        "data": join_words(lower_first(d) for d in data[:3]) or "the data the pilot needs",
    }


def _fill(template: str, values: dict[str, str]) -> str:
    """Fill {placeholders}; unknown ones stay as written rather than raising."""
    out = []
    for literal, field, _spec, _conv in string.Formatter().parse(template):
        out.append(literal)
        if field is not None:
            out.append(values.get(field, "{" + field + "}"))
    return "".join(out)


def _filled_risk(risk: Risk, values: dict[str, str]) -> Risk:
    return risk.model_copy(update={"risk": _fill(risk.risk, values), "mitigation": _fill(risk.mitigation, values)})


def _stage_extras(sel: Selection, use_cases: list[UseCase]) -> dict[str, list[str]]:
    pilot = use_cases[0]
    m = pilot.metric
    scale = [u for u in use_cases if u.phase == "scale"]
    ranking = "; ".join(f"{u.priority}. {u.name} (score {u.score:g}, {u.phase})" for u in use_cases)
    extras = {
        "assess": [
            "Measure today's baseline for "
            + join_words(lower_first(u.metric.name) for u in use_cases if u.phase != "later")
            + "."
        ],
        "strategy": [f"Confirm the priority order: {ranking}."],
        "data": [f"Gather for the pilot: {d}" for d in pilot.data_needed[:4]],
        "pilot": [
            f"Run the {pilot.name} pilot for {sel.schedule.pilot_months} months; success means "
            f"{lower_first(m.name)} moves from {quantity(m.baseline or 0, m.unit)} to "
            f"{quantity(m.target, m.unit)}."
        ],
        "validation": [
            f"Go/no-go in month {sel.schedule.start('validation')}: compare {m.name} with the "
            "baseline, review a sample of outputs for errors and unfair treatment, decide scale, fix or stop."
        ],
        "deployment": [
            "Write the rollback plan: who switches the system off, how work continues manually, "
            "which triggers apply (see rollback triggers)."
        ],
        "rollout": [f"Phase {n}: introduce {u.name}, with its own go/no-go gate." for n, u in enumerate(scale, 2)]
        or ["Extend the pilot use case to all staff, locations or products in steps, with a go/no-go gate at each."],
        "monitoring": [f"Track {u.metric.name} on a monthly KPI dashboard." for u in use_cases if u.phase != "later"],
    }
    return extras


def _stage_summary(stage_id: str, sel: Selection, use_cases: list[UseCase]) -> str:
    start, duration = sel.schedule.slots[stage_id]
    months = f"month {start}" if duration == 1 else f"months {start}-{start + duration - 1}"
    return f"{months}; focus: {use_cases[0].name}" if stage_id in ("pilot", "validation") else months


def _gates(sel: Selection) -> list[int]:
    gates = [sel.schedule.start("validation")]
    rollout_start, scaling = sel.schedule.slots["rollout"]
    gates += [rollout_start + step - 1 for step in range(3, scaling + 1, 3)]
    return gates


def _programme_risks(active: list[UseCase], specs: tuple[UseCaseSpec, ...], wording: dict[str, str]) -> list[Risk]:
    by_id = {s.id: s for s in specs}
    risks: list[Risk] = []
    for uc in active:
        risks.extend(_filled_risk(x, wording) for x in by_id[uc.id].risks)
    risks.append(
        Risk(
            risk="The pilot absorbs more staff time than planned and daily work suffers.",
            mitigation="Cap pilot time per week and review it at every monthly check-in.",
            owner="AI owner",
        )
    )
    return risks


def not_recommended(risky: RiskyWish) -> str:
    """A risky wish answered: what the owner asked (quoted), why not (law and article), the safer route."""
    safer = f" Safer alternative: {risky.alternative}" if risky.alternative else ""
    return f'You asked: "{risky.phrase}". Not recommended: {risky.why} {cite(risky.ref)}.{safer}'


def collect_citations(roadmap: Roadmap) -> list[Citation]:
    """Every distinct citation used anywhere in the roadmap, in order of first use."""
    seen: dict[tuple[str, str], Citation] = {}
    pools = [c for s in roadmap.stages for c in s.citations] + [c for u in roadmap.use_cases for c in u.citations]
    pools += [a.citation for a in roadmap.compliance if a.citation]
    for citation in pools:
        seen.setdefault((citation.doc_id, citation.section), citation)
    return list(seen.values())
