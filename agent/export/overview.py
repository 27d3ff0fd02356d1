"""The facts a one-page summary leads with (business, pilot, budget, timeline span, top risks, laws), and the
payback figures of each use case when the roadmap carries them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from agent.export.gantt import month_date, month_end, plan_start
from agent.export.laws import applying_names
from agent.schemas import Roadmap, UseCase

_SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}


@dataclass(frozen=True)
class Overview:
    """What an owner reads first, already worded."""

    business: str
    pilot: str
    budget: str
    span: str
    gates: list[str]
    risks: list[str]
    laws: list[str]


def overview(roadmap: Roadmap, start: date | None = None) -> Overview:
    """The summary facts of a roadmap; month 1 is `start`'s month when given."""
    p, t, b = roadmap.profile, roadmap.timeline, roadmap.budget
    begin = plan_start(roadmap, start)
    business = p.name or p.industry_label or p.industry or "Your business"
    if p.industry_label and p.name:
        business = f"{p.name} ({p.industry_label})"
    pilot_uc = next((u for u in roadmap.use_cases if u.phase == "pilot"), None)
    pilot_end = t.pilot_start_month + t.pilot_months - 1
    pilot_when = f"{month_date(begin, t.pilot_start_month):%b %Y}"
    if pilot_end > t.pilot_start_month:
        pilot_when += f" to {month_end(begin, pilot_end):%b %Y}"
    pilot = f"{pilot_uc.name}, {pilot_when}" if pilot_uc else f"Pilot {pilot_when}"
    ceiling = f" of a {money(b.ceiling, b.currency)} ceiling" if b.ceiling else ""
    budget = f"{money(b.total, b.currency)} planned{ceiling}{' (assumed)' if b.ceiling and b.ceiling_assumed else ''}"
    span = f"{t.total_months} months, {month_date(begin, 1):%B %Y} to {month_end(begin, t.total_months):%B %Y}"
    gates = [f"{month_date(begin, m):%d %b %Y} (month {m})" for m in t.go_no_go_months]
    ranked = sorted(roadmap.risks, key=lambda r: _SEVERITY_RANK.get(r.severity, 3))
    risks = [f"{r.risk} ({r.severity}): {r.mitigation}" for r in ranked[:3]]
    return Overview(business, pilot, budget, span, gates, risks, applying_names(roadmap) or ["None identified"])


def money(amount: float, currency: str) -> str:
    """'12,500 EUR'."""
    return f"{amount:,.0f} {currency}"


def payback_fields(use_cases: list[UseCase]) -> list[str]:
    """Names of the payback figures the use cases carry (benefit, cost, payback months), in first-seen order;
    empty when the roadmap has none."""
    names: list[str] = []
    for u in use_cases:
        for name in _payback_values(u):
            if name not in names:
                names.append(name)
    return names


def payback_value(use_case: UseCase, name: str) -> Any:
    """One payback figure of a use case, or None."""
    return _payback_values(use_case).get(name)


def field_title(name: str) -> str:
    """'payback_months' -> 'Payback months'."""
    words = name.replace(".", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _payback_values(use_case: UseCase) -> dict[str, Any]:
    """Scalar fields about benefit and payback, flat or one level down (e.g. payback.annual_benefit)."""
    found: dict[str, Any] = {}
    for key, value in use_case.model_dump(mode="json").items():
        if isinstance(value, dict) and _about_payback(key):
            found.update({k: v for k, v in value.items() if _scalar(v)})
        elif _about_payback(key) and _scalar(value):
            found[key] = value
    return found


def _about_payback(key: str) -> bool:
    return any(word in key for word in ("payback", "benefit", "first_year", "roi"))


def _scalar(value: Any) -> bool:
    return isinstance(value, int | float | str) and not isinstance(value, bool)
