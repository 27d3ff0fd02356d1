"""The Markdown an owner reads about money and dates beyond the budget table: why the timeline departs from their
deadline or busy months, how the costs were sized and converted, what waits for lack of budget, and payback."""

from __future__ import annotations

from agent.schemas import Roadmap
from agent.writing.words import quantity


def timeline_notes(r: Roadmap) -> list[str]:
    """The timeline's plain-words notes, if any."""
    return [*(f"- {note}" for note in r.timeline.notes), ""] if r.timeline.notes else []


def budget_notes(r: Roadmap) -> list[str]:
    """Sizing, the dated exchange rate, and use cases deferred because the ceiling does not cover them."""
    b = r.budget
    out = [b.sizing] if b.sizing else []
    if b.rate_table:
        t = b.rate_table
        out.append(
            f"Catalogue estimates converted at 1 {t.from_currency} = {t.rate:g} {b.currency} ({t.source}, {t.as_of})."
        )
    out += [f"- {note}" for note in b.deferred]
    return [*out, ""] if out else []


def payback_section(r: Roadmap) -> list[str]:
    """Benefit, cost and payback per planned use case, the programme total, and every assumption."""
    planned = [u for u in r.use_cases if u.phase != "later" and u.payback]
    if not planned:
        return []
    cur = r.budget.currency
    out = [
        "## Payback",
        "",
        f"| Use case | Benefit a year ({cur}) | First-year cost ({cur}) | Running a year ({cur}) | Pays back |",
        "|---|---:|---:|---:|---|",
    ]
    for u in planned:
        p = u.payback
        assert p is not None
        out.append(
            f"| {u.name} | {p.annual_benefit:,.0f} | {p.first_year_cost:,.0f} | {p.running_cost_per_year:,.0f} | "
            f"{_months(p.payback_months)} |"
        )
    if r.payback:
        p2 = r.payback
        out.append(
            f"| **Whole plan** (one-off {p2.one_off_cost:,.0f}) | **{p2.annual_benefit:,.0f}** | | "
            f"**{p2.running_cost_per_year:,.0f}** | **{_months(p2.payback_months)}** |"
        )
    out += ["", "Assumptions (say 'assume a wage of 25 an hour' or give your revenue in the chat to change them):", ""]
    for u in planned:
        assert u.payback is not None
        out += [f"- {u.name}: {a}" for a in u.payback.assumptions]
    return [*out, ""]


def _months(months: int | None) -> str:
    return "not on these assumptions" if months is None else f"{quantity(months, 'months')} after go-live"
