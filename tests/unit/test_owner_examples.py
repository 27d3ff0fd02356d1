"""Owner examples: labelled sentences the use-case classifier learns from, kept apart from the held-out splits."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from agent.profile import wishes
from agent.profile.asks import read_asks
from agent.profile.classifier import PhrasingClassifier
from agent.profile.clauses import Clause
from agent.profile.owner_examples import NONE, none_examples, owner_examples, use_case_examples, with_examples
from agent.retrieval.embeddings import HashEmbedder
from agent.retrieval.index import knowledge_fingerprint
from evals.wishes_eval import load_cases

EXAMPLES = [
    {"text": "answer the phone when we are busy", "wishes": ["phone"]},
    {"text": "answer calls and forecast bread", "wishes": ["phone", "bake"]},
    {"text": "record calls secretly and answer them", "wishes": ["phone"], "risky": ["covert-recording"]},
    {"text": "plan the wedding seating", "wishes": ["custom:seating plans"]},
    {"text": "we have two vans", "wishes": []},
    {"text": "sell our customers' data", "wishes": [], "risky": ["data-selling"]},
]


def test_only_sentences_with_one_plain_ask_teach_a_use_case_and_those_without_one_teach_none() -> None:
    assert use_case_examples(EXAMPLES) == {"phone": ["answer the phone when we are busy"]}
    assert none_examples(EXAMPLES) == ["plan the wedding seating", "we have two vans", "sell our customers' data"]
    learnt = with_examples({"phone": ["pick up calls"], "bake": ["bake bread"]}, EXAMPLES, none=True)
    assert learnt == {
        "phone": ["pick up calls", "answer the phone when we are busy"],
        "bake": ["bake bread"],
        NONE: ["plan the wedding seating", "we have two vans", "sell our customers' data"],
    }
    assert NONE not in with_examples({"phone": ["pick up calls"]}, EXAMPLES, none=False)


def test_the_classifier_weights_are_retrained_when_the_examples_change(tmp_path: Path) -> None:
    embedder = HashEmbedder()
    catalogue = {"phone": ["pick up calls", "answer the phone"], "bake": ["bake bread", "how many loaves"]}
    vectors = np.asarray(embedder.embed(["we have two vans"]), dtype=np.float32)
    before = PhrasingClassifier("c", with_examples(catalogue, EXAMPLES[:4], none=True), cache_dir=tmp_path)
    after = PhrasingClassifier("c", with_examples(catalogue, EXAMPLES, none=True), cache_dir=tmp_path)
    p_before, p_after = before.probabilities(vectors, embedder), after.probabilities(vectors, embedder)
    assert len(list(tmp_path.glob("classifier-c-*.npz"))) == 2
    # with "we have two vans" learnt as NONE, the classifier now reads that sentence as no ask
    assert after.classes[int(p_after.argmax())] == NONE
    assert p_after[0, after.classes.index(NONE)] > p_before[0, before.classes.index(NONE)]


def test_owner_examples_name_catalogue_use_cases_and_never_a_held_out_sentence() -> None:
    catalogue = set(wishes.use_case_phrasings())
    labels = {str(w) for e in owner_examples() for w in e.get("wishes") or () if not str(w).startswith("custom:")}
    assert labels <= catalogue
    held_out = {c["text"].strip().lower() for c in load_cases() if c["split"] != "dev"}
    assert not held_out & {str(e["text"]).strip().lower() for e in owner_examples()}


def test_the_wishes_eval_reads_its_dev_split_from_the_owner_examples() -> None:
    cases = load_cases()
    assert [c["text"] for c in cases if c["split"] == "dev"] == [e["text"] for e in owner_examples()]
    assert len([c for c in cases if c["split"] != "dev"]) >= 300  # every held-out file is read


def test_editing_the_owner_examples_changes_the_knowledge_fingerprint(tmp_path: Path) -> None:
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")
    examples = tmp_path / "lexicon" / "owner_examples.yaml"
    examples.write_text("- {text: one, wishes: []}\n", encoding="utf-8")
    first = knowledge_fingerprint(tmp_path)
    examples.write_text("- {text: two, wishes: []}\n", encoding="utf-8")
    assert knowledge_fingerprint(tmp_path) != first


def _clause(text: str, wants: bool = False, pain: bool = False) -> Clause:
    return Clause(text, text, wants, False, pain)


_SURE, _HALF = wishes.STATED_LEARNT_PROBABILITY + 0.01, wishes.LEARNT_PROBABILITY + 0.01


@pytest.mark.parametrize(
    ("clause", "scores", "votes", "probability", "expected"),
    [
        (
            _clause("we want the tenancy agreements checked", wants=True),
            {"contract": 0.45},
            {},
            _HALF,
            ("contract", 0.45),
        ),
        (_clause("we want the tenancy agreements checked", wants=True), {"contract": 0.3}, {}, _SURE, None),  # too far
        (_clause("claim forms take our office days"), {"contract": 0.6}, {"contract": 2}, _SURE, None),  # few votes
        (_clause("claim forms take our office days"), {"contract": 0.6}, {"contract": 4}, _SURE, ("contract", 0.6)),
        (_clause("claim forms take our office days"), {"contract": 0.6}, {"contract": 4}, _HALF, None),  # unsure
        (_clause("we do not want contracts checked", wants=True), {"contract": 0.6}, {}, _SURE, None),  # negated
    ],
)
def test_a_sure_classifier_reading_needs_similarity_and_for_a_fact_the_neighbours(
    clause: Clause,
    scores: dict[str, float],
    votes: dict[str, int],
    probability: float,
    expected: tuple[str, float] | None,
) -> None:
    assert wishes._learnt(clause, scores, votes, ("contract", probability)) == expected
    assert wishes._learnt(clause, scores, votes, ("none", 0.99)) is None
    assert wishes._learnt(clause, scores, votes, ("contract", wishes.LEARNT_PROBABILITY - 0.01)) is None


def test_an_ask_said_as_a_fact_is_recognised_by_the_learnt_classifier() -> None:
    text = "The drivers' delivery routes are still planned on paper every morning."  # neither asks nor complains
    assert [(w.use_case, w.matched_by) for w in read_asks(text).wishes] == [("route-optimisation", "semantic")]
    assert read_asks("We have two vans and a small warehouse near the ring road.").wishes == []


def test_parsed_examples_are_kept_by_the_files_hash_and_a_changed_file_is_read_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from agent.config import Settings
    from agent.profile import owner_examples as module

    monkeypatch.setattr(module, "get_settings", lambda: Settings(data_dir=tmp_path / "data"))
    source = tmp_path / "examples.yaml"
    source.write_text('- {text: "we need a chatbot", wishes: [customer-service-chatbot]}\n', encoding="utf-8")
    first = owner_examples(source)
    kept = list((tmp_path / "data").rglob("examples-*.json"))
    assert first == ({"text": "we need a chatbot", "wishes": ["customer-service-chatbot"]},) and len(kept) == 1
    # What is read back is the kept copy: a damaged copy is parsed again, not trusted.
    kept[0].write_text("{not json", encoding="utf-8")
    owner_examples.cache_clear()
    assert owner_examples(source) == first
    assert json.loads(kept[0].read_text(encoding="utf-8")) == list(first)
    source.write_text('- {text: "two vans", wishes: []}\n', encoding="utf-8")
    owner_examples.cache_clear()
    assert owner_examples(source) == ({"text": "two vans", "wishes": []},)
    assert len(list((tmp_path / "data").rglob("examples-*.json"))) == 2
