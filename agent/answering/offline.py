"""The offline answerer: quotes the sentences of the best passages that answer the question, with citations.

It never writes a claim of its own. When the retrieved passages do not match the question well enough, it
says the knowledge base does not cover it instead of quoting something loosely related.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from agent.answering.coverage import assess_coverage
from agent.answering.sentences import split_sentences
from agent.profile.language import detect_language
from agent.retrieval.lexical import tokenize
from agent.retrieval.store import Hit, KnowledgeStore
from agent.schemas import Answer, Citation

if TYPE_CHECKING:
    from agent.llm import Usage

DISCLAIMER = (
    "General information from Roadmap Agent's knowledge base, not legal advice. "
    "Laws change: check the cited sources or a qualified adviser before you act."
)
_MAX_SENTENCES = 7
_PER_PASSAGE = 4
_PASSAGES = 4
_MAX_CACHED_SENTENCES = 20_000  # ~30 MB of 384-dim vectors; the whole knowledge base has fewer sentences
# Questions that ask for a number, a deadline or an amount favour sentences that contain one.
_WANTS_NUMBER = re.compile(
    r"\b(how (long|much|many|soon|quickly|fast)|when|deadline|fines?|penalt\w*|threshold\w*|days?|apply|applies|"
    r"cost|amount|limit|revenue|turnover)\b|\d"
)


@dataclass
class _Candidate:
    passage: int
    order: int
    text: str
    score: float = 0.0


class OfflineAnswerer:
    """Extractive, cited answers from the knowledge store."""

    def __init__(self, store: KnowledgeStore, k: int = 5) -> None:
        self._store = store
        self._k = k
        # Knowledge sentences recur across questions; embedding each once keeps a chat's answer turns fast.
        self._sentence_vectors: dict[str, np.ndarray] = {}

    def answer(
        self,
        question: str,
        jurisdictions: list[str] | None = None,
        *,
        usage: Usage | None = None,
        on_delta: Callable[[str], None] | None = None,
    ) -> Answer:
        """Answer a question from the knowledge base, or say it is not covered. on_delta is never called: an
        extractive answer is composed at once, and callers that stream send the finished text in pieces."""
        del usage, on_delta  # no model: nothing to count, nothing to stream
        hits = self._store.search(question, k=self._k, jurisdictions=jurisdictions)
        coverage = assess_coverage(question, hits)
        if not coverage.covered:
            language = detect_language(question)
            lead = None
            if language != "English" and not coverage.missing:  # say why it failed, and what will work
                lead = (
                    f"The offline engine reads compliance questions in English and could not match this {language} "
                    "question to its knowledge base: please ask it in English (with a language model configured, "
                    "questions in other languages work too)."
                )
            return _not_covered(question, jurisdictions, coverage.confidence, coverage.missing, hits, lead)
        text, citations = self._compose(question, hits[:_PASSAGES])
        return Answer(
            question=question,
            answer=text,
            citations=citations,
            covered=True,
            confidence=coverage.confidence,
            not_covered=coverage.missing,
            jurisdictions=jurisdictions or [],
            disclaimer=DISCLAIMER,
        )

    def _compose(self, question: str, hits: list[Hit]) -> tuple[str, list[Citation]]:
        candidates = [
            _Candidate(p, order, sentence)
            for p, hit in enumerate(hits)
            for order, sentence in enumerate(split_sentences(hit.text))
        ]
        self._score(question, candidates)
        chosen = _select(candidates)
        groups: dict[int, list[_Candidate]] = {}
        for cand in sorted(chosen, key=lambda c: (c.passage, c.order)):
            groups.setdefault(cand.passage, []).append(cand)
        citations: list[Citation] = []
        paragraphs = []
        # The passage that answers best leads, whatever its retrieval rank (an overview often ranks first).
        for passage, members in sorted(groups.items(), key=lambda group: -max(m.score for m in group[1])):
            citations.append(hits[passage].citation())
            number = len(citations)
            heading = _label(citations[-1])
            body = " ".join(m.text for m in members)
            paragraphs.append(f"**{heading}** [{number}]: {body}")
        return "\n\n".join(paragraphs), citations

    def _score(self, question: str, candidates: list[_Candidate]) -> None:
        if not candidates:
            return
        cache = self._sentence_vectors  # shared by the API's threads: read into a local dict, never re-read
        if len(cache) > _MAX_CACHED_SENTENCES:
            cache.clear()
        known = {c.text: cache.get(c.text) for c in candidates}
        missing = [text for text, vector in known.items() if vector is None]
        fresh = self._store.embedder.embed([question, *missing])
        for text, vector in zip(missing, fresh[1:], strict=True):
            known[text] = cache[text] = np.asarray(vector)
        dense = np.array([known[c.text] for c in candidates]) @ np.asarray(fresh[0])
        terms = set(tokenize(question))
        wants_number = bool(_WANTS_NUMBER.search(question.lower()))
        for cand, sim in zip(candidates, dense, strict=True):
            words = set(tokenize(cand.text))
            overlap = len(terms & words) / (len(terms) or 1)
            number_bonus = 0.1 if wants_number and re.search(r"\d", cand.text) else 0.0
            rank_prior = 0.08 * (len(candidates) and 1.0 / (1 + cand.passage))
            cand.score = 0.55 * float(sim) + 0.35 * overlap + number_bonus + rank_prior


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    ranked = sorted(candidates, key=lambda c: -c.score)
    if not ranked:
        return []
    # The passage holding the best sentence is the answer's core: quote its best four sentences whatever
    # their score (a section's sentences complete each other); other passages must clear the floor.
    core = [c for c in ranked if c.passage == ranked[0].passage][:4]
    floor = ranked[0].score * 0.6
    chosen: list[_Candidate] = list(core)
    per_passage: dict[int, int] = {ranked[0].passage: len(core)}
    for cand in ranked:
        if len(chosen) >= _MAX_SENTENCES or cand.score < floor:
            break
        if cand in chosen or per_passage.get(cand.passage, 0) >= _PER_PASSAGE:
            continue
        per_passage[cand.passage] = per_passage.get(cand.passage, 0) + 1
        chosen.append(cand)
    return chosen


def _label(citation: Citation) -> str:
    section = citation.section
    return f"{citation.title} - {section}" if section and section != "Overview" else citation.title


def _not_covered(
    question: str,
    jurisdictions: list[str] | None,
    confidence: float,
    missing: list[str],
    hits: list[Hit],
    lead: str | None = None,
) -> Answer:
    scope = f" for {', '.join(jurisdictions)}" if jurisdictions else ""
    named = f" It has no document on {', '.join(missing)}." if missing else ""
    lead = lead or f"Roadmap Agent's knowledge base does not cover this question{scope}, so it will not guess.{named}"
    text = (
        f"{lead} "
        "It covers data protection and AI rules for small businesses (GDPR, UK GDPR, EU AI Act, CCPA/CPRA, "
        "other US state laws, HIPAA, PIPEDA, NIST AI RMF, ISO/IEC 42001) and AI roadmap guidance."
    )
    related = list(dict.fromkeys(_label(h.citation()) for h in hits[:3] if (h.similarity or 0) > 0.25))
    if related:
        text += " Closest topics it does cover: " + "; ".join(related) + "."
    return Answer(
        question=question,
        answer=text,
        citations=[],
        covered=False,
        confidence=confidence,
        not_covered=missing or [question],
        jurisdictions=jurisdictions or [],
        disclaimer=DISCLAIMER,
    )
