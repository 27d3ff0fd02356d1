"""Sentences from structured parts: lists joined with "and", the right article, quantities with their units."""

from __future__ import annotations

import re
from collections.abc import Iterable

_VOWEL_SOUND_LETTERS = set("AEFHILMNORSX")  # initialisms read letter by letter: "an SMS", "a UK firm"
_YOU_OR_ONE = re.compile(r"(u[bcdfgklmnprstv][aeiou]|use|usu|uti|uni|eu|one|once|ewe)", re.I)
_SILENT_H = re.compile(r"(hour|honest|honou?r|heir)", re.I)


def join_words(items: Iterable[str], last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'; items that hold commas themselves are set apart with semicolons."""
    parts = [i.strip() for i in items if i and i.strip()]
    if len(parts) < 2:
        return "".join(parts)
    if any("," in p for p in parts):
        return f"{'; '.join(parts[:-1])}; {last} {parts[-1]}"
    return f"{', '.join(parts[:-1])} {last} {parts[-1]}"


def starts_with_vowel_sound(word: str) -> bool:
    """Whether 'an' goes before this word: 'an hour', 'an SMS', 'a user', 'a HIPAA form', 'a UK firm'."""
    word = (word.split() or [""])[0]
    if not word:
        return False
    if word.isupper() and len(word) > 1 and (len(word) <= 3 or not re.search("[AEIOU]", word[1:])):
        return word[0] in _VOWEL_SOUND_LETTERS
    return (word[0].lower() in "aeiou" and not _YOU_OR_ONE.match(word)) or bool(_SILENT_H.match(word))


def with_article(phrase: str) -> str:
    """'an accountancy practice', 'a bakery'."""
    return f"{'an' if starts_with_vowel_sound(phrase) else 'a'} {phrase}"


def quantity(value: float, unit: str) -> str:
    """'12%', '4h/week', '3 posts/week', '1 post/week', '60 min', '12': % and h stick, words get a space."""
    if unit in ("", "count"):
        return f"{value:g}"
    if unit == "%" or unit == "h" or unit.startswith("h/"):
        return f"{value:g}{unit}"
    if value == 1:
        unit = re.sub(r"^([a-z]+?)s\b", r"\1", unit)  # "1 posts/week" -> "1 post/week"
    return f"{value:g} {unit}"


def cite(ref: str) -> str:
    """A reference after a sentence: '(GDPR Art. 30)'; a reference with brackets of its own goes in square ones,
    so that 'Regulations 2018 (Charges and Information)' does not nest brackets inside brackets."""
    bare = re.sub(r"\((?:\d{1,3}|[a-z]{1,4}|[A-Z])\)", "", ref)
    return f"[{ref}]" if "(" in bare else f"({ref})"


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """'1 finding', '0 findings', '3 errors'."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


def lower_first(text: str) -> str:
    """'Unsold items' -> 'unsold items' inside a sentence; 'CV screening' keeps its capitals."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


# How an owner would name a system id in a sentence.
_SYSTEM_LABELS = {
    "pos": "the till",
    "crm": "the CRM",
    "erp": "the ERP",
    "ehr": "the patient record system",
    "ats": "the applicant tracking system",
    "ecommerce-platform": "the shop platform",
    "practice-management": "the practice management system",
    "booking": "the booking system",
    "accounting": "the accounting software",
    "email-marketing": "the e-mail marketing tool",
    "helpdesk": "the help desk",
    "website": "the website",
    "telephony": "the phone system",
    "inventory": "the stock system",
    "iot-sensors": "machine sensors",
    "cctv": "CCTV",
}


def system_label(system_id: str) -> str:
    """How an owner names a system in a sentence: 'pos' -> 'the till', 'ecommerce-platform' -> 'the shop platform'."""
    return _SYSTEM_LABELS.get(system_id, system_id.replace("-", " "))
