"""Whether a chat message changes the trade. A trade is taken from how the owner describes the business
("we are a hair salon"), never from someone mentioned in passing ("my bookkeeper says..."); "we are not
accountants!" removes the wrong trade, and takes the right one when the same message names it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.profile.lexicon import Match, matcher
from agent.schemas import BusinessProfile

_WINDOW = 40
_CLAUSE_END = re.compile(r"[.,;!?]|\bbut\b", re.I)
_NEGATION = re.compile(r"\b(?:not|no longer|never)\b|n't\b|n’t\b", re.I)
_SELF = re.compile(
    r"\b(?:we are|we're|we’re|we run|i run|we own|i own|i am|i'm|i’m|this is|we operate|our (?:business|company|"
    r"firm|shop|practice) is|it'?s|actually|just|only)\b",
    re.I,
)
_POSSESSIVE = re.compile(r"\b(?:my|our|your|his|her|their|the|a friend's|an)\s+$", re.I)
_SPEECH = re.compile(
    r"^\s*(?:says?|said|told|tells|thinks?|reckons?|suggest(?:s|ed)?|recommend(?:s|ed)?|wants?|asked|advised|"
    r"mentioned|warned|is worried|looked|checked|will|does|did|handles?)\b",
    re.I,
)
_PERSON_ENDINGS = ("er", "or", "ant", "ist", "ian", "ent", "ers", "ors", "ants", "ists", "ians", "ents")


@dataclass(frozen=True)
class TradeReading:
    """The trades a message claims for the business, and the ones it denies."""

    claimed: list[str]
    denied: list[str]


def read_trade_claims(text: str) -> TradeReading:
    """Trades the owner says the business is, and is not; people named in passing count as neither."""
    claimed: list[str] = []
    denied: list[str] = []
    for match in matcher("industries").find(text):
        before = _clause_before(text, match)
        if _NEGATION.search(before):
            denied.append(match.id)
        elif _in_passing(text, match, before):
            continue
        elif _SELF.search(before):
            claimed.append(match.id)
    return TradeReading(list(dict.fromkeys(claimed)), list(dict.fromkeys(denied)))


def guard_trade(
    before: BusinessProfile, after: BusinessProfile, text: str, slot: str | None
) -> tuple[BusinessProfile, str | None]:
    """The profile with the trade kept, changed or removed as the message really says, and what happened:
    "removed", "changed", "kept" or None."""
    reading = read_trade_claims(text)
    old, new = before.industry, after.industry
    if old and old in reading.denied:
        replacement = next((t for t in reading.claimed if t != old), None)
        return _with_trade(after, before, replacement), "changed" if replacement else "removed"
    if new and new in reading.denied:  # "we are not accountants" said of a salon: the salon stays, and we say so
        return _with_trade(after, before, old if old != new else None), "kept" if old and old != new else None
    if old and reading.denied and new == old:
        return after, "kept"
    if new == old:
        return after, None
    if slot == "industry" or new in reading.claimed:
        return after, "changed" if old else None
    if old is None and new and _only_in_passing(text, new):
        return _with_trade(after, before, None), None
    if old is not None:
        return _with_trade(after, before, old), None  # a trade word in passing does not re-label the business
    return after, None


def _with_trade(after: BusinessProfile, before: BusinessProfile, trade: str | None) -> BusinessProfile:
    label = before.industry_label if trade == before.industry else None
    if trade and trade == after.industry:
        label = after.industry_label
    provenance = {k: v for k, v in after.provenance.items() if k not in ("industry", "industry_label")}
    if trade == before.industry:
        provenance.update({k: v for k, v in before.provenance.items() if k in ("industry", "industry_label")})
    return after.model_copy(update={"industry": trade, "industry_label": label or trade, "provenance": provenance})


def _clause_before(text: str, match: Match) -> str:
    window = text[max(0, match.start - _WINDOW) : match.start]
    cut = list(_CLAUSE_END.finditer(window))
    return window[cut[-1].end() :] if cut else window


def _in_passing(text: str, match: Match, before: str) -> bool:
    """'my bookkeeper says', 'our accountant', 'the lawyer told us': a person, not the business."""
    person = match.phrase.lower().endswith(_PERSON_ENDINGS)
    after = text[match.end : match.end + 30]
    return bool(_SPEECH.search(after)) or (person and bool(_POSSESSIVE.search(before)))


def _only_in_passing(text: str, trade: str) -> bool:
    found = [m for m in matcher("industries").find(text) if m.id == trade]
    return bool(found) and all(_in_passing(text, m, _clause_before(text, m)) for m in found)
