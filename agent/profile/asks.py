"""What the owner asks for, what they must not get as asked, and what they want to protect: read once, from
the description's clauses, into the profile (planning never re-reads the text)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.profile.clauses import Clause, clauses
from agent.profile.risky import find_risky_wishes, is_negated
from agent.profile.semantic import embed_clauses
from agent.profile.wishes import read_wishes
from agent.schemas import RiskyWish, Wish

# Words of protection: what must stay true whatever the plan does.
_PROTECT = re.compile(
    r"\b(must not|mustn't|should not|shouldn't|don't want|do not want|won't|no cloud|only if|without|"
    r"not allowed|has to stay|have to stay|must stay|must remain|must be|has to be|have to be|worried|afraid|"
    r"concerned|protect|confidential|feel watched|no more than|at most|must never|should never|"
    r"never (?:be|share|leave|send|use|store|go|replace|record|give|collect)|can'?t (?:leave|go|be|share|use|store|afford|replace|risk)|cannot (?:leave|go|be|"
    r"share|use|store|afford|replace|risk)|stays? (?:in|on|within|private|with)|remain (?:in|on|private|with))\b",
    re.I,
)


@dataclass(frozen=True)
class Asks:
    """The owner's asks, read from one description."""

    wishes: list[Wish]
    risky_wishes: list[RiskyWish]
    constraints: list[str]
    excluded: list[str]


def read_asks(text: str) -> Asks:
    """Wishes (main ask first), risky wishes, constraints and ruled-out use cases in a description."""
    parts = clauses(text)
    vectors = embed_clauses(tuple(c.text for c in parts))
    # Benign similarity first, so a risky match must beat the ordinary reading of the same clause.
    first = read_wishes(parts, vectors, risky=set())
    risky = find_risky_wishes(parts, vectors, first.benign)
    risky_clauses = {i for i, c in enumerate(parts) if any(r.phrase == c.text for r in risky)}
    reading = read_wishes(parts, vectors, risky_clauses) if risky_clauses else first
    asked = {w.phrase for w in reading.wishes}
    constraints = [c.text for i, c in enumerate(parts) if _protects(c, i in risky_clauses or c.text in asked)]
    return Asks(reading.wishes, risky, list(dict.fromkeys(constraints)), reading.excluded)


def _protects(clause: Clause, is_ask: bool) -> bool:
    # A sentence that is itself a request or a risky wish is never quoted back as a constraint.
    if is_ask:
        return False
    return bool(_PROTECT.search(clause.text)) and (is_negated(clause.text) or not clause.wants or _limits(clause))


def _limits(clause: Clause) -> bool:
    return bool(re.search(r"\b(must|has to|have to|only if|no more than|at most|stay|remain)\b", clause.text, re.I))
