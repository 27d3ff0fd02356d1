"""Folding a chat message into an existing profile: several facts at once, corrections replace old values,
short answers read in the light of the question that was asked."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from agent.profile.extract import nearest_cue, read_fields, with_jurisdictions
from agent.profile.money import MAX_AMOUNT, find_amounts
from agent.profile.numbers import to_int
from agent.profile.places import default_currency, find_locations, read_places
from agent.profile.wages import find_hourly_wage, is_hourly
from agent.schemas import Budget, BusinessProfile, FieldSource, Money

_SKIP = re.compile(r"^\s*(i don'?t know|don'?t know|dunno|no idea|not sure|skip|pass|n/?a|unknown|no clue)\b", re.I)
# Lists that a new statement replaces rather than extends (a correction of where we are, not an addition).
_REPLACE_LISTS = {"locations"}
_SCALARS = (
    "name",
    "industry",
    "industry_label",
    "headcount",
    "annual_revenue",
    "budget",
    "hourly_wage",
    "customer_count",
    "deadline",
    "deadline_month",
    "time_horizon_months",
    "sells_online",
    "serves_consumers",
)


_NEGATIVE = re.compile(r"\b(?:minus|negative)\b|(?<![\w-])[-−]\s?\d", re.I)


def is_skip(text: str) -> bool:
    """Whether the owner declined to answer ('I don't know', 'skip')."""
    return bool(_SKIP.search(text))


def update_profile(
    profile: BusinessProfile, text: str, today: date, slot: str | None = None
) -> tuple[BusinessProfile, list[str]]:
    """The profile with every fact in text merged in, and the names of the fields that changed."""
    fields, prov, regions = read_fields(text, today, answering=slot == "goals")
    if slot:
        _read_short_answer(profile, text, slot, fields, prov)
    if slot not in (None, "industry") and profile.industry:
        # "Shopify POS and NetSuite", said of systems, is not a change of trade.
        fields.pop("industry", None)
        fields.pop("industry_label", None)
    if "budget" not in fields and profile.budget is None and slot in (None, "budget"):
        _read_uncued_budget(text, fields, prov)
    wage = find_hourly_wage(text)
    if "hourly_wage" in fields and wage and wage[1] is None:  # "assume 25 an hour": in the plan's own currency
        currency = (
            profile.budget.currency if profile.budget else default_currency([loc.country for loc in profile.locations])
        )
        fields["hourly_wage"] = Money(amount=wage[0], currency=currency)
    data = profile.model_dump()
    changed: list[str] = []
    for name, value in fields.items():
        if name in _SCALARS or name in _REPLACE_LISTS:
            new = value.model_dump() if hasattr(value, "model_dump") else value
            new = [v.model_dump() if hasattr(v, "model_dump") else v for v in new] if isinstance(new, list) else new
            if data.get(name) != new:
                data[name] = new
                changed.append(name)
        else:
            merged = _merged(data.get(name, []), value)
            if merged != data.get(name, []):
                data[name] = merged
                changed.append(name)
    data["description"] = "\n".join(filter(None, [profile.description, text.strip()]))
    data["provenance"] = {**data.get("provenance", {}), **{k: v.model_dump() for k, v in prov.items()}}
    updated = BusinessProfile.model_validate(data)
    previous = set(profile.jurisdictions)
    updated = with_jurisdictions(updated, regions | _regions_of(profile))
    if set(updated.jurisdictions) != previous:
        changed.append("jurisdictions")
    return updated, changed


def _merged(old: list[Any], new: list[Any]) -> list[Any]:
    """Old items then new ones, without repeats; models (wishes, risky wishes) are compared as dumped dicts."""
    out: list[Any] = []
    for item in [*old, *new]:
        item = item.model_dump() if hasattr(item, "model_dump") else item
        if item not in out:
            out.append(item)
    return out


def record_skip(profile: BusinessProfile, slot: str) -> BusinessProfile:
    """Note that the owner did not know a slot, so the plan assumes it and we do not ask again."""
    provenance = {
        **profile.provenance,
        slot: FieldSource(source="assumed", evidence="owner did not know; assumed"),
    }
    return profile.model_copy(update={"provenance": provenance})


def _regions_of(profile: BusinessProfile) -> set[str]:
    _, regions = find_locations(profile.description or "")
    return regions


def _read_short_answer(
    profile: BusinessProfile, text: str, slot: str, fields: dict[str, Any], prov: dict[str, FieldSource]
) -> None:
    answer = FieldSource(source="answer", evidence=text.strip()[:200])
    if slot == "headcount" and "headcount" not in fields:
        match = re.search(
            r"(?<![-−\d.,])\b(\d{1,6}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)\b", text, re.I
        )
        negative = _NEGATIVE.search(text)
        if match and not negative and 1 <= to_int(match.group(1)) <= 100_000:  # "0", "-3": not a team
            fields["headcount"], prov["headcount"] = to_int(match.group(1)), answer
    if slot == "budget" and "budget" not in fields:
        currency = default_currency([loc.country for loc in profile.locations])
        parsed = _bare_number(text)
        if parsed:
            low, high, cur = parsed
            fields["budget"] = Budget(amount=high, minimum=low if low != high else None, currency=cur or currency)
            prov["budget"] = answer
    if slot == "locations" and "locations" not in fields:
        locations = read_places(text, lenient=True).locations
        if locations:
            fields["locations"], prov["locations"] = locations, answer


def _read_uncued_budget(text: str, fields: dict[str, Any], prov: dict[str, FieldSource]) -> None:
    """In a chat, "we have 5 staff and about EUR 5k" offers a budget: an amount with a currency and no revenue
    cue counts as one while the profile has none."""
    for amount in find_amounts(text):
        if amount.currency and nearest_cue(text, amount) is None and not is_hourly(text, amount.end):
            minimum = amount.low if amount.low != amount.high else None
            fields["budget"] = Budget(amount=amount.high, minimum=minimum, currency=amount.currency)
            prov["budget"] = FieldSource(source="answer", evidence=amount.text)
            return


def _bare_number(text: str) -> tuple[float, float, str | None] | None:
    """A budget answer as (low, high, currency); None for a negative, zero or absurdly large figure."""
    if _NEGATIVE.search(text):
        return None
    amounts = find_amounts(text)
    if amounts:
        low, high, currency = amounts[0].low, amounts[0].high, amounts[0].currency
    else:
        match = re.search(r"(?<![\d,.])(\d{1,3}(?:,\d{3})+|\d{1,10})(?:\.\d+)?(?![\d,.]?\d)\s*(k)?\b", text, re.I)
        if not match:
            return None
        low = high = float(match.group(1).replace(",", "")) * (1000 if match.group(2) else 1)
        currency = None
    return (low, high, currency) if 0 < high <= MAX_AMOUNT else None
