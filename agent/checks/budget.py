"""Budget arithmetic and ceiling."""

from __future__ import annotations

import re
from collections.abc import Iterator

from agent.checks.registry import rule
from agent.schemas import Roadmap

Problems = Iterator[tuple[str, str, str]]


@rule("BUD-001", "error", "Budget lines add up to the total", "Budget and resources")
def lines_sum(r: Roadmap) -> Problems:
    total = sum(line.amount for line in r.budget.lines)
    if abs(total - r.budget.total) > 1:
        yield (
            "budget.total",
            f"The lines add up to {total:,.0f} but the total says {r.budget.total:,.0f}.",
            "Make the total the sum of the lines.",
        )


@rule("BUD-002", "error", "The total stays within the owner's budget", "Budget and resources")
def within_ceiling(r: Roadmap) -> Problems:
    ceiling = r.budget.ceiling
    if ceiling is None and r.profile.budget:
        ceiling = r.profile.budget.amount
    if ceiling is not None and r.budget.total > ceiling + 1:
        yield (
            "budget.total",
            f"The plan costs {r.budget.total:,.0f} {r.budget.currency}, above the budget of {ceiling:,.0f}.",
            "Drop a scale-phase use case, choose cheaper tools or raise the budget.",
        )


@rule("BUD-003", "error", "The budget is in the owner's currency", "Budget and resources")
def currency_matches(r: Roadmap) -> Problems:
    if r.profile.budget and r.profile.budget.currency != r.budget.currency:
        yield (
            "budget.currency",
            f"The budget is in {r.budget.currency} but you gave {r.profile.budget.currency}.",
            f"Express the budget in {r.profile.budget.currency}.",
        )


@rule("BUD-004", "warning", "A contingency is kept", "Risk management")
def contingency(r: Roadmap) -> Problems:
    if r.budget.contingency <= 0 and not any("contingency" in line.item.lower() for line in r.budget.lines):
        yield (
            "budget.contingency",
            "The budget keeps nothing back for surprises.",
            "Keep about 10 % as contingency.",
        )


@rule("BUD-005", "warning", "Training is budgeted", "Training and change management")
def training_line(r: Roadmap) -> Problems:
    if not any("training" in line.item.lower() for line in r.budget.lines):
        yield (
            "budget.lines",
            "No money is set aside for training.",
            "Add a training line (AI literacy included).",
        )


@rule("BUD-006", "info", "The budget ceiling is confirmed", "Budget and resources")
def ceiling_assumed(r: Roadmap) -> Problems:
    if r.budget.ceiling_assumed:
        yield "budget.ceiling", "The budget ceiling is an assumption.", "Tell us what you can spend."


@rule("BUD-007", "warning", "Every funded use case has a budget line", "Budget and resources")
def funded_use_cases(r: Roadmap) -> Problems:
    items = " ".join(line.item.lower() for line in r.budget.lines)
    for i, u in enumerate(r.use_cases):
        if u.phase in ("pilot", "scale") and u.name.lower() not in items:
            yield (
                f"use_cases[{i}]",
                f"'{u.name}' is in the plan but has no budget line.",
                "Add its setup and running costs.",
            )


@rule("BUD-008", "error", "No negative or zero total", "Budget and resources")
def positive_total(r: Roadmap) -> Problems:
    if r.budget.total <= 0 or not r.budget.lines:
        yield "budget", "The budget is empty.", "Add budget lines for tools, training and contingency."


@rule("BUD-009", "error", "The use-case table and the budget lines agree", "Budget and resources")
def table_matches_lines(r: Roadmap) -> Problems:
    for i, u in enumerate(r.use_cases):
        if u.phase == "later":
            continue
        mine = [line for line in r.budget.lines if line.use_case_id == u.id]
        setup = next((line for line in mine if line.kind == "setup"), None)
        running = next((line for line in mine if line.kind == "running"), None)
        if setup and abs(setup.amount - u.cost.setup) > 1:
            yield (
                f"use_cases[{i}].cost.setup",
                f"'{u.name}' costs {u.cost.setup:,.0f} to set up in the use-case table but "
                f"{setup.amount:,.0f} in the budget.",
                "Use one setup figure in both places.",
            )
        if running and running.months and abs(running.amount - u.cost.monthly * running.months) > 1:
            yield (
                f"use_cases[{i}].cost.monthly",
                f"'{u.name}' runs at {u.cost.monthly:,.0f} a month in the use-case table, but its budget line "
                f"gives {running.amount:,.0f} for {running.months} months.",
                "Make the running line the monthly cost times its months.",
            )


_CODES = ("EUR", "USD", "GBP", "CAD", "CHF", "AUD", "SEK", "DKK", "NOK", "PLN", "JPY", "CZK", "HUF", "NZD", "INR")
_FOREIGN = re.compile(r"\b(" + "|".join(_CODES) + r")\b|([€£$])")
_SYMBOLS = {"€": ("EUR",), "£": ("GBP",), "$": ("USD", "CAD", "AUD", "NZD")}


@rule("BUD-010", "error", "The budget is in one currency throughout", "Budget and resources")
def one_currency(r: Roadmap) -> Problems:
    own = r.budget.currency
    for i, line in enumerate(r.budget.lines):
        for code, symbol in _FOREIGN.findall(f"{line.item} {line.note}"):
            if (code and code != own) or (symbol and own not in _SYMBOLS[symbol]):
                yield (
                    f"budget.lines[{i}]",
                    f"'{line.item}' mentions {code or symbol} inside a budget kept in {own}.",
                    f"Convert the figure to {own} (see budget.rate_table) and say it once in {own}.",
                )
                break
