"""The sentence view of the wish reader (whole sentences read by the use-case classifier, beside the clause
reader) and the risk classifier's sure reading without cue words."""

from __future__ import annotations

import numpy as np
import pytest

import agent.profile.sentence_view as sentence_view
from agent.profile import wishes
from agent.profile.asks import read_asks
from agent.profile.clauses import Clause, clauses
from agent.profile.risk_classifier import ORDINARY, risk_classifier
from agent.profile.risky import RISK_SURE, _classified, for_whom, red_flags, risky_wish
from agent.profile.sentence_view import DENIED_PROBABILITY, _denied, _readable, _tails, with_sentence_view
from agent.profile.wishes import loose_title
from agent.schemas import Wish


def _clause(text: str, wants: bool = True) -> Clause:
    return Clause(text, text, wants=wants, refuses=False, pain=False)


def test_a_complaint_the_clause_reader_misses_is_read_as_a_whole_sentence() -> None:
    text = "Bike shop in Utrecht, our web shop shows random accessories under each bike and nobody clicks them."
    assert "product-recommendations" in {w.use_case for w in read_asks(text).wishes}
    # Where the clause reader found nothing, the sentence view alone reads the complaint.
    found = with_sentence_view(clauses(text), [], [], set())
    assert [w.use_case for w in found] == ["product-recommendations"] and found[0].phrase in text


@pytest.mark.parametrize(
    "text",
    [
        "The salon opened in 2012 and has eight chairs.",
        "Family-run tyre shop in Swansea with eleven staff and two vans.",
    ],
)
def test_a_sentence_of_facts_adds_no_ask(text: str) -> None:
    assert read_asks(text).wishes == []


def test_a_refusing_clause_is_left_out_and_the_rest_of_its_sentence_read() -> None:
    text = "I don't want anything flashy, but a second pair of eyes on the supplier contracts would be handy."
    readable = _readable(clauses(text), set())
    assert len(readable) == 1
    assert "flashy" not in readable[0] and "supplier contracts" in readable[0]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("insta posts, never know what to write", "insta posts"),
        ("restaurant in Perth, friday tables booked for 8 and nobody shows", "nobody shows"),
    ],
)
def test_a_clause_too_short_to_ask_alone_stays_in_its_sentence(text: str, kept: str) -> None:
    assert any(not wishes.may_ask(c) for c in clauses(text))  # read alone it could not ask
    readable = _readable(clauses(text), set())
    assert len(readable) == 1 and kept in readable[0]


def test_a_budget_clause_is_left_out_of_its_sentence() -> None:
    readable = _readable(clauses("We can spend EUR 10,000, and we'd like the phones answered at night."), set())
    assert len(readable) == 1 and "10,000" not in readable[0] and "phones answered" in readable[0]


def test_a_sentence_holding_a_risky_ask_is_not_read() -> None:
    text = "We would like cameras in the staff toilets to stop the thefts."
    assert _readable(clauses(text), {text}) == []
    asks = read_asks(text)
    assert [r.flag for r in asks.risky_wishes] == ["cameras-in-private-areas"] and asks.wishes == []


def test_tails_start_at_each_break_and_keep_only_tails_long_enough_to_read() -> None:
    tails = _tails("Brewpub in Boise, six taps, we never know how much of each beer to brew")
    assert tails[0] == "Brewpub in Boise, six taps, we never know how much of each beer to brew"
    assert "we never know how much of each beer to brew" in tails
    assert "six taps, we never know how much of each beer to brew" in tails
    assert all(len(t.split()) >= sentence_view.TAIL_WORDS for t in tails)


def test_without_the_local_model_the_view_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sentence_view, "reader_embedder", lambda: None)
    wishes = [Wish(phrase="We want a chatbot", use_case="customer-service-chatbot", matched_by="keyword")]
    parts = clauses("We want a chatbot. Our web shop shows random accessories and nobody clicks them.")
    assert with_sentence_view(parts, wishes, [], set()) == wishes


def _row(**probabilities: float) -> np.ndarray:
    return np.array([probabilities.get("a", 0.0), probabilities.get("b", 0.0)])


