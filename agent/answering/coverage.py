"""Deciding whether the retrieved passages actually answer a question, or the knowledge base is silent."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agent.retrieval.laws import asks_about_obligation, named_jurisdictions
from agent.retrieval.lexical import tokenize
from agent.retrieval.places import uncovered_places
from agent.retrieval.store import Hit

# Laws and places people ask about that the knowledge base has no document on: say so rather than answer
# from a neighbouring law.
_UNCOVERED = {
    r"\blgpd\b|\bbrazil": "Brazil's LGPD",
    r"\bpipl\b|\bchina|\bchinese": "China's PIPL",
    r"\bdpdp\b|\bindia": "India's DPDP Act",
    r"\bjapan|\bappi\b": "Japan's APPI",
    r"\bsingapore|\bpdpa\b": "Singapore's PDPA",
    r"\bswitzerland|\bswiss|\bfadp\b": "Swiss FADP",
    r"\bsouth africa|\bpopia\b": "South Africa's POPIA",
    r"\bkorea": "Korean privacy law",
}
# Calibrated on evals/datasets/ask (56 answerable questions vs off_topic.yaml) with all-MiniLM-L6-v2 over the
# full knowledge base: a passage answers when its cosine similarity plus a quarter of the share of the question's
# key terms that passage itself contains clears 0.44, and the best similarity is at least 0.30. Answerable
# questions scored at least 0.46 on this measure and off-topic ones at most 0.40. Scoring each passage on its
# own matters: a union of terms over several long passages covers almost any question by chance.
MIN_SIMILARITY = 0.30
MIN_SCORE = 0.44
TERM_WEIGHT = 0.25


@dataclass
class Coverage:
    """How well the hits cover the question."""

    covered: bool
    confidence: float
    missing: list[str] = field(default_factory=list)


def assess_coverage(question: str, hits: list[Hit]) -> Coverage:
    """Covered when the best passage is semantically close and shares most of the question's key terms."""
    missing = [name for pattern, name in _UNCOVERED.items() if re.search(pattern, question.lower())]
    # "Do we need consent for our shop in Zurich?": a legal question about a place whose law we do not hold.
    if not missing and asks_about_obligation(question) and not named_jurisdictions(question):
        missing = [f"the law of {country}" for country in uncovered_places(question)]
    if not hits:
        return Coverage(False, 0.0, missing)
    terms = set(tokenize(question))
    best_similarity = max((h.similarity or 0.0) for h in hits)
    best_score, best_terms = 0.0, 0.0
    for hit in hits:
        found = terms & set(tokenize(f"{hit.metadata['title']} {hit.metadata['section']} {hit.text}"))
        share = len(found) / len(terms) if terms else 0.0
        score = (hit.similarity or 0.0) + TERM_WEIGHT * share
        if score > best_score:
            best_score, best_terms = score, share
    confidence = round(max(0.0, min(1.0, 0.6 * best_similarity / 0.7 + 0.4 * best_terms)), 3)
    matches = best_similarity >= MIN_SIMILARITY and best_score >= MIN_SCORE
    # A question about a law the knowledge base has no document on is not covered, however close the
    # neighbouring law's passages look: answering GDPR for an LGPD question would be a guess.
    covered = matches and not missing
    return Coverage(covered, confidence, missing)
