"""Splitting a description into sentences and clauses, each knowing whether it asks, refuses or complains."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

WANT = re.compile(
    r"\b(want|wants|would (?:also |really )?like|(?:we|i)'d (?:also |really )?(?:like|love)|we would love|"
    r"love (?:to|a|an|some)|(?:ai|it|that|this|something) (?:could|would|might) help|main thing|top priority|"
    r"would (?:help|save|be (?:great|nice|ideal|brilliant|a big help|useful))|should be able to|"
    r"it'?d be (?:great|nice)|what we need|need most|our (?:to-?do )?list|"
    r"(?:two|three|four|five|a few|some|main) (?:things|ideas|wishes|priorities|asks|goals|projects)|"
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
    r"difficult|slow|behind|overwhelmed|drowning|miss|missed|late|manual|by hand|chaos|mess|frustrat\w*|swamped|"
    r"can'?t keep up|cannot keep up|backlog|piles? up|piling up|forever|takes ages|a day|per day|every \w+ needs|"
    r"eats?|takes? up|swallows?|costs? us|keeps? asking|same (?:\w+ )?questions|again and again|over and over|"
    r"spends? hours|hours (?:every|a|per|each) (?:week|day)|breakdowns?|breaks? down|defects?|complaints?|"
    r"errors|mistakes|downtime|no-shows?|stops? production|run(?:ning)? out)\b",
    re.I,
)
# A single line break is wrapping; a blank line or a list item starts a new sentence.
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n\s*\n+|\n(?=\s*(?:[-*•]|\d+[.)])\s)")
# Where one sentence holds several asks: "...; also ...", ", and we'd also like ...", ", plus ...".
_CLAUSE = re.compile(
    r"\s*;\s*|\s+-\s+|\s*:\s+(?=[a-z])|"
    r",?\s+(?:and\s+)?(?=(?:i|we)(?:'d| would)? (?:also|then) \w)|"
    r",?\s+and\s+(?=(?:i|we)(?:'d| would)?(?:\s+also)?\s+(?:like|love|want|need|hope)\b)|"
    r"(?:,\s*|\s+and\s+)also\s+(?=\w)|,?\s+plus\s+|,?\s+as well as\s+|,?\s+but\s+|"
    r",?\s+and\s+(?=to\s+\w)|,\s+(?!\d)|"
    r"\s+and\s+(?=(?:to\s+)?(?:automatically\s+)?(?:predict|forecast|draft|write|answer|summari[sz]e|"
    r"transcribe|scan|read|extract|flag|spot|detect|recommend|suggest|schedule|plan|translate|generate|"
    r"score|rank|track|monitor|send|remind|chase|scrape|upload|use|put|install|check|sort|match|create|"
    r"prepare|fill|handle|reply|respond|tag|quote|estimate|optimi[sz]e|auto-\w+)\b)",
    re.I,
)


_LEADING_LINK = re.compile(r"^(?:(?:and|or|then|so|also|plus)\s+)+", re.I)
# A sentence that starts with a verb is an instruction: "Predict which donors...", "Let customers book...".
IMPERATIVE = re.compile(
    r"^(?:please\s+)?(?:automatically\s+|just\s+)?(?:predict|forecast|draft|write|answer|summari[sz]e|transcribe|"
    r"scan|read|extract|flag|spot|detect|recommend|suggest|schedule|plan|translate|generate|create|score|rank|"
    r"track|monitor|send|remind|chase|scrape|upload|use|install|check|sort|match|prepare|fill|handle|reply|"
    r"respond|tag|quote|estimate|optimi[sz]e|let|help|make|build|find|identify|group|filter|review|pull|lift|"
    r"catch|warn|adjust|book|film|record|clock|block|decline|reject|harvest|paste|analy[sz]e|rate|only|cut|"
    r"turn|give|show|tell|log|update|capture|classify|categori[sz]e|compare|measure|automate|put|get|keep|"
    r"stop|sell|share|train|target|segment|personali[sz]e|route|dispatch|reorder|inspect|drop|exclude|remove|"
    r"skip|ignore|screen|refuse|deny|upload|copy|install|film|give)\b",
    re.I,
)


# Any verb the list above lacks still reads as an instruction when a determiner follows it ("Set our prices ...",
# "Warn the team ..."): a first word that is no pronoun, determiner, preposition or linking word, and does not
# end in -s (a third-person verb or a plural noun: "Customers call us").
_VERB_FIRST = re.compile(
    r"^(?!(?:we|i|our|my|the|it|its|this|that|these|those|they|he|she|you|your|all|most|some|every|each|any|many|"
    r"much|few|a|an|no|nobody|everyone|everything|there|here|last|next|since|when|if|as|at|in|on|for|with|from|"
    r"after|before|about|to|once|while|because|so|but|and|or|then|also|just|even|ideally|currently|recently|"
    r"usually|today|yesterday|tomorrow|during|between|across|around|under|over|by|into|through|without|within|per|"
    r"like|unlike|besides|despite|although|though|unless|until|whether|where|why|how|what|which|who|one|two|"
    r"three|four|five|half|both|either|neither|other|another|only|right|now|still|yet|already|always|never|"
    r"often|sometimes|overall|ok|okay|yes|hello|hi|dear|thanks|please)\b)[a-z]+(?<!s)\s+"
    r"(?:our|the|my|each|every|all|any|new|incoming|their|them|us|me|which|who|what|how|when)\b",
    re.I,
)


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
    return [" ".join(p.split()) for p in parts if 3 <= len(p.split()) <= 60]


def clauses(text: str) -> list[Clause]:
    """Clauses of every sentence; an ask carries forward within its sentence ("I'd like X, and Y")."""
    out: list[Clause] = []
    for sentence in _SENTENCE.split(text):
        sentence = " ".join(sentence.split())
        if len(sentence.split()) < 2:
            continue
        wanting = False
        for n, raw in enumerate(_CLAUSE.split(sentence)):
            part = _LEADING_LINK.sub("", raw.strip(" ,.;"))
            if len(part.split()) < 2:
                continue
            refuses = bool(REFUSE.search(part))
            question = raw.rstrip().endswith("?") or (sentence.endswith("?") and n == 0)
            imperative = n == 0 and bool(IMPERATIVE.match(part) or _VERB_FIRST.match(part))
            asks = bool(WANT.search(part)) or imperative or question
            wanting = (wanting or asks) and not refuses
            if asks and len(part.split()) <= 5 and out and out[-1].sentence == sentence and not out[-1].refuses:
                out[-1] = replace(out[-1], wants=True)
            out.append(Clause(part, sentence, wanting, refuses, bool(PAIN.search(part))))
    return out
