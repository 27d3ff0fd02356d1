"""The owner's own words: in a reply written under someone else's quoted lines ("> Would a chatbot help?"), a
quoted line is not the owner's, so it asks for nothing unless the owner's answer takes it up; speech written down
is read without its hesitations."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from agent.profile.clauses import PAIN
from agent.profile.speakers import as_quoted
from agent.profile.spoken import without_fillers

_QUOTED = re.compile(r"^\s*>")
_HEADER = re.compile(r"^\s*On\b.{0,120}\bwrote:\s*$", re.I)  # "On Tue, 3 Dec, Sam wrote:"
_QUESTION_END = re.compile(r"[^.?!]*\?")
_SENTENCE_END = re.compile(r"[^.?!]+[.!]*")
# A yes-or-no question opens with a verb. It suggests something ("Would a chatbot help?", "Have you thought about
# ...?") or asks after a fact ("Do you record the calls?"): only a suggestion, or a trouble, is the owner's ask
# when the owner says yes to it.
_LEAD = r"^\W*(?:and |so |also )?"  # what a follow-up question may open with
_YES_NO = re.compile(
    rf"{_LEAD}(?:would|could|do|does|did|have|has|had|is|are|was|were|should|can|will|might|shall|any interest)\b",
    re.I,
)
_SUGGESTS = re.compile(
    rf"{_LEAD}(?:would|could|might|should|can|shall|any interest|"
    r"(?:do|did|would) you (?:want|need|fancy|wish|like)|(?:have|had) you (?:thought|considered|looked)|"
    r"(?:are|were) you (?:interested|keen|open|tempted)|(?:is|are) (?:\w+ ){1,5}something)\b",
    re.I,
)
# An open question about what the owner needs: its answer names the asks ("> What eats your week?\nThe quotes.").
_NEEDS = re.compile(
    r"\b(?:help|take|taking|time|hour|pain|problem|trouble|hate|annoy|frustrat|want|wish|like|love|automat|"
    r"hand over|offload|first|priorit|biggest|most|worst|drag|slow|fix|improv|chang|magic wand|dream|else|eat|"
    r"sink|spend|waste|bother|stress|headache|struggl|repetit|boring|tedious|save|speed|faster|easier|plan|idea|"
    r"other|task|ai|tool|software)\w*",
    re.I,
)
_STATEMENT = re.compile(rf"{_LEAD}(?:you|you'[a-z]+|we|we'[a-z]+|i|i'[a-z]+|it's|they|they're)\b", re.I)
_OPEN = re.compile(rf"{_LEAD}(?:what|which|where|how|tell me|is there anything|anything|any other|other)\b", re.I)
_FIRST_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)")
_INSTEAD = re.compile(
    r"\b(?:want|need|would like|'d like|rather|instead|(?:real|actual|bigger|main) (?:problem|issue|pain|headache|"
    r"job)|more (?:useful|important|urgent)|priority|what would help|what we need)\w*",
    re.I,
)
# A question after what the owner will not have: a budget, data, worries ("> Any limits?", "> Data location?").
_LIMITS = re.compile(
    r"\b(?:limit|budget|cost|concern|worr|afraid|risk|data|privacy|location|rather not|red line|rule|condition|"
    r"constraint|sensitive|must|never|no-go|off limits|caveat|requirement)\w*",
    re.I,
)
# An answer that takes the idea up, though not with a plain yes at its start: "If the till data is good enough,
# yes.", "Drafts would be nice.", "Help with those, yes."
_TAKEN_UP = re.compile(
    r"\b(?:yes|yeah|yep|please|definitely|absolutely|would be (?:nice|great|good|welcome|useful|helpful|a help|"
    r"the (?:real )?win)|(?:is|are|be) welcome|even better|help (?:with|there)|love|want|need)\b",
    re.I,
)
# A question about a worry ("Are you worried about ...?") is answered by the limit the owner then states, not by
# an ask.
_CONCERN = re.compile(r"\b(?:worr\w*|concern\w*|afraid|comfortable|okay with|ok with|fine with|mind|nervous)\b", re.I)
_AFFIRMS = re.compile(
    r"^\W*(?:(?:oh|god|hell|very much|yes)[,!.]?\s+)?(?:yes|yeah|yep|yup|definitely|absolutely|certainly|please|"
    r"sure|of course|100 ?%|exactly|correct|spot on|totally|very much|would love|love (?:that|it|the idea)|"
    r"that would be (?:great|amazing|brilliant|lovely|ideal|a (?:life|god)saver|huge|fantastic)|"
    r"sounds (?:good|great)|good idea|great idea|ideally|i think so|please do)\b",
    re.I,
)
# The opening that turns the quoted idea down, taken off the answer: the rest is the owner's own ("No, the rota
# is our real problem"), and a bare "No thanks" left there would read as turning down the answer before it.
_DECLINES = re.compile(
    r"^\W*(?:(?:no|nope|nah|not really|not (?:for us|now|yet|interested|at the moment|at this stage)|god no|"
    r"hell no|absolutely not|definitely not|no way|no thanks|no thank you|we'?re (?:fine|good|ok|okay)"
    r"(?: (?:there|on that))?|i don'?t think so|pass|maybe|possibly|perhaps|not sure|unsure|doubt it)\b[\s,.;:!–—-]*)+",
    re.I,
)


@dataclass(frozen=True)
class OwnerWords:
    """The text with quoted lines resolved, and the sentences that answer a question about what the owner needs."""

    text: str
    answers: frozenset[str] = frozenset()
    limits: frozenset[str] = frozenset()  # first sentences of answers to "> Any limits?", "> Budget?"


@lru_cache(maxsize=64)  # a description's facts and its asks are read from the same words
def owner_words(text: str) -> OwnerWords:
    """The owner's words: each quoted question is dropped, kept where the owner's answer says yes to it, and the
    first sentence of an answer to an open question about needs is noted as an answer; hesitations of speech
    written down are left out."""
    text = as_quoted(without_fillers(text))  # a transcript's adviser speaks as a quoted line does
    lines = text.splitlines()
    if not any(_QUOTED.match(line) for line in lines):
        return OwnerWords(text)
    blocks: list[str] = []
    answers: set[str] = set()
    limits: set[str] = set()
    quote: list[str] = []
    reply: list[str] = []

    def close() -> None:
        if quote or reply:
            question, answer = _last_prompt(" ".join(quote)), "\n".join(reply).strip()
            own, first = _resolve(question, answer)
            blocks.append(own)
            if first:
                answers.add(first)
            limit = _limit(question, answer)
            if limit:
                limits.add(limit)
        quote.clear()
        reply.clear()

    for line in lines:
        if _HEADER.match(line):
            continue
        if _QUOTED.match(line):
            if reply:
                close()
            quote.append(line.lstrip().lstrip(">").strip())
        elif line.strip() or reply:
            reply.append(line.strip())  # line breaks kept: they mark lists and paragraphs
    close()
    return OwnerWords("\n\n".join(b for b in blocks if b.strip()), frozenset(answers), frozenset(limits))


def _resolve(asked: str | None, reply: str) -> tuple[str, str | None]:
    """The owner's answer under a quoted question (the passage's last), as the owner's words, and the answer's
    first sentence when the question asks what the owner needs."""
    if not asked or not reply:
        return reply, None
    first, rest = _first_and_rest(reply)
    if _OPEN.match(asked) and _NEEDS.search(asked):
        return reply, " ".join(first.split())
    # A suggestion or a trouble the owner takes up ("> Would a chatbot help?\nYes please."), or a topic asked
    # without a verb ("> Reviews?\nDrafts would be nice."), is the owner's, read in one sentence with the answer's
    # first: the answer alone points back ("yes, both the supplier invoices and the bank lines"). A question of
    # fact or of worry is not.
    topic = _is_topic(asked)
    suggested = _SUGGESTS.match(asked) or PAIN.search(asked) or topic
    if _DECLINES.match(reply):
        if not suggested:  # a fact answered no: what follows is a fact ("> Do callers know?\nNo, we record ...")
            return _DECLINES.sub("", reply, count=1), None
        # The reason for turning an idea down is about that idea ("No, hardly anyone visits the site"); a sentence
        # that asks for something else instead is the owner's own ("No, the rota is our real problem").
        kept = _DECLINES.sub("", first, count=1) if _INSTEAD.search(first) else ""
        return f"{kept}\n\n{rest}".strip(), None
    # (A topic's answer may take it up after saying how it is done now: "I answer them on Sundays. Drafts would
    # be nice.")
    taken = _AFFIRMS.match(reply) or _TAKEN_UP.search(reply if topic else first)
    if suggested and not _CONCERN.search(asked) and taken:
        return f"{asked.rstrip('?! ')} — {first}\n\n{rest}".strip(), None
    return reply, None


def _limit(asked: str | None, reply: str) -> str | None:
    """The first sentence of the answer to a question after the owner's limits ("> Any budget limit?\nNothing over
    50 a month."), without a leading no: a limit the owner sets in answer is a constraint, said in any words."""
    if not asked or not _is_topic(asked) or not _LIMITS.search(asked):
        return None
    first = " ".join(_first_and_rest(_DECLINES.sub("", reply, count=1))[0].split())
    return first or None


def _is_topic(asked: str) -> bool:
    """A question with neither a verb nor a question word to open it: "Reviews?", "Any limits?"; not a statement
    put as a question ("You run the cabs in Austin?"), which checks a fact."""
    return not _YES_NO.match(asked) and not _OPEN.match(asked) and not _STATEMENT.match(asked)


def _first_and_rest(reply: str) -> tuple[str, str]:
    split = _FIRST_SENTENCE.split(reply, maxsplit=1)
    return split[0], split[1] if len(split) > 1 else ""


def _last_prompt(quote: str) -> str | None:
    """The passage's last question or, where it asks nothing, its last sentence: an adviser proposes as often as
    asks ("Forecasting demand for the big days is an option."), and the owner takes it up the same way."""
    found = _QUESTION_END.findall(quote) or _SENTENCE_END.findall(quote)
    return " ".join(found[-1].split()).rstrip(".!") if found else None
