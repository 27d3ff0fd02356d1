"""Asks the owner implies without "want": should/could statements, complaints that name no pain word, and how
the reader corroborates and arbitrates the matches such clauses get; camera flags aimed at goods."""

from __future__ import annotations

import pytest

from agent.profile.asks import read_asks
from agent.profile.clauses import Clause, clauses
from agent.profile.risky import red_flags
from agent.profile.semantic import SemanticHit
from agent.profile.wishes import _close_pair, _supported


def _complaint(text: str = "customers ring off") -> Clause:
    return Clause(text, text, wants=False, refuses=False, pain=True)


@pytest.mark.parametrize(
    ("text", "wants"),
    [
        ("The bottling line should reject bottles with a loose cap", True),
        ("Broken biscuits ought to be picked out before packing", True),
        ("A bot on our website could answer questions about delivery slots", True),
        ("Patient data should stay in the EU", False),
        ("The chatbot should never give medical advice", False),
        ("The tool should only use our own documents", False),
    ],
)
def test_should_and_could_statements_ask_unless_they_protect(text: str, wants: bool) -> None:
    assert [c.wants for c in clauses(text)] == [wants]


@pytest.mark.parametrize(
    "text",
    [
        "Nobody can answer the phone while we are on site",
        "Our chillers fail without warning in the summer",
        "The office line is engaged every morning",
        "Half our clients never turn up on Mondays",
    ],
)
def test_complaints_without_a_pain_word_are_complaints(text: str) -> None:
    assert [c.pain for c in clauses(text)] == [True]


def test_a_complaint_match_needs_its_neighbours_or_the_classifier() -> None:
    hit = SemanticHit("no-show-prediction", 0.57, 0.56, "", "phone-answering-assistant")
    split = {"no-show-prediction": 1, "phone-answering-assistant": 1, "churn-prediction": 3}
    assert not _supported(_complaint(), hit, (split, ""))  # another use case leads the nearest phrasings
    assert _supported(_complaint(), hit, ({"no-show-prediction": 3, "churn-prediction": 2}, ""))
    assert _supported(_complaint(), hit, ({"no-show-prediction": 2, "churn-prediction": 2}, "no-show-prediction"))
    low = SemanticHit("no-show-prediction", 0.46, 0.3, "", "churn-prediction")
    assert not _supported(_complaint(), low, ({"no-show-prediction": 2, "churn-prediction": 2}, "churn-prediction"))
    asking = Clause("we'd like fewer no-shows", "we'd like fewer no-shows", True, False, False)
    assert _supported(asking, hit, (split, ""))  # an ask matches on similarity alone


def test_a_near_tie_keeps_both_unless_the_neighbours_clearly_pick_one() -> None:
    hit = SemanticHit("customer-service-chatbot", 0.62, 0.60, "", "support-ticket-triage")
    clause = Clause("a bot could answer questions about tickets", "x", True, False, False)
    one = _close_pair(clause, hit, {"customer-service-chatbot": 4, "support-ticket-triage": 1})
    assert [w.use_case for w in one] == ["customer-service-chatbot"]
    flipped = _close_pair(clause, hit, {"customer-service-chatbot": 1, "support-ticket-triage": 4})
    assert [w.use_case for w in flipped] == ["support-ticket-triage"]
    both = _close_pair(clause, hit, {"customer-service-chatbot": 2, "support-ticket-triage": 2})
    assert [w.use_case for w in both] == ["customer-service-chatbot", "support-ticket-triage"]


def test_a_camera_flag_by_meaning_needs_a_person_or_a_private_place() -> None:
    private = red_flags()["cameras-in-private-areas"]
    assert private.aimed("cameras in the residents' rooms at night")
    assert not private.aimed("a camera to spot chipped mugs on the glazing line")
    assert red_flags()["fully-automated-rejections"].aimed("anything")  # a flag without targets
    asks = read_asks("We'd like a camera that spots chipped mugs before they are packed.")
    assert asks.risky_wishes == []
    assert [w.use_case for w in asks.wishes] == ["visual-quality-inspection"]


def test_implied_asks_and_complaints_become_wishes_and_protection_stays_a_constraint() -> None:
    assert [w.use_case for w in read_asks("Our ice machines break without any warning.").wishes] == [
        "predictive-maintenance"
    ]
    should = read_asks("The minutes of our monthly partner meetings should appear in SharePoint on their own.")
    assert [w.use_case for w in should.wishes] == ["meeting-summaries"]
    kept = read_asks("Client files should stay on our own server.")
    assert kept.wishes == [] and kept.constraints == ["Client files should stay on our own server"]


def test_a_custom_wish_that_points_back_at_an_ask_already_read_is_dropped() -> None:
    from agent.profile.asks import _without_echoes
    from agent.schemas import Wish

    told = Wish(phrase="my wife sorts 400 bank lines a month", use_case="bookkeeping-categorisation")
    echo = Wish(phrase="Anybody had luck getting AI to sort that stuff?", title="Getting AI to sort that stuff")
    again = Wish(phrase="How can I find these groups with AI?", title="Find these groups with AI")
    new = Wish(phrase="I'd like the long videos cut into clips", title="The long videos cut into clips")
    assert _without_echoes([told, echo, again, new]) == [told, new]
    # With no catalogue ask to point back at, the owner's own words are all there is: kept.
    assert _without_echoes([echo, new]) == [echo, new]
