"""Answers and the place layer: the named place's layer leads the search, the business's own place leans to its
layer, and a law named with a place is held only when that place's layer (or a law title) names it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from agent.answering import OfflineAnswerer
from agent.answering.law_titles import describes_held_law
from agent.config import Settings
from agent.retrieval.index import ingest
from agent.retrieval.store import KnowledgeStore

FIXTURES = Path(__file__).parent / "data" / "places"


@pytest.fixture
def layered_store(hash_settings: Settings) -> KnowledgeStore:
    """The basic fixture corpus plus the fixture place documents, indexed with the hashing embedder."""
    shutil.copytree(FIXTURES, hash_settings.knowledge_dir / "places")
    store = KnowledgeStore.from_settings(hash_settings)
    ingest(store, hash_settings)
    return store


def test_a_question_naming_a_place_is_answered_from_its_layer_first(layered_store: KnowledgeStore) -> None:
    hits = layered_store.search("Which rules apply to advertising e-mail in Germany?", k=3)
    assert hits[0].doc_id == "place-de"
    assert all(h.metadata.get("place") != "US-VA" for h in hits)


def test_the_business_place_leans_to_its_layer(layered_store: KnowledgeStore) -> None:
    question = "What do the rules say about notifying a breach?"
    home = [h.doc_id for h in layered_store.search(question, k=8, places=["US-VA"])]
    away = [h.doc_id for h in layered_store.search(question, k=8, places=["FR"])]
    assert "place-us-va" in home
    assert home.index("place-us-va") < (away.index("place-us-va") if "place-us-va" in away else len(away))


def test_the_store_knows_which_places_have_a_layer(layered_store: KnowledgeStore) -> None:
    assert layered_store.place_layers() == {"DE": "place-de", "US-VA": "place-us-va"}
    assert "Virginia Consumer Data Protection Act (VCDPA)" in layered_store.place_law_names("US-VA")
    assert "Virginia Consumer Data Protection Act (VCDPA)" in layered_store.law_titles()


def test_a_law_the_place_does_not_have_is_declined_with_what_its_layer_holds(layered_store: KnowledgeStore) -> None:
    answer = OfflineAnswerer(layered_store).answer(
        "What does the Virginia Chatbot Disclosure Act require of my bakery?"
    )
    assert not answer.covered
    assert "Virginia Chatbot Disclosure Act" in answer.not_covered
    assert "place-us-va" in answer.answer and "breach notification" in answer.answer


@pytest.mark.parametrize("law", ["Virginia Consumer Data Protection Act", "Virginia Consumer Privacy Act"])
def test_a_law_the_place_layer_holds_is_not_declined_as_unknown(layered_store: KnowledgeStore, law: str) -> None:
    answer = OfflineAnswerer(layered_store).answer(f"Who does the {law} cover?")
    assert law not in answer.not_covered


def test_a_described_privacy_law_is_the_place_privacy_statute() -> None:
    tipa = {"Tennessee Information Protection Act (TIPA)", "Tennessee data breach notification law"}
    assert describes_held_law("Tennessee privacy law", ["Tennessee"], tipa)
    breach_only = {"Ohio data breach notification law (Ohio Rev. Code § 1349.19)"}
    assert not describes_held_law("Ohio privacy act", ["Ohio"], breach_only)
    assert not describes_held_law("Tennessee chatbot act", ["Tennessee"], tipa)  # not a privacy description
