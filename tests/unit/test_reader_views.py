"""Mechanisms of the reader that combine its views: a second task verb after "and" opens its own clause, two
views agreeing read an ask neither threshold reads, the risk classifier and the nearest risky phrasing agreeing
stand in for missing cue words, and a second set of critical elements names a practice another way."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.profile.asks import read_asks
from agent.profile.clauses import Clause, clauses
from agent.profile.risky import _classified, is_negated, red_flags
from agent.profile.semantic import SemanticHit
from agent.profile.wishes import AGREE_FLOOR, AGREE_PROBABILITY, _views_agree


def _clause(text: str, wants: bool = True, pain: bool = False) -> Clause:
    return Clause(text, text, wants=wants, refuses=False, pain=pain)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "Answer our guest reviews for us and come up with a weekly Instagram post.",
            ["Answer our guest reviews for us", "come up with a weekly Instagram post"],
        ),
        (
            "Tell us how many pies we'll sell each day and build the bakers' rota from that.",
            ["Tell us how many pies we'll sell each day", "build the bakers' rota from that"],
        ),
        (
            "We'd like a booking bot and help writing our class descriptions.",
            ["We'd like a booking bot", "help writing our class descriptions"],
        ),
        ("We offer a wash and cut for children.", ["We offer a wash and cut for children"]),
    ],
)
def test_a_task_verb_after_and_opens_a_second_clause(text: str, parts: list[str]) -> None:
    assert [c.text for c in clauses(text)] == parts


def test_two_views_agree_only_on_an_ask_or_complaint_above_their_floors() -> None:
    hit = SemanticHit("churn-prediction", AGREE_FLOOR + 0.02, AGREE_FLOOR, second="no-show-prediction")
    sure = ("churn-prediction", AGREE_PROBABILITY + 0.05)
    assert _views_agree(_clause("we'd like a heads-up before members drift away"), hit, sure)
    assert _views_agree(_clause("members drift away without a word", wants=False, pain=True), hit, sure)
    # a clause that only states a fact, another first choice, or a view below its floor: no ask
    assert not _views_agree(_clause("our members are mostly students", wants=False), hit, sure)
    assert not _views_agree(_clause("we'd like a heads-up before members drift away"), hit, ("no-show-prediction", 0.5))
    low = SemanticHit("churn-prediction", AGREE_FLOOR - 0.02, 0.2)
    assert not _views_agree(_clause("we'd like a heads-up before members drift away"), low, sure)


def test_the_risk_classifier_and_the_nearest_risky_phrasing_agreeing_need_no_cue_word() -> None:
    text = "the website bot should tell people whether their chest pain means a heart attack"
    assert not red_flags()["unsupervised-clinical-ai"].cued(text)  # no listed word: only the views can tell
    probabilities = {"unsupervised-clinical-ai": 0.7, "ordinary": 0.2}
    agree = {"unsupervised-clinical-ai": 0.56, "facial-recognition-customers": 0.37}
    assert _classified(_clause(text), probabilities, agree) == [("unsupervised-clinical-ai", False)]
    disagree = {"unsupervised-clinical-ai": 0.4, "facial-recognition-customers": 0.5}
    assert _classified(_clause(text), probabilities, disagree) == []
    # a clause that only states facts is never flagged by agreement alone, nor one nearer an ordinary use case
    assert _classified(_clause(text, wants=False), probabilities, agree) == []
    assert _classified(_clause(text), probabilities, agree, benign=0.6) == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("We also want a tool to screen rental applicants automatically.", True),
        ("Job candidates should be sifted by the software on its own, before anyone reads them.", True),
        ("We'd like AI to screen CVs and shortlist the best ten for us to interview.", False),
        ("We want incoming phone calls screened automatically.", False),
    ],
)
def test_screening_people_automatically_is_an_automated_rejection(text: str, flagged: bool) -> None:
    got = {r.flag for r in read_asks(text).risky_wishes}
    assert ("fully-automated-rejections" in got) is flagged


@pytest.mark.parametrize(
    "ask",
    ["Write them up for me?", "Can we spot them sooner?", "Could something answer those for us?"],
)
def test_an_ask_that_points_back_is_read_with_the_sentence_it_points_at(ask: str) -> None:
    before = "Every week twenty customers email the same three questions about delivery."
    read = clauses(f"{before} {ask}")
    assert read[-1].text == f"{before.rstrip('.')}: {ask}"
    # a pronoun that stands for no earlier sentence leaves the ask as it is
    assert ":" not in clauses(ask)[0].text


def test_concealment_is_an_ask_not_a_protection() -> None:
    hidden = read_asks("We'd like to record the sales calls without letting the customers know.")
    assert [r.flag for r in hidden.risky_wishes] == ["covert-recording"]
    assert is_negated("We'd like rotas without letting the staff feel watched.")


def test_wishes_keep_the_owners_order_whatever_evidence_read_them() -> None:
    # In the example bakery the waste complaint comes first and is read by the views' agreement alone, after the
    # loop over clauses; the customer-questions complaint after it is read by the classifier.
    text = (Path(__file__).parents[2] / "examples" / "bakery.txt").read_text(encoding="utf-8")
    assert [w.use_case for w in read_asks(text).wishes][:2] == ["demand-forecasting", "customer-service-chatbot"]
