"""Law titles spelled differently, sections about other places, the figure a question asks for, and two-part
questions: the mechanisms that decide which knowledge an answer is built from."""

from __future__ import annotations

from typing import Any

from agent.answering.compose import Section, as_section, compose, facet_bonus
from agent.answering.heading_places import PLACE_OTHER, PLACE_SAME, heading_place_penalty
from agent.answering.law_titles import names_held_law
from agent.answering.question import read_question
from agent.answering.relevance import score_sections
from agent.retrieval.laws import asks_about_obligation
from agent.retrieval.places import place_codes
from agent.retrieval.store import Hit

TITLES = [
    "New Zealand's Privacy Act 2020: the information privacy principles",
    "Utah Artificial Intelligence Policy Act: disclosure when consumers ask",
    "NIST AI Risk Management Framework",
]


def _section(chunk_id: str, text: str, heading: str, laws: list[str], similarity: float) -> Section:
    meta: dict[str, Any] = {"doc_id": chunk_id, "title": chunk_id, "section": heading, "kind": "compliance"}
    meta.update({f"j_{law}": True for law in laws})
    return as_section(Hit(chunk_id, text, meta, score=0.0, similarity=similarity))


def test_a_law_title_matches_a_held_title_across_demonyms_and_short_forms() -> None:
    assert names_held_law("New Zealand Privacy Act", TITLES)
    assert names_held_law("Utah AI Policy Act", TITLES)
    assert not names_held_law("Utah Consumer Privacy Act", TITLES)  # "consumer" is in no held title
    assert not names_held_law("Privacy Act", TITLES)  # names no particular law


def test_a_heading_about_other_places_only_is_penalised() -> None:
    norway = place_codes("Our dental clinic in Bergen wants to text patients")

    assert heading_place_penalty(norway, "Sweden: SMS marketing needs consent") == PLACE_OTHER
    assert heading_place_penalty(norway, "Norway and Denmark: texts to customers") == PLACE_SAME
    assert heading_place_penalty(norway, "Marketing texts in general (Directive 2002/58, U.S. comparison)") == 0.0
    assert heading_place_penalty(frozenset(), "Sweden: SMS marketing needs consent") == 0.0


def test_what_do_we_need_asks_what_the_law_requires() -> None:
    assert asks_about_obligation("Which paperwork do we need before the scheduling tool sees client files?")
    assert not asks_about_obligation("Which scheduling tool is cheapest for a barber shop?")


def _scored(question: str, sections: list[Section], close: str = "") -> list[Section]:
    """Scored with a similarity that finds sentences containing `close` nearer to the question's last part."""
    read = read_question(question)
    last = len(read.facets)

    def similarity(text: str, n: int) -> float:
        if close and n == last:
            return 0.7 if close in text else 0.3
        return 0.5

    score_sections(read, sections, similarity)
    return sections


def test_an_amount_question_gets_the_figure_even_when_the_best_unit_has_none() -> None:
    question = "How much does the registration with the regulator cost for a tiny bakery?"
    who = _section(
        "who",
        "Every bakery that keeps customer records registers with the regulator each year. "
        "Registration is handled online and confirmed by e-mail to the bakery owner. "
        "A bakery abroad that sells to local customers registers too.",
        "Who registers with the regulator",
        ["xx"],
        0.8,
    )
    fees = _section(
        "fees",
        "The registration rules are set by the annual regulation on charges. "
        "Micro businesses pay EUR 45 a year and other businesses pay EUR 90 a year.",
        "The registration fee",
        ["xx"],
        0.6,
    )

    text, citations = compose(read_question(question), _scored(question, [who, fees]))

    assert "EUR 45" in text
    assert {c.doc_id for c in citations} == {"who", "fees"}


def test_each_part_of_a_two_part_question_gets_its_own_unit() -> None:
    question = "How fast must our gym report a leak of member data, and when do we also have to tell the members?"
    report = _section(
        "report",
        "A gym reports a leak of member data to the authority within 72 hours. "
        "Members are told when the harm to them is likely to be serious. "
        "Keep a log of every leak, even the small ones.",
        "Reporting a leak within 72 hours",
        ["xx"],
        0.95,
    )
    members = _section(
        "members",
        "Members must be told without undue delay when a leak puts them at high risk. "
        "The message to members at high risk explains what happened and what the gym is doing.",
        "Telling members about a leak",
        ["xx"],
        0.6,
    )

    text, citations = compose(read_question(question), _scored(question, [report, members], close="high risk"))

    assert [c.doc_id for c in citations] == ["report", "members"]
    assert "high risk" in text


def test_a_question_that_states_the_business_size_favours_the_threshold_sentence() -> None:
    threshold = "The rule does not apply to employers with fewer than 15 employees."
    sized = read_question("Our plumbing firm in Leipzig has 9 employees. Does the works council rule apply?")
    unsized = read_question("Does the works council rule apply to a plumbing firm in Leipzig?")

    assert sized.states_size and not unsized.states_size
    assert facet_bonus(sized, threshold) > facet_bonus(unsized, threshold)
    assert read_question("We turn over about CHF 400k a year. Which rules apply?").states_size


def test_each_part_is_also_searched_by_its_own_words() -> None:
    from agent.answering.offline import OfflineAnswerer

    question = (
        "We're a US-based SaaS company with no office in Europe, but we have paying customers in Germany and "
        "France. Does GDPR apply to us, and do we need an EU representative?"
    )
    read = read_question(question)
    assert read.facet_asks == ("Does GDPR apply to us", "do we need an EU representative?")

    class Recording:
        """A store that records what was searched and finds nothing."""

        def __init__(self) -> None:
            self.searched: list[str] = []

        def search(self, query: str, **_: Any) -> list[Hit]:
            self.searched.append(query)
            return []

    store = Recording()
    answerer = OfflineAnswerer(store)  # type: ignore[arg-type]
    answerer._similarities = lambda queries, sections: lambda text, n: 0.0  # type: ignore[method-assign]
    answerer.assess(read)  # nothing found: only what was searched matters here
    # the whole question, each part with the owner's scene, and each part's own words
    assert store.searched[0] == question
    assert {*read.facets, *read.facet_asks} <= set(store.searched)