def test_a_lone_reading_by_meaning_the_classifier_rules_out_is_denied() -> None:
    column = {"a": 0, "b": 1}
    lone = Wish(phrase="answering the phone", use_case="a", matched_by="semantic")
    low = DENIED_PROBABILITY / 2
    assert _denied(lone, low, [lone], ["answering the phone"], np.array([_row(a=low, b=0.9)]), column)
    # Sure enough in its clause, named by its words, or one of two asks in the sentence: kept.
    assert not _denied(lone, 0.5, [lone], ["answering the phone"], np.array([_row(a=low)]), column)
    named = lone.model_copy(update={"matched_by": "keyword"})
    assert not _denied(named, low, [named], ["answering the phone"], np.array([_row(a=low)]), column)
    other = Wish(phrase="answering", use_case="b", matched_by="semantic")
    sentence = ["answering the phone"]
    assert not _denied(lone, low, [lone, other], sentence, np.array([_row(a=low, b=0.9)]), column)


def test_the_risk_classifier_learns_from_owner_sentences_with_one_risky_wish() -> None:
    classifier = risk_classifier()
    phrasings = {p for flag in red_flags().values() for p in flag.phrasings}
    flag_classes = {n for n, name in enumerate(classifier.classes) if name != ORDINARY}
    learnt = [t for t, label in zip(classifier._texts, classifier._labels, strict=True) if label in flag_classes]
    owners = [t for t in learnt if t not in phrasings]
    # owners' risky sentences join the flags' own phrasings, and no sentence with several risky wishes does
    assert phrasings and len(owners) > 100
    two_flags = (
        "Record every customer call without announcing it and have the AI tell us how cross each caller sounded."
    )
    assert two_flags not in classifier._texts


def test_a_sure_risk_reading_stands_without_cue_words_only_in_an_ask() -> None:
    text = "It'd be class if the system knew our big spenders as they walked in so staff greet them by name."
    flag = "facial-recognition-customers"
    sure = {flag: RISK_SURE + 0.05, ORDINARY: 0.01}
    assert _classified(_clause(text), sure, {}) == [(flag, False)]
    assert _classified(_clause(text, wants=False), sure, {}) == []
    unsure = {flag: RISK_SURE - 0.2, ORDINARY: 0.3}
    assert _classified(_clause(text), unsure, {}) == []


class _StubModel:
    """A tuned model that reads every sentence as one red flag, with a fixed confidence."""

    def __init__(self, flag: str, probability: float) -> None:
        self.classes = ["none", flag]
        self._row = np.array([1.0 - probability, probability], dtype=np.float32)

    def probabilities(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._row for _ in texts]) if texts else np.zeros((0, 2), dtype=np.float32)


@pytest.mark.parametrize(
    ("text", "probability", "flagged"),
    [
        ("We'd like the till camera to know our big spenders when they walk in.", 0.97, True),
        ("We'd like the till camera to know our big spenders when they walk in.", 0.5, True),
        ("We'd like the till camera to know our big spenders when they walk in.", 0.25, False),
        ("The till camera knows our big spenders when they walk in.", 0.97, True),
        ("The till camera knows our big spenders when they walk in.", 0.5, False),  # no ask: needs more
        ("We would never want the till camera to know anyone's face.", 0.97, False),  # negated
    ],
)
def test_a_risky_reading_of_the_tuned_model_needs_a_share_of_its_own_more_without_an_ask_and_no_negation(
    monkeypatch: pytest.MonkeyPatch, text: str, probability: float, flagged: bool
) -> None:
    monkeypatch.setattr(sentence_view, "tuned_reader", lambda: _StubModel("facial-recognition-customers", probability))
    found = sentence_view.risky_by_sentence(clauses(text), [])
    assert [r.flag for r in found] == (["facial-recognition-customers"] if flagged else [])


def test_a_sentence_already_flagged_is_not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "We'd like the till camera to know our big spenders when they walk in."
    monkeypatch.setattr(sentence_view, "tuned_reader", lambda: _StubModel("facial-recognition-customers", 0.99))
    first = sentence_view.risky_by_sentence(clauses(text), [])
    assert sentence_view.risky_by_sentence(clauses(text), first) == first


class _TwoFlagModel:
    """A tuned model that reads every sentence with fixed shares of two red flags."""

    def __init__(self, shares: dict[str, float]) -> None:
        self.classes = ["none", *shares]
        self._row = np.array([1.0 - sum(shares.values()), *shares.values()], dtype=np.float32)

    def probabilities(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._row for _ in texts]) if texts else np.zeros((0, len(self.classes)), dtype=np.float32)


