"""Reading a compliance question: answer kind, the place's laws, named and titled laws, activities and facets."""

from __future__ import annotations

import pytest

from agent.answering.question import answer_kind, facets, read_question, titled_laws


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How quickly do we have to tell the regulator about a stolen tablet?", "deadline"),
        ("Within how many days must a Texas shop answer a privacy request?", "deadline"),
        ("How big could a fine be for our pharmacy in Lyon?", "amount"),
        ("Does the CCPA apply to a 9-person florist in Fresno?", "applicability"),
        ("Can our gym in Porto scan members' faces at the door?", "yes_no"),
        ("What steps should we take before buying an AI hiring tool?", "how_to"),
        ("Tell me about AI literacy.", "explain"),
    ],
)
def test_the_kind_of_answer_a_question_wants(question: str, kind: str) -> None:
    assert answer_kind(question) == kind


def test_a_question_is_read_once_into_place_laws_activities_and_negation() -> None:
    read = read_question("Our opticians in Cork want fingerprint clocks; GDPR may not apply to staff, right?")

    assert {"gdpr", "eu-ai-act"} <= read.place_laws and "ccpa" not in read.place_laws
    assert read.named_laws == {"gdpr"}
    assert [a.id for a in read.activities] == ["biometrics"] and read.activities[0].strict
    assert read.negated


def test_a_place_whose_law_is_not_held_is_named() -> None:
    read = read_question("We run a noodle bar in Osaka. Do we need consent for a loyalty app?")

    assert read.place_laws == frozenset() and read.places_without_law == ("Japan",)


@pytest.mark.parametrize(
    ("question", "titles"),
    [
        ("What does the Oregon Fair Chatbot Act of 2020 require?", ["Oregon Fair Chatbot Act of 2020"]),
        ("Is our app covered. Does the EU AI Act apply to it?", ["Does the EU AI Act"]),  # never across sentences
        ("Do we need a DPIA under the GDPR?", []),
    ],
)
def test_laws_named_by_title_are_found_within_one_sentence(question: str, titles: list[str]) -> None:
    assert titled_laws(question) == titles


def test_a_two_part_question_keeps_the_owners_scene_in_each_part() -> None:
    question = "We run a travel agency in Graz. Can we keep old booking chats, and how long may we keep them?"

    assert facets(question) == [
        "We run a travel agency in Graz. Can we keep old booking chats",
        "We run a travel agency in Graz. how long may we keep them?",
    ]
    assert facets("How long must we keep payroll records?") == []
