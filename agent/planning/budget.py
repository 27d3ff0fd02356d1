"""Budget lines in the owner's currency that sum to a total within the ceiling."""

from __future__ import annotations

from dataclasses import dataclass

from agent.planning.catalogue import UseCaseSpec
from agent.schemas import BudgetLine, BusinessProfile, RoadmapBudget

# Approximate exchange rates (units of currency per EUR) used only to convert catalogue cost estimates,
# which are kept in EUR. Reviewed 2026-11; estimates, not quotes.
PER_EUR = {
    "EUR": 1.0,
    "USD": 1.08,
    "GBP": 0.85,
    "CAD": 1.5,
    "CHF": 0.95,
    "AUD": 1.65,
    "SEK": 11.5,
    "DKK": 7.46,
    "NOK": 11.7,
    "PLN": 4.3,
}
_ASSUMED_CEILING_EUR = ((5, 6_000), (15, 12_000), (50, 25_000), (10**9, 40_000))


@dataclass(frozen=True)
class Funded:
    """A use case with its place in the plan: phase and months it runs."""

    spec: UseCaseSpec
    phase: str  # "pilot" or "scale"
    running_months: int


def convert(amount_eur: float, currency: str) -> float:
    """A EUR estimate in the target currency."""
    return amount_eur * PER_EUR.get(currency, 1.0)


def ceiling_for(profile: BusinessProfile, currency: str) -> tuple[float, bool]:
    """The owner's budget, or an assumed one sized by headcount (second value True when assumed)."""
    if profile.budget:
        return profile.budget.amount, False
    staff = profile.headcount or 5
    eur = next(amount for limit, amount in _ASSUMED_CEILING_EUR if staff <= limit)
    return round(convert(eur, currency), -2), True


def build_budget(
    funded: list[Funded], currency: str, ceiling: float, assumed: bool, needs_review: bool, low_end: bool
) -> RoadmapBudget:
    """Lines for setup and running costs, data work, training, review, validation and contingency."""
    pick = 0 if low_end else 1
    lines: list[BudgetLine] = []
    for item in funded:
        spec = item.spec
        setup = (spec.setup_cost[0] + spec.setup_cost[1]) / 2 if not low_end else spec.setup_cost[0]
        monthly = (spec.monthly_cost[0] + spec.monthly_cost[1]) / 2 if not low_end else spec.monthly_cost[0]
        stage = "pilot" if item.phase == "pilot" else "rollout"
        lines.append(
            _line(
                f"{spec.title}: setup and configuration",
                stage,
                setup,
                currency,
                "catalogue " + ("low" if low_end else "mid") + "-range estimate",
            )
        )
        lines.append(
            _line(
                f"{spec.title}: subscription and running costs ({item.running_months} months)",
                stage,
                monthly * item.running_months,
                currency,
                f"{monthly:.0f} EUR/month estimate",
            )
        )
    project = sum(line.amount for line in lines)
    lines.append(
        _line(
            "Data preparation and integration with existing systems",
            "data",
            max(300, 0.12 * project / PER_EUR.get(currency, 1)),
            currency,
            "about 12 % of project costs",
        )
    )
    lines.append(
        _line(
            "Training, including AI literacy for all staff using AI",
            "pilot",
            (300, 600)[pick] + 40 * len(funded) * 5,
            currency,
            "workshops and materials",
        )
    )
    if needs_review:
        lines.append(
            _line(
                "External data protection review (DPIA / legal check)",
                "governance",
                (800, 1500)[pick],
                currency,
                "a few days of an adviser",
            )
        )
    lines.append(
        _line(
            "Validation and audit: accuracy, bias and security checks",
            "validation",
            (200, 400)[pick] * len(funded),
            currency,
            "staff time and tools",
        )
    )
    subtotal = sum(line.amount for line in lines)
    contingency = round(subtotal * 0.1)
    lines.append(BudgetLine(item="Contingency (10 %)", stage=None, amount=contingency, note="for surprises"))
    total = float(sum(line.amount for line in lines))
    return RoadmapBudget(
        currency=currency,
        total=total,
        ceiling=ceiling,
        ceiling_assumed=assumed,
        lines=lines,
        contingency=contingency,
    )


def _line(item: str, stage: str, amount_eur: float, currency: str, note: str) -> BudgetLine:
    amount = float(round(convert(amount_eur, currency) / 10) * 10)
    return BudgetLine(item=item, stage=stage, amount=amount, note=note)