@pytest.mark.parametrize(
    ("shares", "flags"),
    [
        # The model's own reading of the feelings stands beside the cue words' face recognition, which stays.
        ({"emotion-recognition-customers": 0.6, "facial-recognition-customers": 0.3}, ["facial", "emotion"]),
        # ... and which gives way when the model gives it almost nothing.
        ({"emotion-recognition-customers": 0.6, "facial-recognition-customers": 0.1}, ["emotion"]),
        # A share that would name a flag in a sentence with none found is a neighbour's echo beside one.
        ({"emotion-recognition-customers": 0.4, "facial-recognition-customers": 0.05}, ["facial"]),
    ],
)
def test_beside_a_flag_the_cue_words_found_the_model_reads_another_only_when_sure(
    monkeypatch: pytest.MonkeyPatch, shares: dict[str, float], flags: list[str]
) -> None:
    text = "We'd like a screen at reception that reads members' faces as they leave, so we know who didn't enjoy it."
    found = [risky_wish(text, red_flags()["facial-recognition-customers"])]
    monkeypatch.setattr(sentence_view, "tuned_reader", lambda: _TwoFlagModel(shares))
    read = sentence_view.risky_by_sentence(clauses(text), found)
    assert [r.flag.split("-")[0] for r in read] == flags


def test_meaning_alone_flags_nothing_the_tuned_model_reads_as_an_ordinary_task(monkeypatch: pytest.MonkeyPatch) -> None:
    import agent.profile.risky as risky

    text = "score each applicant's chance of approval"
    sure = {"social-scoring": 0.95, ORDINARY: 0.01}
    monkeypatch.setattr(risky, "_tuned_first", lambda clause: "social-scoring")
    assert _classified(_clause(text), sure, {}) == [("social-scoring", False)]
    monkeypatch.setattr(risky, "_tuned_first", lambda clause: "credit-pre-screening")
    assert _classified(_clause(text), sure, {}) == []


def test_a_sentence_asks_for_each_use_case_that_comes_first_in_one_of_its_views_sure_enough() -> None:
    from agent.profile.sentence_view import HELD_PROBABILITY, SENTENCE_PROBABILITY, _asked

    classes = ["none", "quote-drafting", "route-optimisation", "staff-surveillance"]

    def views(*rows: tuple[float, ...]) -> np.ndarray:
        return np.array(rows, dtype=np.float32)

    # The whole sentence reads as facts; its tail asks: the fact view does not hide the ask.
    fact_then_ask = views((0.9, 0.05, 0.05, 0.0), (0.2, 0.75, 0.05, 0.0))
    assert _asked(classes, fact_then_ask, held=False) == ["quote-drafting"]
    two_tails = views((0.1, 0.5, 0.4, 0.0), (0.1, 0.2, 0.7, 0.0))
    assert _asked(classes, two_tails, held=False) == ["route-optimisation", "quote-drafting"]
    # A use case strong in one view but never first in any is no ask; nor one first but unsure.
    assert _asked(classes, views((0.6, 0.4, 0.0, 0.0)), held=False) == []
    assert _asked(classes, views((0.3, SENTENCE_PROBABILITY - 0.05, 0.25, 0.0)), held=False) == []
    assert _asked(classes, views((0.1, HELD_PROBABILITY - 0.05, 0.25, 0.0)), held=True) == []
    # A red flag first is returned for the caller to drop: it is no plain use case.
    assert _asked(classes, views((0.1, 0.0, 0.0, 0.9)), held=False) == ["staff-surveillance"]


def test_a_plain_ask_beside_a_risky_one_in_the_same_sentence_is_read() -> None:
    text = (
        "I'd put a camera facing the drivers in each van so I can see who's on their phone, "
        "and sort out the daft routes while we're at it"
    )
    asks = read_asks(text)
    assert "driver-facing-cameras" in {r.flag for r in asks.risky_wishes}
    assert "route-optimisation" in {w.use_case for w in asks.wishes}


@pytest.mark.parametrize(
    "text",
    [
        "I'd like to see results within a quarter.",
        "We want something live before the summer rush, and our budget is about 5k.",
    ],
)
def test_a_deadline_is_not_read_as_an_ask(text: str) -> None:
    # "Within a quarter" sits close to quarterly cash planning when read for meaning; when is not what.
    assert read_asks(text).wishes == []


