"""Ranking use cases for one business: value x feasibility, adjusted for fit, with a one-line rationale."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from agent.planning.catalogue import UseCaseSpec
from agent.planning.triggers import HIGH_RISK
from agent.schemas import BusinessProfile
from agent.writing.words import join_words, system_label

_SKILL_LEVEL = {"none": 0, "spreadsheets": 1, "no-code": 2, "scripting": 3, "data-science": 4}


@dataclass(frozen=True)
class ScoredUseCase:
    """A use case with its fit to this business."""

    spec: UseCaseSpec
    score: float
    fit: float
    feasibility: int
    rationale: str
    matched_goals: tuple[str, ...]
    requested: bool


def rank_use_cases(
    profile: BusinessProfile, specs: tuple[UseCaseSpec, ...], asked: Collection[str] | None = None
) -> list[ScoredUseCase]:
    """Use cases that fit the business, best first; ones the owner excluded are left out. `asked` holds the
    ids the owner requested (custom wishes included), defaulting to profile.requested_use_cases."""
    text = " ".join([profile.description or "", *profile.pain_points]).lower()
    requested = set(profile.requested_use_cases if asked is None else asked)
    scored = [
        _score(profile, spec, text, spec.id in requested) for spec in specs if spec.id not in profile.excluded_use_cases
    ]
    return sorted((s for s in scored if s.fit > 0), key=lambda s: (-s.score, s.spec.id))


def _score(profile: BusinessProfile, spec: UseCaseSpec, text: str, requested: bool) -> ScoredUseCase:
    industry_fit = 1.0 if profile.industry in spec.industries else (0.6 if "any" in spec.industries else 0.25)
    goals = tuple(g for g in spec.goals if g in profile.goals)
    keywords = [k for k in spec.keywords if k in text and _whole_word(k).search(text)]
    systems = [s for s in spec.systems if s in profile.systems]
    relevance = 0.5 * len(goals) + 0.35 * min(len(keywords), 4) + 0.2 * len(systems) + (2.0 if requested else 0.0)
    fit = industry_fit * (0.3 + relevance) if (goals or keywords or requested or industry_fit == 1.0) else 0.0
    feasibility = _feasibility(profile, spec)
    score = round(spec.value * feasibility * fit, 3)
    return ScoredUseCase(
        spec, score, fit, feasibility, _rationale(profile, spec, goals, keywords, systems, requested), goals, requested
    )


@lru_cache(maxsize=1024)
def _whole_word(phrase: str) -> re.Pattern[str]:
    # Compiled once: the catalogue's keywords outnumber re's own pattern cache.
    return re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])")


def _feasibility(profile: BusinessProfile, spec: UseCaseSpec) -> int:
    feasibility = spec.feasibility
    have = max((_SKILL_LEVEL.get(s, 0) for s in profile.team_skills), default=1)
    need = max((_SKILL_LEVEL.get(s, 0) for s in spec.skills), default=0)
    if need > have + 1:
        feasibility -= 1
    if set(spec.triggers) & HIGH_RISK and (profile.headcount or 10) < 50:
        feasibility -= 1  # high-risk obligations weigh heavily on a small team
    if profile.budget and spec.setup_cost[0] > profile.budget.amount * 0.8:
        feasibility -= 1
    return max(1, min(5, feasibility))


def _rationale(
    profile: BusinessProfile,
    spec: UseCaseSpec,
    goals: tuple[str, ...],
    keywords: list[str],
    systems: list[str],
    requested: bool = False,
) -> str:
    parts = ["you asked for it"] if requested else []
    if any(w.in_use and w.use_case == spec.id for w in profile.wishes):
        parts = ["you already run AI for this: the plan screens it for compliance and governs it"]
    if goals:
        parts.append(
            f"serves your goal{'s' if len(goals) > 1 else ''} to {join_words(g.replace('-', ' ') for g in goals)}"
        )
    if keywords:
        parts.append("you mentioned " + join_words(f"'{k}'" for k in keywords[:3]))
    if systems:
        parts.append("builds on data you already have in " + join_words(system_label(s) for s in systems))
    if profile.industry and profile.industry in spec.industries:
        parts.append(f"common fit for {profile.industry.replace('-', ' ')} businesses")
    effort = f"{spec.effort} effort, {spec.pilot_months}-month pilot"
    return ("; ".join(parts) or "general fit for small businesses").capitalize() + f" ({effort})."
