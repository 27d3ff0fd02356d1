"""What in knowledge/ is due for a re-check: documents whose review is older than a set age, dated facts whose
date has passed while they still say 'pending', and dates in the body ("from 2 August 2026") that are now
history. Used by `roadmap knowledge audit` and CI, so a maintainer knows what to re-read."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from agent.retrieval.documents import KnowledgeDoc

DEFAULT_MAX_AGE_DAYS = 180
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# A date a rule starts or ends on: "from 2 August 2026", "until 1 July 2026", "on 1 January 2026",
# "begins February 1, 2026"; the date alone is not enough ("adopted on 13 June 2024" is history by design).
_CHANGE_CUE = (
    r"(?:from|until|till|starting|start(?:s|ing)?|begin(?:s|ning)?|effective|takes? effect|applies|apply|by|after)"
)
_DAY_MONTH_YEAR = rf"(\d{{1,2}})\s+({_MONTHS})\.?\s+(20\d\d)"
_MONTH_DAY_YEAR = rf"({_MONTHS})\.?\s+(\d{{1,2}}),?\s+(20\d\d)"
_DATED_CHANGE = re.compile(rf"\b{_CHANGE_CUE}\s+(?:on\s+)?(?:{_DAY_MONTH_YEAR}|{_MONTH_DAY_YEAR})", re.I)
_MONTH_NUMBER = {
    m: n
    for n, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)
}


@dataclass
class DocAudit:
    """One document's review state and what in it is due."""

    id: str
    path: str
    kind: str
    reviewed: str | None
    age_days: int | None
    stale: bool
    passed_pending: list[str] = field(default_factory=list)  # dated facts past their date, still 'pending'
    to_recheck: list[str] = field(default_factory=list)  # body phrases whose date is now history

    @property
    def due(self) -> bool:
        """Whether anything in this document needs a re-check."""
        return self.stale or bool(self.passed_pending or self.to_recheck)


def audit_document(doc: KnowledgeDoc, today: dt.date, max_age_days: int = DEFAULT_MAX_AGE_DAYS) -> DocAudit:
    """The review state of one document as of today."""
    reviewed = doc.meta.get("reviewed")
    reviewed_date = reviewed if isinstance(reviewed, dt.date) else None
    age = (today - reviewed_date).days if reviewed_date else None
    passed = [
        f"{fact['date']}: {fact.get('fact', '')}"
        for fact in doc.meta.get("dated_facts") or []
        if isinstance(fact, dict)
        and isinstance(fact.get("date"), dt.date)
        and fact["date"] <= today
        and fact.get("status") == "pending"
    ]
    body = "\n".join([doc.intro, *(f"{s.heading}\n{s.text}" for s in doc.sections)])
    return DocAudit(
        id=doc.id,
        path=str(doc.path),
        kind=doc.kind,
        reviewed=reviewed_date.isoformat() if reviewed_date else None,
        age_days=age,
        stale=age is None or age > max_age_days,
        passed_pending=passed,
        to_recheck=passed_dates(body, today, reviewed_date),
    )


def passed_dates(text: str, today: dt.date, reviewed: dt.date | None = None) -> list[str]:
    """Phrases such as 'from 2 August 2026' whose date was still ahead when the text was reviewed (or, with no
    review date, any) and is on or before today."""
    found = []
    for match in _DATED_CHANGE.finditer(text):
        when = _date_of(match)
        if when and when <= today and (reviewed is None or when > reviewed):
            found.append(match.group(0))
    return list(dict.fromkeys(found))


def _date_of(match: re.Match[str]) -> dt.date | None:
    day, month, year = (match.group(1), match.group(2), match.group(3))
    if day is None:
        month, day, year = match.group(4), match.group(5), match.group(6)
    number = _MONTH_NUMBER[month.lower()[:3]]  # "August", "Aug" and "Sept" alike
    try:
        return dt.date(int(year), number, int(day))
    except ValueError:
        return None


def audit_knowledge(
    docs: list[KnowledgeDoc], today: dt.date, max_age_days: int = DEFAULT_MAX_AGE_DAYS
) -> list[DocAudit]:
    """Every document's review state, oldest review first (never reviewed at the top)."""
    audits = [audit_document(d, today, max_age_days) for d in docs]
    return sorted(audits, key=lambda a: (a.reviewed or "", a.id))


def as_json(audits: list[DocAudit]) -> list[dict[str, Any]]:
    """The audit as plain data, with `due` spelled out."""
    return [{**asdict(a), "due": a.due} for a in audits]
