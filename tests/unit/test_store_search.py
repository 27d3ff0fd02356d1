"""Hybrid search over the Chroma-backed store: RRF fusion of BM25 and dense ranks, and metadata filters."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.config import Settings
from agent.errors import IndexUnavailableError
from agent.profile.jurisdictions import laws_reaching
from agent.retrieval import KnowledgeStore, load_knowledge
from agent.retrieval.embeddings import HashEmbedder
from agent.retrieval.lexical import expand_query
from agent.retrieval.store import _RRF_K, open_collection
from agent.schemas import Citation
from tests.unit.corpus import write_doc

QUESTION = "How soon must we notify the regulator about a breach?"

# Built for the hashing embedder (bag of exact words, stop words included) against BM25 (stems, no stop
# words): the lexical trap repeats the stemmed terms in forms the hash never sees, the dense trap shares the
# question's stop words and nothing else, and the right passage comes second in both lists.
HYBRID_CORPUS = {
    "right": ("Alpha", "Notify the regulator of a breach within 72 hours of finding it."),
    "lexical-trap": (
        "Bravo",
        "Breaches: notifying regulators. Breaches and more breaches; regulators, regulators.",
    ),
    "dense-trap": ("Charlie", "How must we handle it, and what about a plan for the team?"),
    "filler-one": ("Delta", "We keep the oven at a steady heat so the bread must rise."),
    "filler-two": ("Echo", "We clean the shop after the holidays."),
}


@pytest.fixture
def hybrid_store(tmp_path: Path) -> KnowledgeStore:
    root = tmp_path / "knowledge"
    for doc_id, (title, body) in HYBRID_CORPUS.items():
        write_doc(root, doc_id, f"# {title}\n\n{body}\n", title=title)
    store = KnowledgeStore.from_settings(Settings(knowledge_dir=root, data_dir=tmp_path, embedding_backend="hash"))
    store.ingest(load_knowledge(root))
    return store


@pytest.fixture
def store(hash_settings: Settings) -> KnowledgeStore:
    store = KnowledgeStore.from_settings(hash_settings)
    store.ingest(load_knowledge(hash_settings.knowledge_dir))
    return store


def _docs(hits: list) -> list[str]:  # type: ignore[type-arg]
    return [h.doc_id for h in hits]


def test_hybrid_ranks_first_what_neither_lexical_nor_dense_does_alone(hybrid_store: KnowledgeStore) -> None:
    lexical = hybrid_store.search(QUESTION, k=5, mode="lexical")
    dense = hybrid_store.search(QUESTION, k=5, mode="dense")
    hybrid = hybrid_store.search(QUESTION, k=5, mode="hybrid")

    assert _docs(lexical) == ["lexical-trap", "right"]  # the dense trap shares no content word
    assert _docs(dense) == ["dense-trap", "right", "filler-one", "filler-two", "lexical-trap"]
    assert _docs(hybrid)[0] == "right"


def test_hybrid_score_is_reciprocal_rank_fusion(hybrid_store: KnowledgeStore, monkeypatch: pytest.MonkeyPatch) -> None:
    import agent.retrieval.store as store_module

    monkeypatch.setattr(store_module, "asks_about_obligation", lambda _q: False)  # pure fusion, no law boost
    hits = {h.doc_id: h for h in hybrid_store.search(QUESTION, k=5)}

    def rrf(*ranks: int) -> float:
        return sum(1.0 / (_RRF_K + r) for r in ranks)

    assert hits["right"].score == pytest.approx(rrf(2, 2))
    assert hits["lexical-trap"].score == pytest.approx(rrf(1, 5))
    assert hits["dense-trap"].score == pytest.approx(rrf(1))  # dense only
    assert [round(h.score, 6) for h in hybrid_store.search(QUESTION, k=5)] == sorted(
        (round(h.score, 6) for h in hits.values()), reverse=True
    )


def test_dense_similarity_is_the_cosine_of_the_embeddings(hybrid_store: KnowledgeStore) -> None:
    embedder = HashEmbedder()
    right = next(h for h in hybrid_store.search(QUESTION, k=5) if h.doc_id == "right")
    passage = f"{right.metadata['title']} - {right.metadata['section']}\n{right.text}"
    q, p = embedder.embed([expand_query(QUESTION), passage])  # the store embeds the query with its added terms

    assert right.similarity == pytest.approx(sum(a * b for a, b in zip(q, p, strict=True)), abs=1e-5)
    assert hybrid_store.search(QUESTION, k=5, mode="lexical")[0].similarity is None


def test_hit_carries_a_full_citation(store: KnowledgeStore) -> None:
    top = store.search("Within how many hours must the supervisory authority be notified?", k=1)[0]

    assert top.chunk_id == "gdpr-breach#breach-reporting-gdpr-art-33"
    assert top.citation() == Citation(
        doc_id="gdpr-breach",
        title="GDPR: personal data breaches",
        section="Breach reporting (GDPR Art. 33)",
        article="GDPR Art. 33",
        url="https://eur-lex.europa.eu/eli/reg/2016/679/oj",
    )


@pytest.mark.parametrize("mode", ["hybrid", "dense", "lexical"])
@pytest.mark.parametrize(
    ("filters", "expected_docs"),
    [
        ({"jurisdictions": ["gdpr"]}, {"gdpr-breach", "nist-ai-rmf"}),  # global docs always apply
        ({"jurisdictions": ["ccpa"]}, {"ccpa-rights", "nist-ai-rmf"}),
        ({"jurisdictions": ["gdpr", "ccpa"]}, {"gdpr-breach", "ccpa-rights", "nist-ai-rmf"}),
        ({"topics": ["rights"]}, {"ccpa-rights"}),
        ({"topics": ["breach", "governance"]}, {"gdpr-breach", "nist-ai-rmf"}),
        ({"kinds": ["stage"]}, {"stage-pilot"}),
        ({"kinds": ["compliance", "stage"]}, {"gdpr-breach", "ccpa-rights", "nist-ai-rmf", "stage-pilot"}),
        ({"jurisdictions": ["gdpr"], "topics": ["security"]}, {"gdpr-breach"}),
    ],
)
def test_filters_limit_results(store: KnowledgeStore, filters: dict, mode: str, expected_docs: set[str]) -> None:  # type: ignore[type-arg]
    # A query that touches every document lexically, so lexical mode sees all of them too.
    query = "personal data breach consumer rights AI risk pilot"

    hits = store.search(query, k=20, mode=mode, **filters)  # type: ignore[arg-type]

    assert set(_docs(hits)) == expected_docs


@pytest.mark.parametrize(
    "filters",
    [{"topics": ["cookies"]}, {"kinds": ["use_case"]}, {"jurisdictions": ["gdpr"], "kinds": ["stage"]}],
)
def test_filter_that_matches_nothing_gives_no_hits(store: KnowledgeStore, filters: dict) -> None:  # type: ignore[type-arg]
    assert store.search("personal data breach", **filters) == []  # type: ignore[arg-type]


def test_k_limits_and_empty_index_gives_no_hits(store: KnowledgeStore, tmp_path: Path) -> None:
    assert len(store.search("personal data breach consumer rights", k=2)) == 2
    empty = KnowledgeStore.from_settings(Settings(data_dir=tmp_path / "empty", embedding_backend="hash"))
    assert empty.search("anything at all") == []


def test_search_refuses_an_index_built_with_another_embedder(hash_settings: Settings) -> None:
    KnowledgeStore.from_settings(hash_settings).ingest(load_knowledge(hash_settings.knowledge_dir))
    other = KnowledgeStore(open_collection(hash_settings), HashEmbedder, "some-other-model")

    with pytest.raises(IndexUnavailableError, match=r"built with hash-384.*roadmap ingest"):
        other.search("personal data breach")


def test_questions_of_obligation_give_law_documents_one_extra_top_vote(
    store: KnowledgeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import agent.retrieval.store as store_module

    question = "How should the pilot handle a breach of customer records?"
    assert not store_module.asks_about_obligation(question)
    plain = {h.chunk_id: (h.score, h.metadata["kind"]) for h in store.search(question, k=10)}
    monkeypatch.setattr(store_module, "asks_about_obligation", lambda _q: True)
    boosted = {h.chunk_id: h.score for h in store.search(question, k=10)}

    kinds = {kind for _, kind in plain.values()}
    assert {"compliance", "stage"} <= kinds  # both kinds compete in this corpus
    for chunk_id, (score, kind) in plain.items():
        extra = 1.0 / (_RRF_K + 1) if kind == "compliance" else 0.0
        assert boosted[chunk_id] == pytest.approx(score + extra)
    assert store_module.asks_about_obligation("Are we allowed to record calls?")
    assert store_module.asks_about_obligation("Do we have to tell customers?")


def test_another_places_law_loses_one_top_vote(store: KnowledgeStore, monkeypatch: pytest.MonkeyPatch) -> None:
    import agent.retrieval.store as store_module

    question = "How should the pilot handle a breach of customer records at our shop in Lyon, France?"
    placed = {h.chunk_id: h.score for h in store.search(question, k=10)}
    monkeypatch.setattr(store_module, "placed_jurisdictions", lambda _q: set())
    monkeypatch.setattr(store_module, "subnational_laws", frozenset)
    plain = {h.chunk_id: (h.score, h.doc_id) for h in store.search(question, k=10)}

    assert {"ccpa-rights", "gdpr-breach", "nist-ai-rmf"} <= {doc for _, doc in plain.values()}
    for chunk_id, (score, doc_id) in plain.items():
        penalty = 1.0 / (_RRF_K + 1) if doc_id == "ccpa-rights" else 0.0  # a French shop: not California's law
        assert placed[chunk_id] == pytest.approx(score - penalty)
    assert store.search(question, k=10, jurisdictions=["ccpa"])  # an explicit filter is never second-guessed


def test_a_states_own_law_loses_half_a_vote_when_no_place_or_law_is_named(
    store: KnowledgeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import agent.retrieval.store as store_module

    question = "How should the pilot handle a breach of customer records?"
    unplaced = {h.chunk_id: h.score for h in store.search(question, k=10)}
    monkeypatch.setattr(store_module, "subnational_laws", frozenset)
    plain = {h.chunk_id: (h.score, h.doc_id) for h in store.search(question, k=10)}

    assert "ccpa-rights" in {doc for _, doc in plain.values()}
    for chunk_id, (score, doc_id) in plain.items():
        penalty = 0.5 / (_RRF_K + 1) if doc_id == "ccpa-rights" else 0.0  # California's law, no place named
        assert unplaced[chunk_id] == pytest.approx(score - penalty)
    named = "How should the pilot handle a breach of customer records under the CCPA?"
    with_rule = {h.chunk_id: h.score for h in store.search(named, k=10)}
    monkeypatch.setattr(store_module, "subnational_laws", lambda: frozenset({"ccpa"}))
    assert with_rule == {h.chunk_id: h.score for h in store.search(named, k=10)}  # a named law is not pushed down


@pytest.mark.parametrize(
    ("question", "laws"),
    [
        ("Can we scan staff faces at our Chicago restaurant?", laws_reaching("US", "IL")),
        ("Do I need a DPO for my clinic in Ireland?", laws_reaching("IE")),
        ("What is the fine for ignoring an access request in the UK?", laws_reaching("GB")),
        ("We run a gym in Austin, Texas", laws_reaching("US", "TX")),
        ("Our bakery is in Sydney", laws_reaching("AU")),
        ("Can I e-mail my customers?", set()),  # no place: nothing is pushed down
    ],
)
def test_places_in_a_question_point_to_their_laws(question: str, laws: set[str]) -> None:
    from agent.retrieval.places import placed_jurisdictions

    assert placed_jurisdictions(question) == laws


@pytest.mark.parametrize(
    ("question", "laws"),
    [
        ("What are the penalties under the Colorado AI Act?", {"colorado-ai-act"}),  # not the EU's AI Act
        ("When does the AI Act ban emotion recognition?", {"eu-ai-act"}),
        ("Does NYC Local Law 144 cover our hiring tool?", {"nyc-ll144"}),
        ("Does New York City regulate face scanning in shops?", {"nyc-ll144", "nyc-biometric"}),  # the city's laws
        ("Does the CCPA cover our patient records in California?", {"ccpa"}),  # the law named, not the state's
        ("Is our Texas data broker registration enough?", {"ca-delete-act", "tx-data-broker"}),
        ("Does the TCPA cover AI voice calls?", {"tcpa"}),
        ("Does the Texas Data Privacy and Security Act apply to us?", {"tdpsa"}),
        ("Is CMIA stricter than HIPAA?", {"cmia", "hipaa"}),
    ],
)
def test_a_named_law_is_recognised(question: str, laws: set[str]) -> None:
    from agent.retrieval.laws import named_jurisdictions

    assert named_jurisdictions(question) == laws
