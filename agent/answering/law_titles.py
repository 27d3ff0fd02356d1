"""Whether a law named by its title in a question is one the knowledge base holds, when the question spells it
differently from the document ("the Australian Privacy Act" for "Australia's Privacy Act 1988", "AI" for
"Artificial Intelligence")."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Words that name no particular law: a title matches on its distinctive words only.
_GENERIC = frozenset({"the", "of", "and", "for", "on", "in", "to", "a", "an", "act", "law", "laws", "s", "us"})
_SHORT_FORMS = {"ai": ("artificial", "intelligence")}
_MIN_STEM = 4  # "australia"/"australian" share a stem; "ai" and "act" are too short to stem


def words_of(text: str) -> list[str]:
    """Lower-case words, with short forms written out ("ai" -> "artificial intelligence")."""
    out: list[str] = []
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        out.extend(_SHORT_FORMS.get(word, (word,)))
    return out


def names_held_law(phrase: str, titles: Iterable[str]) -> bool:
    """True when every distinctive word of the phrase appears (or shares a stem) in one held law's title."""
    wanted = [w for w in words_of(phrase) if w not in _GENERIC and not re.fullmatch(r"(19|20)\d\d", w)]
    if len(wanted) < 2:  # one word ("Privacy Act") names no particular law
        return False
    return any(all(_in_title(w, held) for w in wanted) for held in (set(words_of(t)) for t in titles))


def _in_title(word: str, title_words: set[str]) -> bool:
    if word in title_words:
        return True
    return any(_same_stem(word, t) for t in title_words)


def _same_stem(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return len(short) >= _MIN_STEM and long.startswith(short) and len(long) - len(short) <= 3


# Words that describe a privacy statute rather than name one: "the Tennessee privacy law" is Tennessee's
# Information Protection Act when that place has a statute described by any of them.
_PRIVACY_KIND = frozenset({"privacy", "data", "protection", "information", "consumer", "personal"})
_OTHER_KIND = frozenset({"breach", "notification", "biometric", "health"})  # a breach law is not a privacy act


def describes_held_law(phrase: str, place_words: Iterable[str], statutes: Iterable[str]) -> bool:
    """True when the phrase, less its place, only describes a privacy law ("Ohio privacy act") and the place
    has a statute of that kind: a description, not a title, so any privacy statute of the place answers it."""
    place = set(words_of(" ".join(place_words)))
    kind = [w for w in words_of(phrase) if w not in _GENERIC and w not in place]
    if not kind or not set(kind) <= _PRIVACY_KIND:
        return False
    return any(_PRIVACY_KIND & set(words_of(name)) and not _OTHER_KIND & set(words_of(name)) for name in statutes)
