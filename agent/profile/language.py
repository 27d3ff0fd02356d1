"""Which language the owner writes in, from common short words; the model-tailored draft is written in it."""

from __future__ import annotations

import re

# Frequent short words that are distinctive for each language (articles, pronouns, prepositions).
_MARKERS = {
    "English": {"the", "and", "we", "our", "with", "are", "is", "to", "of", "for"},
    "German": {"wir", "und", "der", "die", "das", "mit", "ist", "sind", "eine", "nicht", "zu", "für"},
    "French": {"nous", "et", "le", "la", "les", "avec", "est", "sommes", "une", "des", "pour", "trop"},
    "Spanish": {"somos", "y", "el", "los", "las", "con", "es", "una", "para", "queremos", "muy", "más"},
    "Italian": {"siamo", "e", "il", "gli", "con", "è", "una", "per", "vogliamo", "troppe", "troppo", "di"},
    "Dutch": {"wij", "we", "en", "het", "een", "met", "zijn", "voor", "niet", "onze", "te"},
}


def detect_language(text: str) -> str:
    """The language whose marker words occur most often; English when the text is empty or it is a tie."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    counts = {language: sum(word in markers for word in words) for language, markers in _MARKERS.items()}
    best = max(counts, key=lambda language: counts[language])
    return best if counts[best] > counts["English"] else "English"
