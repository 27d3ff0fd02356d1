"""What a business does with data ("we sell audience segments", "we record sales calls"), read from its words.

Law applicability rests on these practices as much as on place and size: the CCPA's selling test, HIPAA's
covered-entity test (billing insurers), call-recording consent rules, marketing-call rules.
"""

from __future__ import annotations

import re
from functools import lru_cache

from agent.profile.lexicon import load_yaml

# A negation shortly before a match turns it around: "we never sell customer data", "we don't record calls".
_NEGATION = re.compile(r"\b(?:no|not|never|don'?t|do not|doesn'?t|does not|won'?t|without|nor)\b[\w\s,'-]{0,25}$", re.I)


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    data = load_yaml("practices")
    return tuple((str(pid), re.compile(p, re.I)) for pid, patterns in data.items() for p in patterns)


def read_practices(text: str) -> list[str]:
    """Data-practice ids the text states, in lexicon order, skipping negated mentions."""
    found: list[str] = []
    for practice, pattern in _patterns():
        if practice in found:
            continue
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - 40) : match.start()]
            if not _NEGATION.search(before.split(".")[-1]):
                found.append(practice)
                break
    return found
