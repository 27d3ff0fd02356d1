"""Which retrieved sections answer the question, and whether any does: the topic, the place and the law must
match, not just the wording. A confidence that tracks how often such an answer is right."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from agent.answering.compose import Section, facet_bonus
from agent.answering.heading_places import heading_place_penalty
from agent.answering.question import ReadQuestion, answer_kind, mentions
from agent.profile.jurisdictions import own_laws
from agent.retrieval.documents import LAW_KINDS
from agent.retrieval.lexical import tokenize
from agent.retrieval.places import place_codes

# Calibrated on evals/datasets/ask with all-MiniLM-L6-v2 over the full knowledge base (see coverage.py's
# history): a section answers when its similarity plus a quarter of the share of the question's key terms it
# contains clears 0.44, and its similarity is at least 0.30.
MIN_SIMILARITY = 0.30
MIN_SCORE = 0.44
TERM_WEIGHT = 0.25
PLACE_LAYER = 0.06  # the named place's own layer before the framework's general rule, when they are about as close
# Laws and places people ask about that the knowledge base has no document on.
UNCOVERED = {
    r"\blgpd\b|\bbrazil": "Brazil's LGPD",
    r"\bpipl\b|\bchina|\bchinese": "China's PIPL",
    r"\bdpdp\b|\bindia": "India's DPDP Act",
    r"\bjapan|\bappi\b": "Japan's APPI",
    r"\bsingapore|\bpdpa\b": "Singapore's PDPA",
    r"\bswitzerland|\bswiss|\bfadp\b": "Swiss FADP",
    r"\bsouth africa|\bpopia\b": "South Africa's POPIA",
    r"\bkorea": "Korean privacy law",
}
Similarity = Callable[[str, int], float]
_KIND_HEADINGS = {
    "applicability": re.compile(r"\b(who|covers?|appl(y|ies)|scope|thresholds?|exempt\w*|outside)\b"),
    "deadline": re.compile(r"\b(deadlines?|within|days|hours|months?|timeline|when)\b"),
    "amount": re.compile(r"\b(fines?|penalt\w*|damages|enforcement)\b"),
}
# "What does the law require?", "what rules apply?": a question about a law as a whole.
_BROAD = re.compile(
    r"\bwhat (does|do|must|rules?|are the rules|is required|would we)\b.*\b(require|apply|owe|do)\b|"
    r"\bwhat rules apply\b|\brequirements?\b"
)
_QUESTION_WORDS = {
    "is",
    "does",
    "do",
    "did",
    "what",
    "how",
    "under",
    "the",
    "a",
    "an",
    "our",
    "my",
    "can",
    "will",
    "would",
    "which",
    "if",
    "when",
    "why",
    "should",
    "and",
    "has",
    "have",
    "are",
    "with",
    "per",
}


@dataclass
class Verdict:
    """Whether the sections answer the question, how sure we are, what is missing, and the sections to use."""

    covered: bool
    confidence: float
    missing: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


def score_sections(read: ReadQuestion, sections: list[Section], similarity: Similarity) -> None:
    """Score every sentence (meaning, shared terms, facets) and every section (as a unit for this question, and
    for each of its facets). similarity(text, n) compares with the question (n=0) or its facet n-1."""
    terms = read.terms or frozenset({""})
    facet_terms = [frozenset(tokenize(f)) or frozenset({""}) for f in read.facets]
    facet_kinds = [answer_kind(f) for f in read.facets]
    layered = frozenset(str(s.hit.metadata["place"]) for s in sections if s.hit.metadata.get("place"))
    for section in sections:
        for sentence in section.sentences:
            words = set(tokenize(sentence.text))
            shared = len(terms & words) / len(terms)
            sentence.score = 0.55 * similarity(sentence.text, 0) + 0.35 * shared + facet_bonus(read, sentence.text)
            sentence.facet_scores = [
                0.6 * similarity(sentence.text, n + 1)
                + 0.4 * len(ft & words) / len(ft)
                + facet_bonus(read, sentence.text, kind)
                for n, (ft, kind) in enumerate(zip(facet_terms, facet_kinds, strict=True))
            ]
        section.facet_scores = [
            _mean_top([s.facet_scores[n] for s in section.sentences]) for n in range(len(read.facets))
        ]
        unit = _mean_top([s.score for s in section.sentences], 3)
        section.score = 0.5 * _similarity(section) + 0.3 * _term_share(read, section) + 0.3 * unit
        section.score += (
            _law_and_place(read, section)
            + _activity(read, section)
            + _unit_kind(read, section)
            + _answers_kind(read, section)
            + _heading_place(read, section)
            + _place_layer(read, section, layered)
        )


def judge(read: ReadQuestion, sections: list[Section], knows_phrase: Callable[[str], bool]) -> Verdict:
    """Covered only when a section on the question's topic, law and place clears the similarity bar."""
    missing = _missing_laws(read, knows_phrase)
    candidates = [s for s in sections if _right_place(read, s)]
    if read.obligation:  # "must we..." is answered by the law, not by an example plan, when the law has an answer
        laws = [s for s in candidates if s.hit.metadata.get("kind") in LAW_KINDS]
        candidates = laws or candidates
    strict = [a for a in read.activities if a.strict]
    on_topic = [s for s in candidates if all(mentions(a, _full_text(s)) for a in strict)]
    ranked = sorted(on_topic, key=lambda s: -s.score)
    answering = [s for s in ranked if _clears_bar(read, s)]
    if not answering:
        if strict and not missing and not ranked:
            missing = [f"{a.id.replace('-', ' ')} for this place" for a in strict]
        return Verdict(False, _not_covered_confidence(sections), missing, ranked)
    best = answering[0]  # the best-scoring section that is itself close enough to the question
    ranked = [best, *[s for s in ranked if s is not best and _same_law(read, best, s)]]
    ranked = _layer_second(read, ranked)
    confidence = _confidence(read, best, _similarity(best), _term_share(read, best))
    if missing:
        return Verdict(False, min(confidence, 0.3), missing, ranked)
    return Verdict(True, confidence, missing, ranked)


