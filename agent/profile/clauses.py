"""Splitting a description into sentences and clauses, each knowing whether it asks, refuses or complains."""

from __future__ import annotations

import re
from dataclasses import dataclass

WANT = re.compile(
    r"\b(want|wants|would like|we'd like|i'd like|we would love|i'd love|we'd love|love (?:to|a|an|some)|"
    r"interested in|looking (?:at|for|into)|thinking (?:about|of)|considering|plan to|planning to|"
    r"hope to|hoping (?:to|for)|keen (?:on|to)|need|needs|could (?:ai|it|a tool|software)|"
    r"(?:ai|a tool|software|something) (?:that|to|could|can|should)|help (?:us|me|with)|"
    r"try|trying|test|pilot|automate|wish|our (?:main |biggest |first )?(?:ask|goal|priority|idea) is|"
    r"the (?:main |big |first )?(?:ask|goal|priority|idea) is|ideally|dream|how about|can ai|could we|"
    r"our (?:plans?|ideas?|priorities|wish ?list)|on (?:our|my) (?:list|wish ?list)|what we'?d like)\b",
    re.I,
)
# Asking *not* to have something; "without" is not here: "scrape profiles without telling them" is an ask.
REFUSE = re.compile(
    r"\b(don'?t want|do not want|never want|not interested|rather not|ruled out|no (?:thanks|chatbots?|"
    r"bots?|cameras?)|we won'?t|i won'?t|would never|we'd never|avoid|nothing that|not a)\b",
    re.I,
)
PAIN = re.compile(
    r"\b(problem|struggle|struggling|too much|too many|waste|takes? (?:us|me|hours)|losing|lose|hard to|"
    r"difficult|slow|behind|overwhelmed|drowning|miss|missed|late|manual|by hand|chaos|mess|frustrat|swamped|"
    r"can'?t keep up|cannot keep up|backlog|piles? up|piling up|forever|takes ages|a day|per day|every \w+ needs)",
    re.I,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
# Where one sentence holds several asks: "...; also ...", ", and we'd also like ...", ", plus ...".
_CLAUSE = re.compile(
    r"\s*;\s*|\s+-\s+|\s*:\s+(?=[a-z])|"
    r",?\s+(?:and\s+)?(?=(?:i|we)(?:'d| would)? (?:also|then) \w)|"
    r",?\s+and\s+(?=(?:i|we)(?:'d| would)?(?:\s+also)?\s+(?:like|love|want|need|hope)\b)|"
    r",?(?<!'d)(?<!\bwould)(?<!\bwe)(?<!\bi)\s+(?:and\s+)?also\s+(?=\w)|,?\s+plus\s+|,?\s+as well as\s+|,?\s+but\s+|"
    r",?\s+and\s+(?=to\s+\w)|,\s+(?!\d)|"
    r"\s+and\s+(?=(?:to\s+)?(?:automatically\s+)?(?:predict|forecast|draft|write|answer|summari[sz]e|"
    r"transcribe|scan|read|extract|flag|spot|detect|recommend|suggest|schedule|plan|translate|generate|"
    r"score|rank|track|monitor|send|remind|chase|scrape|upload|use|put|install|check|sort|match|create|"
    r"prepare|fill|handle|reply|respond|tag|quote|estimate|optimi[sz]e|auto-\w+)\b)",
    re.I,
)


_LEADING_LINK = re.compile(r"^(?:and|or|then|so)\s+", re.I)


@dataclass(frozen=True)
class Clause:
    """One clause of the description, with the sentence it came from and what the sentence is doing."""

    text: str
    sentence: str
    wants: bool
    refuses: bool
    pain: bool


def sentences(text: str) -> list[str]:
    """Sentences of a reasonable length (3-60 words)."""
    parts = _SENTENCE.split(text)
    return [p.strip() for p in parts if 3 <= len(p.split()) <= 60]


def clauses(text: str) -> list[Clause]:
    """Clauses of every sentence; an ask carries forward within its sentence ("I'd like X, and Y")."""
    out: list[Clause] = []
    for sentence in _SENTENCE.split(text):
        sentence = sentence.strip()
        if len(sentence.split()) < 2:
            continue
        wanting = False
        for raw in _CLAUSE.split(sentence):
            part = _LEADING_LINK.sub("", raw.strip(" ,.;"))
            if len(part.split()) < 2:
                continue
            refuses = bool(REFUSE.search(part))
            wanting = (wanting or bool(WANT.search(part))) and not refuses
            out.append(Clause(part, sentence, wanting, refuses, bool(PAIN.search(part))))
    return out
