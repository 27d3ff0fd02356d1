"""The business's name, when the owner gives one ("We are Fjordline AS, a ...", "Our shop is called Zur Alten
Mühle", "Sol Flow Yoga runs four studios", "Our clinic, Harbor Physio, has ...")."""

from __future__ import annotations

import re

# A name: capitalised words, with the small words names carry ("Physio am Naschmarkt", "Bar de la Plaza").
_FIRST = r"[A-Z][\w'’&.+-]*"
_WORD = r"(?:[A-Z0-9][\w'’&.+-]*|&)"
_SMALL = r"(?:of|and|the|am|an|im|de|la|le|les|du|der|die|das|von|van|y|e|del|di|da|dos|do|und|et|for|on|at)"
_NAME = rf"({_FIRST}(?:\s(?:{_WORD}|{_SMALL}(?=\s{_WORD}))){{0,5}})"
_VERB = r"(?:is|are|was|runs|operates|has|have|employs|owns|makes|sells|offers|provides|serves|opened|started)"
_PATTERNS = [
    # "is called X", "named X", "we are X", "I own X", "I run X", "trading as X"
    re.compile(rf"\b(?i:called|named|we are|we're|i run|i own|we own|trading as|known as)\s+(?:the\s+)?{_NAME}"),
    # "Our practice, X, has", "my bakery, X in Leeds"
    re.compile(
        rf"\b(?i:our|my)\s+(?:[a-z-]+\s+){{0,2}}(?i:practice|business|company|shop|store|firm|clinic|studio|agency|"
        rf"bakery|restaurant|cafe|café|salon|brand|startup|charity|gym|hotel|workshop|surgery|office),\s+{_NAME}"
        rf"(?=,|\s(?:in|is|has|we)\b)"
    ),
    # "X is a ...", "X runs four studios" opening the text
    re.compile(rf"^\s*{_NAME}\s{_VERB}\b"),
    # the same later on only with two or more words or a legal form ("Revenue is ..." names nothing)
    re.compile(rf"[.!?]\s+({_FIRST}(?:\s(?:{_WORD}|{_SMALL}(?=\s{_WORD}))){{1,5}})\s{_VERB}\b"),
]
_NOT_NAMES = {"we", "i", "our", "my", "this", "it", "the", "a", "an", "there", "they", "he", "she", "that", "what"}
_LEGAL_FORMS = re.compile(r"\b(?:GmbH|AG|AS|AB|SA|SL|SAS|SARL|BV|NV|Ltd|LLC|LLP|Inc|plc|Oy|ApS|S\.?r\.?l|SpA)\b\.?")


def find_name(text: str) -> str | None:
    """The business name the owner gave, or None; a legal form ('GmbH', 'Ltd') is kept with it."""
    for pattern in _PATTERNS:
        for match in pattern.finditer(text[:2000]):
            name = _clean(match.group(1))
            if name:
                return name
    return None


def _clean(raw: str) -> str | None:
    words = raw.strip(" .,'’").split()
    while words and words[0].lower() in _NOT_NAMES:
        words = words[1:]
    while words and re.fullmatch(_SMALL, words[-1]):
        words = words[:-1]
    name = " ".join(words)
    if not name or name.lower() in _NOT_NAMES or not name[0].isupper():
        return None
    if len(words) == 1 and not _LEGAL_FORMS.search(name) and name.lower() in _COMMON_OPENERS:
        return None
    return name if 2 <= len(name) <= 60 else None


# Capitalised words that open a sentence without naming anything ("Every evening we ...").
_COMMON_OPENERS = {"every", "each", "last", "next", "most", "some", "many", "all", "our", "both", "currently", "today"}