def test_an_ask_with_a_deadline_keeps_its_ask() -> None:
    text = "We need to forecast how much bread to bake before Christmas."
    assert "demand-forecasting" in {w.use_case for w in read_asks(text).wishes}


@pytest.mark.parametrize(
    ("found", "sentence", "flag"),
    [
        # Whose emotions are read decides the flag, whichever reading found it.
        ("emotion-recognition-at-work", "pick up angry callers from their voice and score their mood", "customers"),
        (
            "emotion-recognition-customers",
            "in the video interviews read their faces and tell me who's nervous",
            "at-work",
        ),
        # Naming both sides, or neither, leaves the reading as it was.
        ("emotion-recognition-at-work", "tell me when staff and customers look annoyed", "at-work"),
        ("emotion-recognition-customers", "hear when someone sounds angry on the phone", "customers"),
    ],
)
def test_whom_a_risky_practice_is_aimed_at_picks_between_neighbouring_flags(
    found: str, sentence: str, flag: str
) -> None:
    wish = risky_wish(sentence, red_flags()[found])
    assert for_whom(wish, sentence).flag == f"emotion-recognition-{flag}"


class _PairModel:
    """A tuned model sure of lead scoring only when it reads the deals and the doubt about them together."""

    classes = ("lead-scoring", "none")

    def probabilities(self, texts: list[str]) -> np.ndarray:
        rows = [[0.8, 0.2] if "open deals" in t and "which of them" in t else [0.1, 0.9] for t in texts]
        return np.array(rows, dtype=np.float32).reshape(len(texts), 2)


def test_an_ask_split_between_two_neighbouring_sentences_is_read_from_both(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sentence_view, "tuned_reader", lambda: _PairModel())
    text = "In HubSpot we have 400 open deals. Honestly we don't know which of them are real."
    found = with_sentence_view(clauses(text), [], [], set())
    assert [w.use_case for w in found] == ["lead-scoring"]
    assert "open deals" in found[0].phrase and "which of them" in found[0].phrase
    # Sentences that are not neighbours are not read together.
    apart = "In HubSpot we have 400 open deals. We are nine people. Honestly we don't know which of them are real."
    assert with_sentence_view(clauses(apart), [], [], set()) == []


def test_a_pair_read_together_gives_no_ask_already_found_in_one_of_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sentence_view, "tuned_reader", lambda: _PairModel())
    text = "In HubSpot we have 400 open deals. Honestly we don't know which of them are real."
    held = Wish(phrase="In HubSpot we have 400 open deals", use_case="lead-scoring", matched_by="keyword")
    assert with_sentence_view(clauses(text), [held], [], set()) == [held]


class _CustomModel:
    """A tuned model that reads cutting videos into clips as an ask the catalogue lacks, and the rest as no ask."""

    classes = ("custom", "lead-scoring", "none")

    def probabilities(self, texts: list[str]) -> np.ndarray:
        rows = [[0.7, 0.1, 0.2] if "clips" in t else [0.1, 0.1, 0.8] for t in texts]
        return np.array(rows, dtype=np.float32).reshape(len(texts), 3)


def test_an_ask_the_catalogue_lacks_told_in_the_owners_own_words_is_kept_as_a_custom_wish(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sentence_view, "tuned_reader", lambda: _CustomModel())
    text = "We film cooking classes in Lyon. Nobody watches two hours, so the long videos should become short clips."
    found = with_sentence_view(clauses(text), [], [], set())
    assert [(w.use_case, w.matched_by) for w in found] == [(None, "custom")]
    assert "clips" in found[0].phrase and "Lyon" not in found[0].phrase
    assert found[0].title and "clips" in found[0].title and len(found[0].title.split()) <= 9
    # A sentence where something was read already gives no custom wish beside it.
    held = Wish(phrase="the long videos should become short clips", use_case="lead-scoring", matched_by="keyword")
    assert with_sentence_view(clauses(text), [held], [], set()) == [held]


def test_loose_titles_keep_the_asking_part_without_its_lead_in() -> None:
    assert loose_title("We sell on Etsy, and I'd love something that cuts the background out.") == (
        "Cuts the background out"
    )
    assert loose_title("want an app for our loyalty stamps, paper cards keep getting lost") == (
        "Want an app for our loyalty stamps"
    )
    assert loose_title("Vineyard on the Mosel. Tell me from a photo of the leaf which disease is on the vine") == (
        "Tell me from a photo of the leaf"
    )
