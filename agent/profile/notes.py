"""The structure of the notes a business keeps (meeting minutes, lists): the lines that record the document rather
than tell of the business, and the headings that open a section, some of which record what was turned down."""

from __future__ import annotations

import re

# The words that record an idea as turned down, in a heading ("Rejected:"), after a dash ("Quoting tool — parked")
# or opening a reply ("Parked, Marie said maybe next year").
SET_ASIDE_WORDS = r"parked|shelved|dropped|deferred|rejected|not now|vetoed|decided against"


def records_the_document(line: str, title: bool) -> bool:
    """A line that records the document rather than telling of the business: who was present, the date, and the
    title that opens meeting notes ("Team meeting – Tues 3 Nov", "Minutes – Sparkle Cleaning, office meeting").
    `title` says the line stands first, on a line of its own, and asks nothing ("Meeting notes: we want AI to
    write them up" is read)."""
    if _RECORD_LINE.match(line):
        return True
    return title and bool(_NOTES_TITLE.search(line)) and len(line.split()) <= 14


def first_line(text: str) -> str | None:
    """The text's first line, when more lines follow it (a title stands on a line of its own)."""
    first, newline, rest = text.strip().partition("\n")
    return " ".join(first.split()) if newline and rest.strip() else None


def section_heading(line: str) -> bool | None:
    """For a heading on a line of its own ("Decisions:", "Rejected"), whether its section records what was
    turned down; None for any other line."""
    return sets_aside(line) if _SECTION_HEADING.fullmatch(line) else None


def opens_section(line: str) -> bool:
    """Whether a line opens with a heading of a few words and a colon ("Actions: Sharon to book two demos")."""
    return bool(_SECTION_OPENING.match(line))


def sets_aside(line: str) -> bool:
    """Whether a line opens by recording an idea as turned down ("Rejected: AI renders", "Parked – the chatbot")."""
    return bool(_SET_ASIDE_HEADING.match(line))


_RECORD_LINE = re.compile(
    r"^\W*(?:attendees|attending|present|participants|in attendance|apologies|absent|minutes(?: taken)? by|"
    r"notes(?: taken)? by|date|time|venue|location|chair(?:ed by)?|agenda)\b\s*[:|–—-]",
    re.I,
)
_NOTES_TITLE = re.compile(r"\b(?:minutes|meeting|notes|agenda|huddle|all-hands|catch-?up|stand-?up)\b", re.I)
# A heading on a line of its own opens a section of the notes; one that records what was turned down opens a
# section whose items ask for nothing ("Rejected:\n- the phone robot Dean saw at the trade show").
_SECTION_HEADING = re.compile(
    rf"\W*(?:decisions?|agreed|approved|actions?(?: points)?|next steps|{SET_ASIDE_WORDS}|not doing)\s*:?\s*", re.I
)
_SECTION_OPENING = re.compile(r"\W*(?:[A-Za-z][\w'/&]*(?: [\w'/&]+){0,3})\s*:(?:\s|$)", re.I)
_SET_ASIDE_HEADING = re.compile(
    rf"\W*(?:{SET_ASIDE_WORDS}|declined|turned down|not doing|not approved|ruled out|"
    r"ideas? (?:we )?(?:rejected|dropped|parked))\b(?:[^:\n]{0,30}:|\s*$|\s*[–—-]\s)",
    re.I,
)
