"""Speech written down (voice notes, dictation, call transcripts): the hesitations and restarts that carry no
meaning are taken out before the owner's words are read, so "um so the, the quotes" reads as "so the quotes"."""

from __future__ import annotations

import re

# Sounds of hesitation; "er" only in lower case ("ER" is a hospital's).
_HESITATION = re.compile(r"(?:\b(?i:u+m+|u+h+m*|e+r+m+|hmm+|ah+)\b|\ber\b)[,.]*\s*")
# "you know" and "like" set off as asides ("the quotes, you know, take ages"; "it's, like, every evening").
_ASIDE = re.compile(r",\s*(?:you know|like|i mean|sort of|kind of|basically)\s*(?:,\s*|(?=[.?!]|$))", re.I)
# A restart repeats the words just said: "we're a, we're a bakery", "the the invoices".
_RESTART = re.compile(r"\b([\w']+(?:\s+[\w']+){0,2})(?:,|\s-|\s–)?\s+\1\b", re.I)


# The best-known product name as a phone hears it or a hurried thumb types it: "chat GBT", "chat g p t", "chatgtp".
_CHATGPT = re.compile(r"\bchat\s?-?\s?(?:g\.?\s?[bp]\.?\s?t|g\.?\s?t\.?\s?[bp])(?:\.(?=\s+(?-i:[a-z])))?(?!\w)", re.I)


def without_fillers(text: str) -> str:
    """The text less hesitations, asides and restarts, with the name of ChatGPT however it was heard; line breaks
    are kept (they mark lists and quotes)."""
    text = _CHATGPT.sub("ChatGPT", text) if _CHATGPT.search(text) else text
    return "\n".join(_plain(line) for line in text.split("\n"))


def _aside_gap(aside: re.Match[str]) -> str:
    return " " if aside.group(0).rstrip().endswith(",") else ""


def _plain(line: str) -> str:
    if not (_HESITATION.search(line) or _ASIDE.search(line) or _RESTART.search(line)):
        return line  # most text is written, not spoken: left exactly as it was
    line = _RESTART.sub(r"\1", _ASIDE.sub(_aside_gap, _HESITATION.sub("", line)))
    return re.sub(r"\s+([,.?!])", r"\1", re.sub(r"[ \t]{2,}", " ", line)).strip(" ")
