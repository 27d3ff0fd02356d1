"""Splitting passages into sentences that can be quoted on their own."""

from __future__ import annotations

import re

# Abbreviations whose full stop does not end a sentence ("Art. 33", "e.g. a bakery").
_ABBREVIATIONS = frozenset(
    [
        "art",
        "arts",
        "e.g",
        "i.e",
        "no",
        "nos",
        "reg",
        "sec",
        "s",
        "para",
        "paras",
        "cal",
        "civ",
        "u.s",
        "etc",
        "vs",
        "cf",
        "approx",
        "incl",
        "min",
        "max",
        "fig",
        "ch",
        # Statute and case citations: "Tex. Bus. & Com. Code", "Cal. Gov. Code", "O. Reg. 476/24", "Mobley v. Workday".
        "tex",
        "bus",
        "com",
        "gov",
        "regs",
        "admin",
        "sch",
        "o",
        "v",
    ]
)
_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9€$£])")
_MARKDOWN = re.compile(r"(\*\*|__|`)")


def split_sentences(text: str) -> list[str]:
    """Sentences of a Markdown passage; list items and table rows count as one sentence each."""
    sentences: list[str] = []
    for block in _blocks(text):
        sentences.extend(_split_block(block))
    return [s for s in (x.strip() for x in sentences) if len(s) > 15]


def _blocks(text: str) -> list[str]:
    blocks: list[str] = []
    current: list[str] = []
    for raw in text.splitlines():
        line = _MARKDOWN.sub("", raw).strip()
        if not line or set(line) <= set("|-: "):
            blocks.append(" ".join(current))
            current = []
        elif re.match(r"^([-*+]|\d+[.)])\s+", line) or line.startswith("|"):
            blocks.append(" ".join(current))
            current = []
            blocks.append(re.sub(r"^([-*+]|\d+[.)])\s+", "", line).strip("| ").replace(" | ", "; "))
        else:
            current.append(line)
    blocks.append(" ".join(current))
    return [b for b in blocks if b.strip()]


def _split_block(block: str) -> list[str]:
    pieces, start = [], 0
    for match in _BOUNDARY.finditer(block):
        before = block[start : match.start()].rsplit(" ", 1)[-1].strip(".!?\"'()[]").lower()
        if before in _ABBREVIATIONS:
            continue
        pieces.append(block[start : match.start()])
        start = match.end()
    pieces.append(block[start:])
    return pieces
