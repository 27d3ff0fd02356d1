"""The chat intent reader: questions never edit, edits name what they change, trades are taken only from how
the owner describes the business, and the labelled examples are matched by embeddings."""

from __future__ import annotations

import pytest

from agent.config import PROJECT_ROOT
from agent.interview.intents import LABELS, read_intent
from agent.interview.naming import named_use_cases, use_case_names
from agent.interview.semantic import intent_examples
from agent.interview.trade import read_trade_claims
from agent.planning.catalogue import load_catalogue
from agent.retrieval.embeddings import HashEmbedder

STAGES = ("assess", "strategy", "data", "pilot", "validation", "scaling", "governance", "training", "monitoring")


@pytest.fixture(scope="module")
def names():  # type: ignore[no-untyped-def]
    specs = load_catalogue(PROJECT_ROOT / "knowledge").use_cases
    return use_case_names(tuple((u.id, u.title) for u in specs))


@pytest.mark.parametrize(
    ("text", "label", "named"),
    [
        (
            "If an AI answers our phones, do we have to tell callers? And can it text customers appointment "
            "reminders without asking them first?",
            "question",
            [],
        ),
        ("please add the no-show reminders", "edit_add", ["no-show-prediction"]),
        ("Put the AI phone receptionist back in", "edit_add", ["phone-answering-assistant"]),
        ("Make product description drafting the pilot", "edit_make_pilot", ["product-description-generation"]),
        ("Can you drop the chatbot?", "edit_drop", ["customer-service-chatbot"]),
        ("Drop the chatbot and add review replies", "edit_drop", ["customer-service-chatbot", "review-replies"]),
        ("Can we keep the chatbot without asking for consent?", "question", []),
        ("show me the full roadmap", "show_roadmap", []),
        ("Undo that", "undo", []),
        ("thanks!", "small_talk", []),
        ("my bookkeeper says our budget is smaller", "edit_budget", []),
        ("We need it live by May", "edit_deadline", []),
        ("Sorry, we are in Lyon, not Lille", "correction", []),
        ("We have 14 staff and use Xero", "new_facts", []),
        ("Our target is to cut missed appointments by a third", "new_facts", []),  # 'cut' + a loose word
        ("Rewrite the data stage", "redo_stage", []),
    ],
)
def test_reading_of_owner_messages(names, text: str, label: str, named: list[str]) -> None:  # type: ignore[no-untyped-def]
    intent = read_intent(text, names, HashEmbedder(), STAGES)
    assert intent.label == label
    assert sorted({*intent.add, *intent.drop, *([intent.pilot] if intent.pilot else [])}) == sorted(named)


def test_an_edit_with_a_verb_carried_over_names_both(names) -> None:  # type: ignore[no-untyped-def]
    intent = read_intent("Please add the no-show reminders and the review replies", names)
    assert intent.label == "edit_add" and intent.add == ["no-show-prediction", "review-replies"]


def test_a_one_word_name_needs_pointing_at(names) -> None:  # type: ignore[no-untyped-def]
    assert named_use_cases("remove the bookkeeping one", names) == ["bookkeeping-categorisation"]
    assert named_use_cases("we cut missed appointments", names) == []


@pytest.mark.parametrize(
    ("text", "claimed", "denied"),
    [
        ("my bookkeeper says our budget is smaller", [], []),
        ("Our accountant told us to automate invoices", [], []),
        ("Wait, we are not accountants!", [], ["accounting"]),
        ("We're not accountants, we're a hair salon", ["beauty-salon"], ["accounting"]),
        ("Actually we are a bakery", ["bakery"], []),
    ],
)
def test_trade_claims(text: str, claimed: list[str], denied: list[str]) -> None:
    reading = read_trade_claims(text)
    assert (reading.claimed, reading.denied) == (claimed, denied)


def test_examples_cover_every_label() -> None:
    examples = intent_examples()
    assert set(examples) == set(LABELS)
    assert all(len(utterances) >= 4 for utterances in examples.values())


def test_nearest_examples_decide_when_no_rule_does(names, onnx_embedder) -> None:  # type: ignore[no-untyped-def]
    # No rule fires on these; the MiniLM neighbours among the labelled phrasings do.
    assert read_intent("I liked the earlier plan better, restore it", names, onnx_embedder).label == "undo"
    assert read_intent("much appreciated, you have been a star", names, onnx_embedder).label == "small_talk"
    assert read_intent("I'd like to know whether we must tell staff about it", names, onnx_embedder).label == (
        "question"
    )
    # Without an embedder the same wording falls back to facts: the examples made the difference.
    assert read_intent("I liked the earlier plan better, restore it", names).label == "new_facts"
