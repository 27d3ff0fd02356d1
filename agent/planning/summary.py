"""The words around the plan: the summary an owner reads first, assumptions, and open questions."""

from __future__ import annotations

from agent.planning.selection import Selection
from agent.profile.jurisdictions import countries_without_law, us_states_without_law
from agent.profile.places import place_label
from agent.schemas import BusinessProfile, ComplianceAction, RoadmapBudget, UseCase
from agent.writing.words import counted, join_words

_QUESTIONS = {
    "locations": "Where is the business, and where are its customers? This decides which laws apply.",
    "budget": "What can you spend on AI over the next year? The plan assumed a budget for now.",
    "headcount": "How many people work in the business? Roles and training are sized by it.",
    "systems": "Which systems hold your data today (till/POS, booking, accounting, CRM, spreadsheets)?",
    "goals": "Which two or three results matter most (e.g. less waste, fewer no-shows, faster replies)?",
    "team_skills": "Is anyone on the team comfortable with spreadsheets, no-code tools or scripting?",
    "annual_revenue": "Roughly what is annual revenue? Some laws (e.g. the CCPA) apply above thresholds.",
}


def summarise(
    profile: BusinessProfile, sel: Selection, use_cases: list[UseCase], actions: list[ComplianceAction]
) -> str:
    """Three to five sentences: who, what first, then what, money, law."""
    who = profile.name or f"This {(profile.industry_label or profile.industry or 'business').replace('-', ' ')}"
    size = f" ({profile.headcount} staff)" if profile.headcount else ""
    pilot = use_cases[0]
    scale = [u.name for u in use_cases if u.phase == "scale"]
    budget = sel.budget
    ceiling = f"{budget.ceiling:,.0f} {budget.currency}" + (" (assumed)" if budget.ceiling_assumed else "")
    parts = [
        f"{who}{size}: start with a {sel.schedule.pilot_months}-month pilot of {pilot.name} from month "
        f"{sel.schedule.start('pilot')}. Why this first: {pilot.rationale[0].lower()}{pilot.rationale[1:]}",
        (
            f"After a go/no-go review, scale over {sel.schedule.scaling_months} months with " + join_words(scale) + "."
            if scale
            else f"After a go/no-go review, roll out in steps over {sel.schedule.scaling_months} months."
        ),
        f"Estimated cost: {budget.total:,.0f} {budget.currency} against a budget of {ceiling}.",
    ]
    names = {v.id: v.name for v in profile.laws_considered}
    if profile.jurisdictions:
        parts.append(
            f"Rules that apply: {join_words(names.get(j, j) for j in profile.jurisdictions)}. The stages carry "
            f"{counted(len(actions), 'compliance task')}."
        )
    elif profile.locations:
        where = "; ".join(place_label(loc) for loc in profile.locations)
        parts.append(
            f"No law the knowledge base holds applies in {where} from what you told us; see the laws considered."
        )
    else:
        parts.append("No location was given, so the compliance section is generic until you say where you are.")
    return " ".join(parts)


def assumptions_and_questions(profile: BusinessProfile, budget: RoadmapBudget) -> tuple[list[str], list[str]]:
    """What the plan assumed for unknown facts, and what to ask next (most plan-changing first)."""
    assumptions: list[str] = []
    if budget.ceiling_assumed:
        assumptions.append(
            f"No budget was given: the plan assumes about {budget.ceiling:,.0f} {budget.currency} "
            "for the first year, sized by team size."
        )
    if not profile.headcount:
        assumptions.append("Team size unknown: roles are sized for about 5 people.")
    assumptions.append("Cost figures are mid-range estimates for off-the-shelf tools, not vendor quotes.")
    assumptions.append(
        "KPI baselines are typical values for similar businesses; replace them with your own "
        "numbers in the assess stage."
    )
    places = [*profile.locations, *profile.markets]  # customers' places bring their law too
    unheld = countries_without_law({loc.country for loc in places})
    if unheld:
        assumptions.append(
            f"Roadmap Agent holds no guidance on the law of {join_words(unheld)}: the compliance steps here are "
            "general good practice. Check local privacy and AI rules with a local adviser before the pilot."
        )
    states = us_states_without_law({loc.region for loc in places if loc.country == "US" and loc.region})
    if states:
        assumptions.append(
            f"Roadmap Agent holds no guidance on the state law of {join_words(states)}; a growing number of US "
            "states have their own privacy laws. Check state and federal rules before the pilot."
        )
    for verdict in profile.laws_considered:
        if verdict.verdict == "unknown" and verdict.in_reach:
            assumptions.append(f"Whether the {verdict.name} applies is not known yet: {verdict.reasons[-1]}")
    questions = [q for field, q in _QUESTIONS.items() if not profile.known(field)]
    return assumptions, questions
