"""An hourly wage in a description or a chat turn ('we pay about £12 an hour', 'assume a wage of 25 an hour'):
payback estimates multiply saved hours by it instead of the country figure."""

from __future__ import annotations

import re

from agent.profile.money import _SINGLE, _currency, _value

# A figure followed by "an hour"/"per hour"/"/h", or "hourly wage/rate of" before it.
_PER_HOUR = re.compile(r"^\s*(?:an|a|per|/|every)\s*(?:hour|hr|h)\b|^\s*/\s*h\b|^\s*hourly\b", re.I)
_CUE_BEFORE = re.compile(
    r"\b(?:hourly (?:wage|rate|cost|pay)|wages?|pay|paid|staff cost|labou?r cost)\b[^.\d]{0,25}$", re.I
)


def find_hourly_wage(text: str) -> tuple[float, str | None, str] | None:
    """(amount, currency or None, the words) of the first hourly wage in text, or None."""
    for m in _SINGLE.finditer(text):
        after, before = text[m.end() : m.end() + 12], text[max(0, m.start() - 40) : m.start()]
        if not (_PER_HOUR.search(after) or (_CUE_BEFORE.search(before) and "hour" in text[m.end() : m.end() + 20])):
            continue
        value = _value(m, "")
        if value is None or not 1 <= value <= 2_000:
            continue
        return value, _currency(m, ""), (before.split(".")[-1] + m.group(0) + after).strip()
    return None


def is_hourly(text: str, end: int) -> bool:
    """Whether the amount ending at `end` is a rate per hour (so never a budget)."""
    return bool(_PER_HOUR.search(text[end : end + 12]))
