"""Composing a short, complete answer from whole knowledge sections: a direct first line, then the rule, its
exceptions, the figures and what to do next, every paragraph cited, within a length budget.

Sentences are chosen to cover the question's facets (its key terms, the figure it asks for, the conditions
and exceptions), not by similarity alone, and keep their order inside each section.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from agent.answering.question import AnswerKind, ReadQuestion
from agent.answering.sentences import split_sentences
from agent.retrieval.lexical import tokenize
from agent.retrieval.store import Hit
from agent.schemas import Citation

BUDGET = 1700  # characters of answer body a small-business owner reads at once
_SECOND_SHARE = 0.82  # a runner-up section joins when it scores at least this share of the best one
_MAX_SECTIONS = 3
_RUNNER_UP_FLOOR = 0.85
_TIE, _TIE_FLOOR = 0.95, 0.75
_LAYER_FLOOR = 0.6  # the asked place's layer behind a framework's paragraph on it: what the place itself adds
_FIGURES = 3  # figure sentences brought in when the picked ones give none: a range or tiers take several
_LEAD_SHARE = 0.7  # of the budget, for the best section when others join it
_NEXT_STEP = re.compile(r"\b(should do next|next step)", re.I)
_DEADLINE = re.compile(
    r"\b\d+\s*(?:calendar |business |working )?(?:hours?|days?|months?|years?)\b|without undue delay|one month|"
    r"two further months|\b\d{1,2} \w+ 20\d\d\b|\b\w+ \d{1,2}, 20\d\d\b"
)
_AMOUNT = re.compile(r"(?:€|\$|£|\b(?:eur|usd|gbp|cad)\s?)\d|\d\s?%|\b\d[\d,.]*\s*(?:million|percent)\b", re.I)
_HEADCOUNT = re.compile(r"\b\d[\d,]*\s+(?:or more |or fewer |full-time )*(?:employees|staff|workers|people)\b")
_THRESHOLD_BONUS = 0.1
_CONDITION = re.compile(r"\b(unless|except|exempt\w*|only (?:if|when|with|where)|even then|provided|does not apply)\b")
_NO = re.compile(r"\b(prohibited|banned|not allowed|must not|may not|cannot|is not allowed|never)\b")
_YES = re.compile(r"\b(must|have to|has to|needs? to|required|requires|obliged)\b")


@dataclass
class Sentence:
    """One quotable sentence of a section, with its place and how well it serves the question."""

    order: int
    text: str
    score: float = 0.0
    facet_scores: list[float] = field(default_factory=list)


@dataclass
class Section:
    """A retrieved section as an answer unit: its sentences, and its relevance to the question."""

    hit: Hit
    sentences: list[Sentence]
    score: float = 0.0
    facet_scores: list[float] = field(default_factory=list)

    @property
    def heading(self) -> str:
        """The section heading, or the document title for an overview."""
        section = str(self.hit.metadata["section"])
        return section if section and section != "Overview" else str(self.hit.metadata["title"])


def as_section(hit: Hit) -> Section:
    """A hit split into quotable sentences."""
    return Section(hit, [Sentence(n, s) for n, s in enumerate(split_sentences(hit.text))])


def facet_bonus(read: ReadQuestion, text: str, kind: AnswerKind | None = None) -> float:
    """What a sentence adds beyond similarity: the figure the question (or one part of it, of the given kind)
    asks for, or a condition on the rule."""
    lower = text.lower()
    kind = kind or read.kind
    bonus = 0.0
    if kind == "deadline" and _DEADLINE.search(lower):
        bonus += 0.15
    if kind == "amount" and _AMOUNT.search(text):
        bonus += 0.15
    if _CONDITION.search(lower):
        bonus += 0.05
    if read.states_size and (_AMOUNT.search(text) or _HEADCOUNT.search(lower)):  # the threshold to compare with
        bonus += _THRESHOLD_BONUS
    return bonus


def compose(read: ReadQuestion, sections: list[Section], budget: int = BUDGET) -> tuple[str, list[Citation]]:
    """The answer text and its citations, from the best section and the sections that answer the question's
    other parts (each of its facets, or what the best one leaves out)."""
    picked = _with_figure(read, _pick_sentences(read, _choose_sections(read, sections), budget), sections)
    lead = _lead_sentence(read, picked)
    citations: list[Citation] = []
    paragraphs: list[str] = []
    for section, sentences in picked:
        body = [s for s in sentences if s is not lead]
        citations.append(section.hit.citation())
        number = len(citations)
        if lead is not None and lead in sentences:
            paragraphs.insert(0, f"**{_lead_label(read, lead.text)}** [{number}]: {lead.text}")
        if body:
            paragraphs.append(f"**{section.heading}** [{number}]: {' '.join(s.text for s in body)}")
    return "\n\n".join(paragraphs), citations


def _choose_sections(read: ReadQuestion, sections: list[Section]) -> list[tuple[Section, int | None]]:
    """The best section, then the best one for each facet it answers less well, then close runners-up; each
    with the facet it serves (None: the whole question)."""
    ranked = sorted(sections, key=lambda s: -s.score)
    if not ranked:
        return []
    best = ranked[0]
    chosen: list[tuple[Section, int | None]] = [(best, None)]
    taken = {best.hit.chunk_id}
    for facet in range(len(read.facets)):
        laws = read.facet_laws[facet]  # a part that names a law is answered from that law's sections
        # the best unit for this part among those not yet in the answer: the lead unit competes through 'better'
        eligible = [s for s in ranked if (not laws or laws & _laws(s)) and s.hit.chunk_id not in taken]
        if not eligible:
            continue
        top = max(eligible, key=lambda s: s.score + s.facet_scores[facet])
        off_law = bool(laws) and not laws & _laws(best)
        better = top.facet_scores[facet] > best.facet_scores[facet] + 0.02
        if top.hit.chunk_id not in taken and (better or off_law):
            chosen.append((top, facet))
            taken.add(top.hit.chunk_id)
    for section in ranked[1:3]:
        if len(chosen) >= _MAX_SECTIONS:
            break
        if section.score >= best.score * _SECOND_SHARE and section.hit.chunk_id not in taken:
            chosen.append((section, None))
            taken.add(section.hit.chunk_id)
    return chosen[:_MAX_SECTIONS]


def _has_figure(read: ReadQuestion, text: str) -> bool:
    """Whether text gives the kind of figure the question asks for (a deadline, an amount)."""
    if read.kind == "deadline":
        return bool(_DEADLINE.search(text.lower()))
    return read.kind == "amount" and bool(_AMOUNT.search(text))


def _with_figure(
    read: ReadQuestion, picked: list[tuple[Section, list[Sentence]]], sections: list[Section]
) -> list[tuple[Section, list[Sentence]]]:
    """A deadline or amount question gets its figure: when no picked sentence gives one, the best sentence that
    does (from the answering sections, the best units first) joins the answer."""
    if read.kind not in ("deadline", "amount") or not picked:
        return picked
    if any(_has_figure(read, s.text) for _, sentences in picked for s in sentences):
        return picked
    candidates = [(sec, s) for sec in sections for s in sec.sentences if _has_figure(read, s.text)]
    if not candidates:
        return picked
    section = max(candidates, key=lambda pair: pair[0].score + pair[1].score)[0]
    figures = sorted((s for sec, s in candidates if sec is section), key=lambda s: -s.score)[:_FIGURES]
    for n, (held, sentences) in enumerate(picked):
        if held is section:
            extra = [f for f in figures if all(f is not s for s in sentences)]
            picked[n] = (held, sorted([*sentences, *extra], key=lambda s: s.order))
            return picked
    return [*picked, (section, sorted(figures, key=lambda s: s.order))]


def _laws(section: Section) -> set[str]:
    return {key[2:] for key, value in section.hit.metadata.items() if key.startswith("j_") and value}


def _pick_sentences(
    read: ReadQuestion, sections: list[tuple[Section, int | None]], budget: int
) -> list[tuple[Section, list[Sentence]]]:
    """Whole first section when it fits; from the others, the sentences that serve their facet or add new
    question terms or figures."""
    picked: list[tuple[Section, list[Sentence]]] = []
    used = 0
    covered_terms: set[str] = set()
    for rank, (section, facet) in enumerate(sections):
        room = budget - used
        if room < 120:
            break
        if rank == 0:  # the best section leads; it leaves room for the others when there are any
            keep = _fit(section.sentences, room if len(sections) == 1 else max(int(room * _LEAD_SHARE), 600))
        elif facet is not None:
            keep = _fit(section.sentences, room, limit=4, key=_facet_key(facet))
        else:  # a runner-up adds only sentences about as good as the best section's best ones
            tie = section.score >= _TIE * sections[0][0].score  # as good a unit as the best: more of it
            best_sentence = max((s.score for s in sections[0][0].sentences), default=0.0)
            layer = not tie and _asked_layer(read, section, sections[0][0])
            floor = (_TIE_FLOOR if tie else _LAYER_FLOOR if layer else _RUNNER_UP_FLOOR) * best_sentence
            useful = [s for s in section.sentences if s.score >= floor and (layer or _adds(read, s, covered_terms))]
            keep = _fit(useful, room, limit=4 if tie else 2)
        if keep:
            picked.append((section, keep))
            used += sum(len(s.text) + 1 for s in keep) + len(section.heading) + 8
            for s in keep:
                covered_terms |= set(tokenize(s.text))
    return picked


def _asked_layer(read: ReadQuestion, section: Section, lead: Section) -> bool:
    """The asked place's own layer behind a framework's paragraph on that place: it says what the place adds."""
    place = section.hit.metadata.get("place")
    return bool(place and place in read.places and not lead.hit.metadata.get("place"))


def _fit(
    sentences: list[Sentence], room: int, limit: int = 99, key: Callable[[Sentence], float] | None = None
) -> list[Sentence]:
    """The best sentences (by key, else score) that fit in room, back in their original order."""
    if sum(len(s.text) + 1 for s in sentences) <= room and len(sentences) <= limit:
        return list(sentences)
    keep: list[Sentence] = []
    used = 0
    for sentence in sorted(sentences, key=lambda s: -(key(s) if key else s.score)):
        if len(keep) >= limit:
            break
        if used + len(sentence.text) + 1 <= room:
            keep.append(sentence)
            used += len(sentence.text) + 1
    return sorted(keep, key=lambda s: s.order)


def _facet_key(facet: int) -> Callable[[Sentence], float]:
    """A sentence serves its facet when it matches that part and the question as a whole."""
    return lambda sentence: sentence.facet_scores[facet] + sentence.score


def _adds(read: ReadQuestion, sentence: Sentence, covered_terms: set[str]) -> bool:
    words = set(tokenize(sentence.text))
    new_terms = (read.terms & words) - covered_terms
    return bool(new_terms) or facet_bonus(read, sentence.text) >= 0.15


def _lead_sentence(read: ReadQuestion, picked: list[tuple[Section, list[Sentence]]]) -> Sentence | None:
    """The sentence that answers most directly: the best of the first section, the asked-for figure first."""
    if not picked:
        return None
    first = [s for s in picked[0][1] if read.kind == "how_to" or not _NEXT_STEP.search(s.text)]
    if not first:
        return None
    return max(first, key=lambda s: (s.score + facet_bonus(read, s.text), -s.order))


def _lead_label(read: ReadQuestion, text: str) -> str:
    """A direct opening built from the lead sentence itself: yes, no, it depends, or the figure asked for."""
    lower = text.lower()
    if read.kind == "deadline" and _DEADLINE.search(lower):
        return "The deadline"
    if read.kind == "amount" and _AMOUNT.search(text):
        return "In figures"
    on_point = len(read.terms & set(tokenize(text))) >= 0.5 * len(read.terms)
    if read.kind in ("yes_no", "applicability"):
        if _CONDITION.search(lower):
            return "It depends"
        if _NO.search(lower) and on_point:
            return "No, as a rule"
        if _YES.search(lower) and on_point and not read.negated:
            return "Yes"
    return "In short"
