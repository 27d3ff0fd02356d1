"""Whether retrieved sections answer a question (topic, place, named law), and composing from them."""

from __future__ import annotations

import re
from typing import Any

from agent.answering.compose import Section, as_section, compose
from agent.answering.question import read_question
from agent.answering.relevance import judge, score_sections
from agent.retrieval.store import Hit

GDPR_BREACH = (
    "Under GDPR Art. 33 a controller reports a personal data breach to the supervisory authority within 72 hours. "
    "A report is not needed when the breach is unlikely to result in a risk to people. "
    "What a small business should do next: name who decides and keep the authority's form at hand."
)
UK_BREACH = (
    "Under UK GDPR Art. 33 a business reports a personal data breach to the ICO within 72 hours of becoming aware. "
    "Tell the people affected without undue delay when the risk to them is high."
)


def _section(
    chunk_id: str, text: str, laws: list[str], similarity: float, heading: str = "Breach reporting"
) -> Section:
    meta: dict[str, Any] = {"doc_id": chunk_id, "title": chunk_id, "section": heading, "kind": "compliance"}
    meta.update({f"j_{law}": True for law in laws})
    return as_section(Hit(chunk_id, text, meta, score=0.0, similarity=similarity))


def _judge(question: str, sections: list[Section], known: tuple[str, ...] = ()) -> Any:
    read = read_question(question)
    score_sections(read, sections, lambda text, n: sections[0].hit.similarity or 0.0)
    return judge(read, sections, lambda phrase: phrase in known)


def test_a_question_about_a_held_place_is_answered_by_that_places_law() -> None:
    eu, uk = _section("gdpr", GDPR_BREACH, ["gdpr"], 0.7), _section("uk", UK_BREACH, ["uk-gdpr"], 0.7)

    only_eu = _judge("Our cafe in Leeds lost a laptop. How fast must we report the data breach?", [eu])
    both = _judge("Our cafe in Leeds lost a laptop. How fast must we report the data breach?", [eu, uk])

    assert (only_eu.covered, only_eu.sections) == (False, [])
    assert both.covered and [s.hit.chunk_id for s in both.sections] == ["uk"]


def test_a_narrow_activity_the_sections_never_mention_is_not_covered() -> None:
    sections = [_section("gdpr", GDPR_BREACH, ["gdpr"], 0.7)]

    verdict = _judge("Can our bakery in Ghent record customers' phone calls to train an AI?", sections)
    breach = _judge("Our bakery in Ghent was hacked. How fast must we report the data breach?", sections)

    assert not verdict.covered and breach.covered
    assert breach.confidence > verdict.confidence


def test_a_law_the_knowledge_base_never_names_is_not_covered_and_is_named() -> None:
    sections = [_section("gdpr", GDPR_BREACH, ["gdpr"], 0.7)]
    question = "Under the Small Firms Data Breach Fairness Act of 2018, how fast must we report a data breach?"

    unknown = _judge(question, sections)
    known = _judge(question, sections, known=("small firms data breach fairness act",))

    assert (unknown.covered, unknown.missing) == (False, ["Small Firms Data Breach Fairness Act of 2018"])
    assert unknown.confidence <= 0.3
    assert known.covered and known.missing == []


def test_the_answer_opens_with_the_deadline_cites_every_paragraph_and_stays_short() -> None:
    long_tail = " ".join(f"Further detail number {n} about keeping breach records tidy and current." for n in range(40))
    sections = [_section("gdpr", f"{GDPR_BREACH} {long_tail}", ["gdpr"], 0.7)]
    read = read_question("How fast must we report a data breach?")
    score_sections(read, sections, lambda text, n: 0.8 if "72 hours" in text else 0.3)

    text, citations = compose(read, sections, budget=700)

    assert text.startswith("**The deadline** [1]: Under GDPR Art. 33 a controller reports")
    assert len(text) <= 900 and len(citations) == 1
    paragraphs = text.split("\n\n")
    assert all(re.match(r"^\*\*[^*]+\*\* \[1\]: ", p) for p in paragraphs)
    assert text.count("72 hours") == 1  # the lead sentence is not repeated in the body
