"""Budget lines in the owner's currency that sum to the total. Costs come from the catalogue ranges, placed by the
business's size; the ceiling never shrinks them (selection defers use cases instead)."""

from __future__ import annotations

from dataclasses import dataclass

from agent.planning.catalogue import UseCaseSpec
from agent.planning.rates import convert, per_eur, rate_table
from agent.planning.sizing import Size, in_range
from agent.schemas import BudgetLine, BusinessProfile, CostRange, RoadmapBudget

_ASSUMED_CEILING_EUR = ((5, 6_000), (15, 12_000), (50, 25_000), (10**9, 40_000))


@dataclass(frozen=True)
class Funded:
    """A use case with its place in the plan: phase and months it runs."""

    spec: UseCaseSpec
    phase: str  # "pilot" or "scale"
    running_months: int


def ceiling_for(profile: BusinessProfile, currency: str) -> tuple[float, bool]:
    """The owner's budget, or an assumed one sized by headcount (second value True when assumed)."""
    if profile.budget:
        return profile.budget.amount, False
    staff = profile.headcount or 5
    eur = next(amount for limit, amount in _ASSUMED_CEILING_EUR if staff <= limit)
    return round(convert(eur, currency), -2), True


def unit_costs(spec: UseCaseSpec, size: Size, currency: str) -> CostRange:
    """Setup and monthly cost of a use case for this business, in the owner's currency: the one figure both the
    use-case table and the budget lines show."""
    setup = in_range(*spec.setup_cost, size)
    monthly = in_range(*spec.monthly_cost, size)
    return CostRange(setup=_round(convert(setup, currency)), monthly=_round(convert(monthly, currency)))


def build_budget(
    funded: list[Funded], currency: str, ceiling: float, assumed: bool, needs_review: bool, size: Size
) -> RoadmapBudget:
    """Lines for setup and running costs, data work, training, review, validation and contingency."""
    lines: list[BudgetLine] = []
    for item in funded:
        spec = item.spec
        cost = unit_costs(spec, size, currency)
        stage = "pilot" if item.phase == "pilot" else "rollout"
        low, high = (_round(convert(x, currency)) for x in spec.setup_cost)
        lines.append(
            BudgetLine(
                item=f"{spec.title}: setup and configuration",
                stage=stage,
                amount=cost.setup,
                note=f"from a typical range of {low:,.0f}-{high:,.0f} {currency}, set for {size.words}",
                use_case_id=spec.id,
                kind="setup",
            )
        )
        lines.append(
            BudgetLine(
                item=f"{spec.title}: subscription and running costs ({item.running_months} months)",
                stage=stage,
                amount=cost.monthly * item.running_months,
                note=f"{cost.monthly:,.0f} {currency} a month for {item.running_months} months",
                use_case_id=spec.id,
                kind="running",
                months=item.running_months,
            )
        )
    project_eur = sum(line.amount for line in lines) / per_eur(currency)
    scaled = size.position  # shared work grows with the business like the tools do
    lines.append(
        _line(
            "Data preparation and integration with existing systems",
            "data",
            max(300, 0.12 * project_eur),
            currency,
            "about 12 % of the tool costs",
        )
    )
    lines.append(
        _line(
            "Training, including AI literacy for all staff using AI",
            "pilot",
            300 + 300 * scaled + 200 * len(funded),
            currency,
            "workshops and materials",
        )
    )
    if needs_review:
        lines.append(
            _line(
                "External data protection review (DPIA / legal check)",
                "governance",
                800 + 700 * scaled,
                currency,
                "a few days of an adviser",
            )
        )
    lines.append(
        _line(
            "Validation and audit: accuracy, bias and security checks",
            "validation",
            (200 + 200 * scaled) * len(funded),
            currency,
            "staff time and tools",
        )
    )
    subtotal = sum(line.amount for line in lines)
    contingency = float(round(subtotal * 0.1))
    lines.append(BudgetLine(item="Contingency (10 %)", stage=None, amount=contingency, note="for surprises"))
    total = float(sum(line.amount for line in lines))
    return RoadmapBudget(
        currency=currency,
        total=total,
        ceiling=ceiling,
        ceiling_assumed=assumed,
        lines=lines,
        contingency=contingency,
        rate_table=rate_table(currency),
        sizing=f"Tool costs are placed in each catalogue range for {size.words}.",
    )


def _round(amount: float) -> float:
    return float(round(amount / 10) * 10)


def _line(item: str, stage: str, amount_eur: float, currency: str, note: str) -> BudgetLine:
    return BudgetLine(item=item, stage=stage, amount=_round(convert(amount_eur, currency)), note=note)
