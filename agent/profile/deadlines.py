"""Deadlines in a description, as months from today: 'within 6 months', 'live by March', 'before Christmas',
'before the heating season in October', 'ahead of tax season', 'before Semana Santa' (Easter moves, so its
month is computed for the coming year). Named seasons are data in knowledge/lexicon/seasons.yaml."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from agent.profile.lexicon import load_yaml
from agent.profile.numbers import NUMBER, to_int

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_BEFORE = r"(?:before|by|for|ahead of|in time for|until|till|no later than|prior to)"
_MONTH_WORDS = "|".join([*_MONTHS, *(m[:3] for m in _MONTHS if m != "may")])
_DEADLINE_CUE = re.compile(r"\b(by|before|within|ready|live|launch|need|want|deadline|ahead)\b")
_WITHIN = re.compile(rf"\b(?:within|in the next|in|next) {NUMBER} (months?|weeks?|years?|days|quarters?)\b")
# "Within a quarter", "in a year": a unit with no number counts one of it.
_WITHIN_ONE = re.compile(r"\b(?:within|in the next|in) (?:a|one|the next) (month|quarter|year)\b")
_MONTH = re.compile(
    rf"\b(?:{_BEFORE}|in|live in|launch in) (?:early |mid-|mid |late |the end of |end of )?({_MONTH_WORDS})\b"
)
_YEAR_END = re.compile(rf"\b{_BEFORE} (?:the )?end of (?:the |this )?year\b")


@lru_cache(maxsize=1)
def _season_pattern() -> tuple[re.Pattern[str], dict[str, dict[str, int]]]:
    seasons = {str(k): v for k, v in load_yaml("seasons")["seasons"].items()}
    names = "|".join(sorted(map(re.escape, seasons), key=len, reverse=True))
    month_after = rf"(?:\s+(?:in|starting in|from|which starts in|that starts in)\s+({_MONTH_WORDS}))?"
    return re.compile(rf"\b{_BEFORE} (?:the |this |next |our )?({names}){month_after}\b"), seasons


def find_deadline(text: str, today: date) -> tuple[int, str] | None:
    """A deadline as months from today and the words it was read from, or None."""
    lower = text.lower()
    within = _WITHIN.search(lower)
    if within and _DEADLINE_CUE.search(lower):
        months = _in_months(to_int(within.group(1)), within.group(2))
        return max(1, min(months, 60)), within.group(0)
    one = _WITHIN_ONE.search(lower)
    if one and _DEADLINE_CUE.search(lower):
        return _in_months(1, one.group(1)), one.group(0)
    pattern, seasons = _season_pattern()
    season = pattern.search(lower)
    if season:
        month = _month_number(season.group(2)) if season.group(2) else _season_month(seasons[season.group(1)], today)
        return _months_until(month, today), season.group(0)
    for match in _months_named(lower):
        return _months_until(_month_number(match.group(1)), today), match.group(0)
    year_end = _YEAR_END.search(lower)
    return (_months_until(12, today), year_end.group(0)) if year_end else None


# Stripped for reading by meaning only: a season's own trailing noun ("before the summer rush") goes with it.
_SEASON_TAIL = r"(?:\s+(?:rush|peak|season|crunch|period|madness|kicks in|starts|begins))?"


def without_timing(text: str) -> str:
    """The text less its deadline and season words ("we want something live before the summer rush" -> "we want
    something live"): when is not what, and "within a quarter" otherwise reads as quarterly cash planning."""
    lower = text.lower()
    pattern, _ = _season_pattern()
    spans = [m.span() for m in re.finditer(pattern.pattern + _SEASON_TAIL, lower)]
    if _DEADLINE_CUE.search(lower):
        spans += [m.span() for m in _WITHIN.finditer(lower)] + [m.span() for m in _WITHIN_ONE.finditer(lower)]
    spans += [m.span() for m in _months_named(lower)]
    spans += [m.span() for m in _YEAR_END.finditer(lower)]
    if not spans:
        return text
    keep, end = [], 0
    for start, stop in sorted(spans):
        if start >= end:
            keep.append(text[end:start])
        end = max(end, stop)
    keep.append(text[end:])
    stripped = re.sub(r"\s+([,.;:!?])", r"\1", " ".join("".join(keep).split()))
    return stripped if len(stripped.split()) >= 2 else text


def _months_named(lower: str) -> list[re.Match[str]]:
    """Deadline phrases that name a month ("by March", "live in June"); "in may" is mostly the verb."""
    may_is_month = bool(re.search(rf"\b{_BEFORE} may\b", lower))
    return [m for m in _MONTH.finditer(lower) if m.group(1) != "may" or may_is_month]


def _month_number(word: str) -> int:
    return next(i for i, name in enumerate(_MONTHS, start=1) if name.startswith(word[:3]))


def _in_months(n: int, unit: str) -> int:
    """A span in whole months (at least one): weeks and days round, quarters are three months."""
    per_month = {"year": 12.0, "quarter": 3.0, "month": 1.0, "week": 1 / 4.3, "day": 1 / 30.4}
    factor = next(v for k, v in per_month.items() if unit.startswith(k))
    return max(1, round(n * factor))


def _season_month(season: dict[str, int], today: date) -> int:
    if "easter" not in season:
        return season["month"]
    for year in (today.year, today.year + 1):
        day = easter_sunday(year) + timedelta(days=season["easter"])
        if day >= today:
            return day.month
    return 4


def easter_sunday(year: int) -> date:
    """Western (Gregorian) Easter Sunday of a year, by the anonymous Gregorian algorithm."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _months_until(month: int, today: date) -> int:
    delta = (month - today.month) % 12
    return max(1, delta if delta else 12)


# "Within 6 months" allows go-live in month 6; "by May" or "before the heating season" means live before it starts.
_SPAN = re.compile(r"^(?:within|in the next|in|next)\b")
_BUSY_CUE = re.compile(r"\b(?:busy|busiest|peak|rush|hectic|slammed|flat out|high season)\b")
_RANGE = re.compile(rf"\b({_MONTH_WORDS})\w*\s*(?:-|–|to|through|till|until)\s*({_MONTH_WORDS})\b")


def golive_due(deadline: str | None, deadline_month: int | None) -> int | None:
    """The last plan month in which go-live meets the owner's deadline, or None without a deadline."""
    if not deadline_month:
        return None
    if deadline and _SPAN.match(deadline.lower()):
        return deadline_month
    return max(1, deadline_month - 1)


def find_busy_months(text: str, today: date) -> list[int]:
    """Calendar months (1-12) in which the business is busiest: a season a deadline is set before, and months or
    seasons named in a sentence about being busy ('our peak season is June to September', 'busy all summer')."""
    lower = text.lower()
    pattern, seasons = _season_pattern()
    months: set[int] = set()
    before = pattern.search(lower)
    if before:
        start = _month_number(before.group(2)) if before.group(2) else _season_month(seasons[before.group(1)], today)
        months |= _span(start, int(seasons[before.group(1)].get("lasts", 1)))
    names = "|".join(sorted(map(re.escape, seasons), key=len, reverse=True))
    for sentence in re.split(r"(?<=[.!?;])\s+", lower):
        if not _BUSY_CUE.search(sentence):
            continue
        for a, b in _RANGE.findall(sentence):
            first, last = _month_number(a), _month_number(b)
            months |= _span(first, (last - first) % 12 + 1)
        if not _RANGE.search(sentence):
            for word in re.findall(rf"\b(?:in|during|over|around) ({_MONTH_WORDS})\b", sentence):
                months.add(_month_number(word))
        for name in re.findall(rf"\b({names})\b", sentence):
            season = seasons[name]
            months |= _span(_season_month(season, today), int(season.get("lasts", 1)))
    return sorted(months)


def _span(start: int, lasts: int) -> set[int]:
    return {(start - 1 + i) % 12 + 1 for i in range(max(1, lasts))}
