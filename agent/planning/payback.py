"""What each planned use case brings back a year and how soon it pays for itself. The drivers (hours saved a week,
share of revenue gained or kept) are data in each use case's `benefit:` block; the wage per country is data in
knowledge/lexicon/wages.yaml; every assumption is written out so the owner can correct it."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from agent.planning.catalogue import UseCaseSpec
from agent.planning.rates import to_currency
from agent.planning.sizing import Size
from agent.profile.lexicon import load_yaml
from agent.schemas import BudgetLine, BusinessProfile, CostRange, Payback, ProgrammePayback, UseCase

WORKING_WEEKS = 46  # a year less holidays and sick days
_REVENUE_PER_STAFF_EUR = 90_000  # used only when the owner gave no revenue; said so in the assumptions


@dataclass(frozen=True)
class Basis:
    """The wage and revenue every benefit estimate of one roadmap rests on, with the words saying where from."""

    currency: str
    wage: float
    wage_words: str
    revenue: float
    revenue_words: str


@lru_cache(maxsize=1)
def _wages() -> dict:
    return dict(load_yaml("wages"))


def basis_for(profile: BusinessProfile, size: Size, currency: str) -> Basis:
    """The hourly wage (the owner's, else the country's) and annual revenue (the owner's, else assumed)."""
    if profile.hourly_wage:
        wage = to_currency(profile.hourly_wage.amount, profile.hourly_wage.currency, currency)
        wage_words = f"{_money(wage, currency)} an hour, the wage you gave"
    else:
        table = _wages()
        country = next((loc.country for loc in profile.locations), None)
        entry = table["countries"].get(country) or table["any"]
        wage = to_currency(float(entry["wage"]), str(entry["currency"]), currency)
        where = "your country" if country in table["countries"] else "a typical European business"
        wage_words = (
            f"{_money(wage, currency)} an hour, a cautious staff cost for {where} ({table['year']} national figures)"
        )
    if profile.annual_revenue:
        revenue = to_currency(profile.annual_revenue.amount, profile.annual_revenue.currency, currency)
        revenue_words = f"annual revenue of {_money(revenue, currency)}, as you gave it"
    else:
        revenue = to_currency(_REVENUE_PER_STAFF_EUR * size.staff, "EUR", currency)
        revenue_words = (
            f"annual revenue of about {_money(revenue, currency)} (assumed: "
            f"{_money(to_currency(_REVENUE_PER_STAFF_EUR, 'EUR', currency), currency)} per person for "
            f"{size.staff} staff; tell us yours)"
        )
    return Basis(currency, wage, wage_words, revenue, revenue_words)


def hours_saved(spec: UseCaseSpec, size: Size) -> float:
    """Staff hours a week the use case saves in a business of this size."""
    benefit = spec.benefit
    hours = float(benefit.get("hours_per_week") or 0)
    scales_with = benefit.get("scales_with", "none")
    if scales_with == "staff":
        hours *= min(4.0, max(0.4, size.staff / 5))
    elif scales_with == "locations":
        hours *= min(size.locations, 5)
    return round(hours, 1)


def use_case_payback(spec: UseCaseSpec, size: Size, cost: CostRange, basis: Basis) -> Payback:
    """Annual benefit from saved hours and revenue gained or kept, against first-year and running costs."""
    benefit = spec.benefit
    hours = hours_saved(spec, size)
    share = float(benefit.get("revenue_share") or 0)
    from_hours = hours * WORKING_WEEKS * basis.wage
    from_revenue = share * basis.revenue
    assumptions: list[str] = []
    if hours:
        assumptions.append(
            f"Saves about {hours:g} staff hours a week over {WORKING_WEEKS} working weeks, at {basis.wage_words}: "
            f"about {_money(from_hours, basis.currency)} a year."
        )
    if share:
        driver = str(benefit.get("driver") or "the use case")
        assumptions.append(
            f"Brings in or keeps about {share * 100:g} % of revenue ({driver}), on {basis.revenue_words}: "
            f"about {_money(from_revenue, basis.currency)} a year."
        )
    if not assumptions:
        assumptions.append("No benefit estimate is held for this use case; measure it in the pilot.")
    annual = float(round(from_hours + from_revenue, -1))
    return Payback(
        annual_benefit=annual,
        first_year_cost=cost.setup + 12 * cost.monthly,
        running_cost_per_year=12 * cost.monthly,
        payback_months=months_to_recover(cost.setup, annual, 12 * cost.monthly),
        assumptions=assumptions,
    )


def months_to_recover(one_off: float, annual_benefit: float, annual_running: float) -> int | None:
    """Months of net benefit it takes to cover a one-off cost; None when running costs eat the whole benefit."""
    net_per_month = (annual_benefit - annual_running) / 12
    if net_per_month <= 0:
        return None
    return math.ceil(one_off / net_per_month)


def programme_payback(
    use_cases: list[UseCase], lines: list[BudgetLine], total: float, basis: Basis
) -> ProgrammePayback:
    """The planned use cases together: their benefits against the budget's one-off costs and running costs."""
    planned = [u for u in use_cases if u.phase != "later" and u.payback]
    benefit = sum(u.payback.annual_benefit for u in planned if u.payback)
    running_in_budget = sum(line.amount for line in lines if line.kind == "running")
    running_per_year = float(sum(12 * u.cost.monthly for u in planned))
    one_off = total - running_in_budget
    return ProgrammePayback(
        annual_benefit=benefit,
        one_off_cost=one_off,
        running_cost_per_year=running_per_year,
        payback_months=months_to_recover(one_off, benefit, running_per_year),
        hourly_wage=round(basis.wage, 2),
        annual_revenue=round(basis.revenue),
    )


def _money(amount: float, currency: str) -> str:
    return f"{amount:,.0f} {currency}"
