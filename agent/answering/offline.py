"""The offline answerer: reads the question, finds the knowledge sections that answer it, and composes a short
cited answer from them.

It never writes a claim of its own beyond a direct opening built from a cited sentence. When no section on the
question's topic, place and law matches well enough, it says the knowledge base does not cover it and names
what it does hold, instead of quoting something loosely related.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from agent.answering.compose import Section, as_section, compose
from agent.answering.heading_places import most_specific
from agent.answering.law_titles import describes_held_law, names_held_law
from agent.answering.question import ReadQuestion, read_question
from agent.answering.relevance import Similarity, Verdict, judge, score_sections
from agent.answering.scope import held_laws
from agent.answering.vectors import load_vectors
from agent.profile.language import detect_language
from agent.retrieval.lexical import expand_query
from agent.retrieval.places import place_codes
from agent.retrieval.store import KnowledgeStore
from agent.schemas import Answer, Citation

if TYPE_CHECKING:
    from agent.llm import Usage

DISCLAIMER = (
    "General information from Roadmap Agent's knowledge base, not legal advice. "
    "Laws change: check the cited sources or a qualified adviser before you act."
)
_SECTIONS = 8  # sections considered as answer units: the right one is nearly always among them
_PER_FACET = 3
_OWN_WORDS = 4  # a part's own words search alone from this length ("does GDPR apply to us" does)
_LAYER_TOPICS = 6  # topics of a place's layer named in a "not covered" answer
_MAX_CACHED_SENTENCES = 20_000  # ~30 MB of 384-dim vectors; the whole knowledge base has fewer sentences


class OfflineAnswerer:
    """Cited answers composed from whole knowledge sections, or an honest 'not covered'."""

    def __init__(self, store: KnowledgeStore, k: int = 5) -> None:
        self._store = store
        self._k = max(k, _SECTIONS)
        # Knowledge sentences recur across questions: their vectors come from the index (built at ingest), and
        # any sentence missing there is embedded once and kept.
        self._vectors: dict[str, np.ndarray] | None = None

    def answer(
        self,
        question: str,
        jurisdictions: list[str] | None = None,
        *,
        usage: Usage | None = None,
        on_delta: Callable[[str], None] | None = None,
        places: list[str] | None = None,
    ) -> Answer:
        """Answer a question from the knowledge base, or say it is not covered. on_delta is never called: the
        answer is composed at once, and callers that stream send the finished text in pieces. places: where the
        business is ('DE', 'US-VA'), whose place layer leads when the question names no place."""
        del usage, on_delta  # no model: nothing to count, nothing to stream
        read = read_question(question)
        read = replace(read, home=read.home | frozenset(places or ()))
        verdict = self.assess(read, jurisdictions)
        if not verdict.covered:
            language = detect_language(question)
            lead = None
            if language != "English" and not verdict.missing:  # say why it failed, and what will work
                lead = (
                    f"The offline engine reads compliance questions in English and could not match this {language} "
                    "question to its knowledge base: please ask it in English (with a language model configured, "
                    "questions in other languages work too)."
                )
            held = held_laws(self._store.law_ids()) + self._layer_note(read)
            return _not_covered(question, jurisdictions, verdict, held, lead)
        text, citations = compose(read, verdict.sections)
        return Answer(
            question=question,
            answer=text,
            citations=citations,
            covered=True,
            confidence=verdict.confidence,
            not_covered=verdict.missing,
            jurisdictions=jurisdictions or [],
            disclaimer=DISCLAIMER,
        )

    def assess(self, read: ReadQuestion, jurisdictions: list[str] | None = None) -> Verdict:
        """Retrieve sections for the question, score them as answer units and judge whether one answers it."""
        hits = self._store.search(read.text, k=self._k, jurisdictions=jurisdictions, places=read.home)
        seen = {hit.chunk_id for hit in hits}
        for facet, laws, own in zip(read.facets, read.facet_laws, read.facet_asks, strict=True):
            # "... and how does it interact with GDPR?": that part is answered from the law it names
            where = jurisdictions or sorted(laws) or None
            # each part finds its own unit, with the owner's scene and by its own words (a long scene naming
            # places can drown "do we need an EU representative?")
            found = self._store.search(facet, k=_PER_FACET, jurisdictions=where)
            if own != facet and len(own.split()) >= _OWN_WORDS:
                found += self._store.search(own, k=_PER_FACET, jurisdictions=where, places=read.home)
            for hit in found:
                if hit.chunk_id not in seen:
                    seen.add(hit.chunk_id)
                    hit.similarity = None  # measured against the whole question below, like the others
                    hits.append(hit)
        sections = [as_section(hit) for hit in hits]
        similarity = self._similarities([read.text, *read.facets], sections)
        score_sections(read, sections, similarity)
        return judge(read, sections, self._knows_law)

    def _layer_note(self, read: ReadQuestion) -> str:
        """What the knowledge base does hold for the place the question names: its layer's topics, cited."""
        layers = self._store.place_layers()
        notes = []
        for code in sorted(most_specific(read.places)):
            headings = self._store.layer_headings(code) if code in layers else []
            if headings:
                place = headings[0].split(":")[0] if ":" in headings[0] else code
                topics = "; ".join(_topic(h) for h in headings[:_LAYER_TOPICS])
                notes.append(f"for {place} ({layers[code]}): {topics}")
        return "; and " + "; ".join(notes) if notes else ""

    def _knows_law(self, phrase: str) -> bool:
        """A law named in the question is held when the knowledge base uses the phrase or titles a law so. A law
        named with a place the knowledge base has a layer for ("the Ohio privacy act") is held only when a law
        title or that place's layer names it: a word found anywhere else does not make the law exist there."""
        layers = self._store.place_layers()
        placed = [code for code in most_specific(place_codes(phrase)) if code in layers]
        if placed:
            names = self._store.law_titles().union(*(self._store.place_law_names(code) for code in placed))
            statutes = set().union(*(self._store.place_statutes(code) for code in placed))
            place_words = [h.split(":")[0] for code in placed for h in self._store.layer_headings(code)[:1]]
            return names_held_law(phrase, names) or describes_held_law(phrase, place_words, statutes)
        return self._store.mentions(phrase) or names_held_law(phrase, self._store.law_titles())

    def _similarities(self, queries: list[str], sections: list[Section]) -> Similarity:
        if self._vectors is None:
            self._vectors = load_vectors(self._store.index_dir)
        cache = self._vectors  # shared by the API's threads: read into a local dict, never re-read
        if len(cache) > _MAX_CACHED_SENTENCES:
            cache.clear()
        texts = [s.text for section in sections for s in section.sentences]
        known: dict[str, np.ndarray] = {}
        for text in texts:
            vector = cache.get(text)
            if vector is not None:
                known[text] = vector
        missing = [text for text in dict.fromkeys(texts) if text not in known]
        if missing:
            for text, embedded in zip(missing, self._store.embedder.embed(missing), strict=True):
                known[text] = cache[text] = np.asarray(embedded, dtype=np.float32)
        # the texts search embedded (with the knowledge base's own terms added), so each is embedded once
        asked = [np.asarray(self._store.embed_query(expand_query(q)), dtype=np.float32) for q in queries]
        for section in sections:
            if section.hit.similarity is None:  # found by words or by one part only: its best sentence's meaning
                sims = [float(known[s.text] @ asked[0]) for s in section.sentences]
                section.hit.similarity = max(sims, default=0.0)
        return lambda text, n: float(known[text] @ asked[n])


