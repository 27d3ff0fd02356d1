"""The BM25 index and its tokenizer: stop words out, plurals and verb forms meet their stems."""

from __future__ import annotations

import pytest

from agent.retrieval.lexical import BM25, expand_query, tokenize


def test_tokenize_drops_stop_words_and_keeps_legal_tokens() -> None:
    assert tokenize("How long do we have to report a breach under Art. 33?") == [
        "long",
        "report",
        "breach",
        "art",
        "33",
    ]
    assert tokenize("The BIPA fine is $5,000 per violation") == [
        "bipa",
        "fin",
        "5",
        "000",
        "per",
        "violation",
    ]
    assert tokenize("the and of to") == []


@pytest.mark.parametrize(
    ("variants"),
    [
        ("breach", "breaches", "Breaches"),
        ("fine", "fines"),
        ("policy", "policies"),
        ("notify", "notified"),
        ("report", "reports", "reported", "reporting"),
        ("process", "processes"),
        ("access", "accesses"),
        ("business", "businesses"),
        ("cookie", "cookies"),
        ("employee", "employees", "employing"),
    ],
)
def test_stemming_makes_word_forms_meet(variants: tuple[str, ...]) -> None:
    stems = {tokenize(v)[0] for v in variants}

    assert len(stems) == 1, stems


def test_short_words_and_numbers_are_not_stemmed() -> None:
    assert tokenize("72 hours gdpr dpo ads 1798.100") == ["72", "hour", "gdpr", "dpo", "ads", "1798.100"]


def test_bm25_ranks_by_term_rarity_and_matches_plurals() -> None:
    texts = [
        "Report a personal data breach to the authority within 72 hours.",  # 0
        "Cookies need consent before they are set.",  # 1
        "Personal data must be kept secure.",  # 2
        "Data breaches: notify the people affected.",  # 3
    ]
    index = BM25(texts)

    ranked = index.scores("breaches within 72 hours")

    assert [i for i, _ in ranked] == [0, 3]  # doc 3 matches only through breaches -> breach
    assert ranked[0][1] > ranked[1][1] > 0
    assert index.idf["breach"] > index.idf["data"]  # rarer term weighs more
    assert len(index) == 4


def test_bm25_prefers_the_shorter_document_for_the_same_match() -> None:
    index = BM25(["consent cookie", "consent cookie banner layout colours fonts buttons text"])

    assert [i for i, _ in index.scores("cookie")] == [0, 1]


def test_bm25_respects_allowed_and_returns_nothing_without_a_match() -> None:
    index = BM25(["breach notification", "breach log", "cookie banner"])

    assert [i for i, _ in index.scores("breach", allowed={1, 2})] == [1]
    assert index.scores("capital of France") == []
    assert BM25([]).scores("anything") == []


def test_lay_phrasing_is_expanded_with_the_knowledge_base_terms() -> None:
    assert expand_query("Do we have to tell customers?").endswith(" transparency")
    assert "emotion recognition workplace" in expand_query("Could cameras read our cashiers' emotions?")
    assert expand_query("What is GDPR Art. 30?") == "What is GDPR Art. 30?"  # nothing lay to expand