def _layer_second(read: ReadQuestion, ranked: list[Section]) -> list[Section]:
    """When a framework's own paragraph on the asked place leads, that place's layer follows it, so the answer
    cites the layer (who enforces, what the place adds) beside the rule."""
    if not read.places or not ranked or ranked[0].hit.metadata.get("place"):
        return ranked
    layer = next((s for s in ranked[1:] if s.hit.metadata.get("place") in read.places), None)
    if layer is None:
        return ranked
    return [ranked[0], layer, *[s for s in ranked[1:] if s is not layer]]


def _clears_bar(read: ReadQuestion, section: Section) -> bool:
    """Close enough in meaning, and sharing the question's topic words: a place's name alone ("the capital of
    France" and France's page) does not make a section an answer."""
    similarity = _similarity(section)
    topic = replace(read, terms=read.terms - read.place_terms) if read.place_terms else read
    return similarity >= MIN_SIMILARITY and similarity + TERM_WEIGHT * _term_share(topic, section) >= MIN_SCORE


def _mean_top(values: list[float], n: int = 2) -> float:
    top = sorted(values, reverse=True)[:n]
    return sum(top) / len(top) if top else 0.0


def _missing_laws(read: ReadQuestion, knows_phrase: Callable[[str], bool]) -> list[str]:
    lower = read.text.lower()
    missing = [name for pattern, name in UNCOVERED.items() if re.search(pattern, lower)]
    if not missing and read.obligation and not read.named_laws:
        missing = [f"the law of {place}" for place in read.places_without_law]
    for title in read.titled_laws:
        named = title.split()
        while named and named[0].lower() in _QUESTION_WORDS:  # "Does the EU AI Act" names "EU AI Act"
            named = named[1:]
        words = re.sub(r"[^a-z0-9]+", " ", " ".join(named).lower()).split()
        core = " ".join(w for w in words if not re.fullmatch(r"(19|20)\d\d", w))
        if core.count(" ") >= 1 and not knows_phrase(re.sub(r" of$", "", core)):
            missing.append(" ".join(named))
    return list(dict.fromkeys(missing))


def _right_place(read: ReadQuestion, section: Section) -> bool:
    """A held place's question is answered by that place's law (or guidance that holds everywhere), or by its
    own place layer; another place's layer never answers it."""
    layer = section.hit.metadata.get("place")
    if layer and read.places:
        return layer in read.places
    if not read.place_laws:
        return True
    laws = _laws(section)
    return not laws or bool(laws & (read.place_laws | read.named_laws | {"global"}))