def _topic(heading: str) -> str:
    """'Ohio: breach notification (Ohio Rev. Code § 1349.19)' -> 'breach notification'."""
    topic = heading.split(":", 1)[1] if ":" in heading else heading
    return re.sub(r"\s*\([^()]*(?:\([^()]*\)[^()]*)*\)\s*$", "", topic).strip()


def _label(citation: Citation) -> str:
    section = citation.section
    return f"{citation.title} - {section}" if section and section != "Overview" else citation.title


def _not_covered(
    question: str, jurisdictions: list[str] | None, verdict: Verdict, held: str, lead: str | None = None
) -> Answer:
    scope = f" for {', '.join(jurisdictions)}" if jurisdictions else ""
    missing = verdict.missing
    named = f" It has no document on {', '.join(missing)}." if missing else ""
    lead = lead or f"Roadmap Agent's knowledge base does not cover this question{scope}, so it will not guess.{named}"
    text = f"{lead} It holds: {held}; and AI roadmap guidance."
    related = list(dict.fromkeys(_label(s.hit.citation()) for s in verdict.sections[:2]))
    if related and not missing:
        text += " Closest topics it does cover: " + "; ".join(related) + "."
    return Answer(
        question=question,
        answer=text,
        citations=[],
        covered=False,
        confidence=verdict.confidence,
        not_covered=missing or [question],
        jurisdictions=jurisdictions or [],
        disclaimer=DISCLAIMER,
    )
