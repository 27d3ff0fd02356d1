"""The owner's asks lead the plan: requests first in the owner's order, custom wishes as use cases of their own,
and the reason in the owner's words when a request waits."""

from __future__ import annotations

import re
from dataclasses import replace

from agent.planning.catalogue import Catalogue, UseCaseSpec
from agent.planning.scoring import ScoredUseCase
from agent.planning.triggers import HIGH_RISK, profile_triggers
from agent.profile.lexicon import matcher
from agent.schemas import BusinessProfile, Risk, Wish

_HIGH_RISK_CUES = {
    "annex-iii-employment": re.compile(r"\b(candidates?|applicants?|cvs?|résumés?|resumes?|hiring|staff|employees?)\b"),
    "annex-iii-credit": re.compile(r"\b(credit|loans?|lending|creditworth\w*|affordability)\b"),
    "annex-iii-education": re.compile(r"\b(students?|pupils?|exams?|grades?|grading|admissions?)\b"),
}
_DECIDES = re.compile(r"\b(scor\w*|rank\w*|screen\w*|shortlist\w*|filter\w*|select\w*|decid\w*|assess\w*|grad\w*)\b")


def custom_id(wish: Wish) -> str:
    """A stable id for a custom wish, from its title."""
    slug = re.sub(r"[^a-z0-9]+", "-", (wish.title or wish.phrase).lower()).strip("-")
    return "custom-" + slug[:48].rstrip("-")


def requested_order(profile: BusinessProfile) -> list[str]:
    """Use-case ids the owner asked for, main ask first (catalogue ids and custom ids)."""
    ids = [w.use_case or custom_id(w) for w in profile.wishes]
    ids += [i for i in profile.requested_use_cases if i not in ids]  # profiles written before wishes existed
    return [i for i in dict.fromkeys(ids) if i not in profile.excluded_use_cases]


def custom_specs(profile: BusinessProfile, catalogue: Catalogue) -> tuple[UseCaseSpec, ...]:
    """A use case for each wish the catalogue lacks: the owner's title, generic stage work, its own screening."""
    known = {s.id for s in catalogue.use_cases}
    out = [_custom(w, profile, catalogue) for w in profile.wishes if w.use_case is None]
    return tuple(s for s in out if s.id not in known)


def _custom(wish: Wish, profile: BusinessProfile, catalogue: Catalogue) -> UseCaseSpec:
    text = wish.phrase.lower()
    data = [m.id for m in matcher("data").find(text)]
    triggers = profile_triggers(BusinessProfile(data_held=data)) | {"personal-data", "llm-vendor"}
    triggers |= {t for t, cue in _HIGH_RISK_CUES.items() if cue.search(text) and _DECIDES.search(text)}
    if triggers & HIGH_RISK:
        triggers.add("automated-decision")
    title = wish.title or wish.phrase[:60]
    guide = catalogue.docs.get("nist-ai-rmf")
    citation = catalogue.stages[0].citation
    if guide is not None:
        citation = citation.model_copy(update={"doc_id": guide.id, "title": guide.title, "url": guide.url})
    return UseCaseSpec(
        id=custom_id(wish),
        title=title,
        industries=("any",),
        goals=tuple(profile.goals[:1]),
        keywords=(),
        objective=f"{title}, in less staff time and with a person checking the output",
        metric={
            "name": f"Hours per week spent on: {title.lower()}",
            "unit": "h/week",
            "direction": "decrease",
            "baseline_hint": 5,
            "target_change": -0.4,
        },
        data_needed=("examples of the work today (inputs and finished outputs)", "who checks the output"),
        systems=(),
        setup_cost=(500.0, 4000.0),
        monthly_cost=(30.0, 250.0),
        cost_currency="EUR",
        effort="medium",
        skills=("no-code",),
        pilot_months=3,
        value=3,
        feasibility=3,
        risks=(
            Risk(
                risk=f"Errors in '{title}' reach customers or records",
                mitigation="A person reviews every output during the pilot and a weekly sample after it",
                owner="AI owner",
            ),
        ),
        triggers=tuple(sorted(triggers)),
        citation=citation,
    )


def order_for_plan(ranked: list[ScoredUseCase], order: list[str]) -> list[ScoredUseCase]:
    """Requests first, in the owner's order, then the other candidates by score: a filler never displaces an ask."""
    position = {uc: i for i, uc in enumerate(order)}
    asked = sorted((r for r in ranked if r.spec.id in position), key=lambda r: position[r.spec.id])
    return asked + [r for r in ranked if r.spec.id not in position]


def pilot_candidates(ordered: list[ScoredUseCase]) -> list[ScoredUseCase]:
    """The main ask leads, unless it is high-risk and a safer ask exists; fillers only when nothing was asked,
    and then the safer ones first."""
    asked = [r for r in ordered if r.requested]
    safe_asks = [r for r in asked if not _high_risk(r)]
    risky_asks = [r for r in asked if _high_risk(r)]
    fillers = [r for r in ordered if not r.requested]
    safe_fillers = [r for r in fillers if not _high_risk(r)]
    if asked:
        # When every ask is high-risk the main ask still leads (its obligations are planned); fillers follow.
        head = safe_asks + risky_asks if safe_asks else risky_asks
        return (head + safe_fillers)[:6]
    return (safe_fillers or fillers)[:6]


def explain_wait(scored: ScoredUseCase, profile: BusinessProfile, over_budget: bool) -> ScoredUseCase:
    """A request that is not funded this round says why, quoting the owner's own ask."""
    phrase = next((w.phrase for w in profile.wishes if (w.use_case or custom_id(w)) == scored.spec.id), "")
    asked = f'You asked for this ("{phrase}")' if phrase else "You asked for this"
    if over_budget:
        budget = profile.budget
        limit = f"{budget.currency} {budget.amount:,.0f}" if budget else "the assumed budget"
        why = f"it follows once the pilot has proved itself, because {limit} does not cover it in the first year"
    else:
        why = "it follows after the pilot, so the team takes on one change at a time"
    return replace(scored, rationale=f"{asked}; {why}. {scored.rationale}")


def explain_high_risk_wait(scored: ScoredUseCase) -> ScoredUseCase:
    """A high-risk ask that does not lead the pilot says why."""
    note = (
        "It is high-risk under the EU AI Act (Annex III) where that law applies, so it follows a safer pilot, "
        "with a risk assessment, human review and staff training in place first."
    )
    return replace(scored, rationale=f"{scored.rationale} {note}")


def _high_risk(scored: ScoredUseCase) -> bool:
    return bool(set(scored.spec.triggers) & HIGH_RISK)
