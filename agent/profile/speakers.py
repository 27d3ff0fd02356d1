"""Transcripts with a speaker's label on each turn ("Adviser: What eats your week?\nOwner: The quotes."): the
adviser's turns are someone else's words, as quoted lines in an e-mail reply are, so they are rewritten as quoted
lines and the owner's turns lose their label ("Siobhan:" is a speaker, not part of the ask)."""

from __future__ import annotations

import re

# A turn: a short label of one to three words at the start of a line, then a colon ("Adviser:", "Owner:", "Mrs
# Kaur:", "Q:"). Headings such as "Budget: 500 a month" look the same, so a transcript needs an asking party.
_TURN = re.compile(r"^\s*([A-Z][\w.'-]*(?: [A-Z]?[\w.'-]+){0,2})\s*:\s+(.*)$")
# The party who asks: the owner answers them. "Q" asks, "A" answers, in an interview written up.
_ASKING = re.compile(
    r"^(?:(?:the |our |my |ai |business |small business )?(?:advis[eo]r|consultant|interviewer|coach|mentor|"
    r"facilitator|moderator|researcher|host|assessor|bot|chatbot|assistant)s?|q|question|me \(advis[eo]r\))$",
    re.I,
)


def as_quoted(text: str) -> str:
    """The transcript with the asking party's turns as quoted lines ("> ...") and the other labels taken off; a
    text that is not such a transcript (no asking party, or a single speaker) is returned as it was."""
    lines = text.split("\n")
    labels = [m.group(1) for m in map(_TURN.match, lines) if m]
    asking = {label for label in labels if _ASKING.match(label.strip())}
    if not asking or len(set(labels)) < 2:
        return text
    out, quoting = [], False
    for line in lines:
        turn = _TURN.match(line)
        if turn:  # a line without a label goes on with the turn before it
            quoting, line = turn.group(1) in asking, turn.group(2)
        out.append(f"> {line.strip()}" if quoting and line.strip() else line)
    return "\n".join(out)