def _same_law(read: ReadQuestion, best: Section, other: Section) -> bool:
    """A supporting section is on a law the question names or is placed under, or on the best section's law."""
    if best.hit.metadata.get("kind") in LAW_KINDS and other.hit.metadata.get("kind") not in LAW_KINDS:
        return False  # an answer on law is not padded with an example plan
    laws = _laws(other)
    if read.named_laws:  # "under the AI Act": general guidance does not join an answer on a named law
        return bool(laws & (read.named_laws | _laws(best)))
    return not laws or bool(laws & (read.place_laws | _laws(best)))


def _answers_kind(read: ReadQuestion, section: Section) -> float:
    """A unit whose heading promises the kind of answer asked for: who a law covers, a deadline, the fines."""
    pattern = _KIND_HEADINGS.get(read.kind)
    return 0.05 if pattern and pattern.search(str(section.hit.metadata["section"]).lower()) else 0.0


def _unit_kind(read: ReadQuestion, section: Section) -> float:
    """A document's introduction or a worked example illustrates; the rule's own section answers; a summary
    unit ("... in short") answers a broad "what does it require?" best."""
    heading = str(section.hit.metadata["section"]).lower()
    if heading == "overview" or heading.startswith("example"):
        return -0.05
    if "in short" in heading:  # a summary is an overview: it leads only for a question about the whole law
        return 0.15 if _BROAD.search(read.text.lower()) else -0.05
    return 0.0


def _law_and_place(read: ReadQuestion, section: Section) -> float:
    laws = _laws(section)
    layer = section.hit.metadata.get("place")
    # a place layer adds to the law a question names; it is that law's answer only for the place asked about
    names_it = bool(read.named_laws & laws) and (not layer or layer in read.places)
    bonus = 0.08 if names_it else 0.0
    if read.place_laws and laws & read.place_laws:  # the place's own law before guidance that holds anywhere
        bonus += 0.06
    if read.obligation and section.hit.metadata.get("kind") in LAW_KINDS:
        bonus += 0.04
    return bonus


def _heading_place(read: ReadQuestion, section: Section) -> float:
    """A section headed with another place steps back; one headed with the place asked about steps forward, unless
    it is that place's layer (which _place_layer already weighs)."""
    weight = heading_place_penalty(read.places, str(section.hit.metadata["section"]))
    return 0.0 if weight > 0 and section.hit.metadata.get("place") else weight


def _place_layer(read: ReadQuestion, section: Section, layered: frozenset[str]) -> float:
    """A place layer section answers for its own place: first when the question names that place, behind the
    frameworks when it names another, and ahead for the business's own place when the question names none. The
    document of a law of the named place alone (California's Delete Act) is that place's rule as much as its
    layer; a framework's paragraph on a place whose layer is among the candidates restates the layer."""
    layer = section.hit.metadata.get("place")
    if not layer:
        laws = _laws(section)
        if laws and read.places and laws <= own_laws(read.places):
            return PLACE_LAYER
        about = place_codes(str(section.hit.metadata["section"])) & read.places & layered
        return -PLACE_LAYER if about else 0.0
    if read.places:
        return PLACE_LAYER if layer in read.places else -PLACE_LAYER
    return PLACE_LAYER / 2 if layer in read.home else -PLACE_LAYER / 2


def _activity(read: ReadQuestion, section: Section) -> float:
    text = _full_text(section)
    return sum(0.05 if mentions(a, text) else -0.05 for a in read.activities)


def _confidence(read: ReadQuestion, best: Section, similarity: float, share: float) -> float:
    base = 0.6 * similarity / 0.7 + 0.4 * share
    if read.named_laws and read.named_laws & _laws(best):
        base += 0.08
    text = _full_text(best)
    base -= 0.08 * sum(not mentions(a, text) for a in read.activities)
    return round(max(0.0, min(1.0, base)), 3)


def _not_covered_confidence(sections: list[Section]) -> float:
    best = max((_similarity(s) for s in sections), default=0.0)
    return round(max(0.0, min(0.3, best * 0.4)), 3)


def _similarity(section: Section) -> float:
    return float(section.hit.similarity or 0.0)


def _term_share(read: ReadQuestion, section: Section) -> float:
    if not read.terms:
        return 0.0
    return len(read.terms & set(tokenize(_full_text(section)))) / len(read.terms)


def _full_text(section: Section) -> str:
    meta = section.hit.metadata
    return f"{meta['title']} {meta['section']} {section.hit.text}"


def _laws(section: Section) -> set[str]:
    return {key[2:] for key, value in section.hit.metadata.items() if key.startswith("j_") and value} - {"global"}
