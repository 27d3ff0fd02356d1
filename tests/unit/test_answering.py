"""The offline answerer: quoted, cited sentences when the knowledge base covers a question, honesty when not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from agent.answering import DISCLAIMER, OfflineAnswerer
from agent.answering.sentences import split_sentences
from agent.config import Settings
from agent.retrieval import KnowledgeStore, load_knowledge
from agent.retrieval.embeddings import OnnxMiniLM
from agent.retrieval.store import open_collection
from agent.schemas import Answer, Citation

GDPR_33 = Citation(
    doc_id="gdpr-breach",
    title="GDPR: personal data breaches",
    section="Breach reporting (GDPR Art. 33)",
    article="GDPR Art. 33",
    url="https://eur-lex.europa.eu/eli/reg/2016/679/oj",
)
SENTENCE_72H = (
    "Under GDPR Art. 33 a controller notifies the supervisory authority within 72 hours of becoming aware of a "
    "personal data breach."
)


@pytest.fixture
def hash_answerer(hash_settings: Settings) -> OfflineAnswerer:
    store = KnowledgeStore.from_settings(hash_settings)
    store.ingest(load_knowledge(hash_settings.knowledge_dir))
    return OfflineAnswerer(store)


@pytest.fixture
def onnx_answerer(onnx_embedder: OnnxMiniLM, hash_settings: Settings) -> OfflineAnswerer:
    store = KnowledgeStore(open_collection(hash_settings), lambda: onnx_embedder, onnx_embedder.name)
    store.ingest(load_knowledge(hash_settings.knowledge_dir))
    return OfflineAnswerer(store)


def _quoted_sentences(answer: str) -> list[tuple[int, str]]:
    """(citation number, quoted text) per paragraph of a covered answer."""
    return [(int(n), body) for n, body in re.findall(r"^\*\*.+?\*\* \[(\d+)\]: (.+)$", answer, re.MULTILINE)]


# --- composing answers (hash embedder: fast and deterministic) --------------------------------------


def test_answer_quotes_the_right_passage_with_a_marker_and_its_citation(
    hash_answerer: OfflineAnswerer,
) -> None:
    question = "Within how many hours must a controller notify the supervisory authority of a personal data breach?"

    result = hash_answerer.answer(question)

    # a deadline question opens with the deadline, quoted and cited; the rest of its section follows
    assert result.answer.startswith(
        f"**The deadline** [1]: {SENTENCE_72H}\n\n**Breach reporting (GDPR Art. 33)** [1]: "
    )
    assert result.answer.count(SENTENCE_72H) == 1 and "[2]" not in result.answer
    assert result.model_copy(update={"answer": ""}) == Answer(
        question=question,
        answer="",
        citations=[GDPR_33],
        covered=True,
        confidence=result.confidence,
        disclaimer=DISCLAIMER,
    )
    assert 0.5 < result.confidence <= 1


def test_every_marker_has_a_citation_and_every_quote_is_verbatim(
    hash_answerer: OfflineAnswerer, knowledge_root: Path
) -> None:
    result = hash_answerer.answer("Can a consumer ask a business to delete personal information?")
    sources = {(d.id, s.heading): s.text for d in load_knowledge(knowledge_root) for s in d.sections}

    quoted = _quoted_sentences(result.answer)

    assert result.covered
    assert [n for n, _ in quoted] == list(range(1, len(result.citations) + 1))
    assert result.citations[0].model_dump(include={"doc_id", "section", "article"}) == {
        "doc_id": "ccpa-rights",
        "section": "Right to delete (Cal. Civ. Code § 1798.105)",
        "article": "Cal. Civ. Code § 1798.105",
    }
    for n, body in quoted:
        cite = result.citations[n - 1]
        assert body in " ".join(sources[(cite.doc_id, cite.section)].split())


@pytest.mark.embedding
def test_jurisdiction_filter_keeps_other_laws_out_of_the_answer(onnx_answerer: OfflineAnswerer) -> None:
    question = "Can a consumer ask a business to delete personal information?"  # answered by the CCPA doc

    unfiltered = onnx_answerer.answer(question)
    gdpr_only = onnx_answerer.answer(question, jurisdictions=["gdpr"])

    assert unfiltered.covered and unfiltered.citations[0].doc_id == "ccpa-rights"
    assert gdpr_only.jurisdictions == ["gdpr"]
    assert all(c.doc_id != "ccpa-rights" for c in gdpr_only.citations)
    assert "CCPA" not in gdpr_only.answer


# --- sentences ---------------------------------------------------------------------------------------


def test_sentence_splitter_keeps_abbreviations_inside_sentences() -> None:
    text = (
        "Under GDPR Art. 33 you notify within 72 hours. Keep a log, e.g. Slack alerts or a spreadsheet, for "
        "every breach. Cal. Civ. Code § 1798.100 gives a right to know. See Arts. 12 to 14 for the notices."
    )

    assert split_sentences(text) == [
        "Under GDPR Art. 33 you notify within 72 hours.",
        "Keep a log, e.g. Slack alerts or a spreadsheet, for every breach.",
        "Cal. Civ. Code § 1798.100 gives a right to know.",
        "See Arts. 12 to 14 for the notices.",
    ]


def test_sentence_splitter_treats_list_items_and_table_rows_as_sentences() -> None:
    text = (
        "Do these **three** things first:\n"
        "- Write down every system that holds personal data.\n"
        "2. Name one person who owns the breach log.\n\n"
        "| Law | Deadline |\n| --- | --- |\n| GDPR Art. 33 | 72 hours |\n"
        "Short. Too short."  # fragments of 15 characters or fewer (and the header row) are dropped
    )

    assert split_sentences(text) == [
        "Do these three things first:",
        "Write down every system that holds personal data.",
        "Name one person who owns the breach log.",
        "GDPR Art. 33; 72 hours",
    ]


# --- coverage (real MiniLM embeddings: the thresholds are calibrated for them) ----------------------


@pytest.mark.embedding
def test_covered_question_quotes_the_72_hour_rule(onnx_answerer: OfflineAnswerer) -> None:
    result = onnx_answerer.answer("How many hours do we have to report a data breach?")

    assert result.covered and result.not_covered == []
    assert result.citations[0] == GDPR_33
    first_number, first_quote = _quoted_sentences(result.answer)[0]
    assert first_number == 1 and first_quote.startswith(SENTENCE_72H)
    assert result.disclaimer == DISCLAIMER and "not legal advice" in DISCLAIMER


@pytest.mark.embedding
def test_off_topic_question_is_not_covered_and_cites_nothing(onnx_answerer: OfflineAnswerer) -> None:
    question = "What is the capital of France?"

    result = onnx_answerer.answer(question)

    assert result.model_dump(include={"covered", "citations", "not_covered", "disclaimer"}) == {
        "covered": False,
        "citations": [],
        "not_covered": [question],
        "disclaimer": DISCLAIMER,
    }
    assert result.answer.startswith("Roadmap Agent's knowledge base does not cover this question")
    assert "[1]" not in result.answer
    assert result.confidence < 0.4


@pytest.mark.embedding
@pytest.mark.parametrize(
    "question",
    [
        "Does Brazil LGPD apply to us?",
        # The general breach rule is known, but quoting GDPR for an LGPD question would be a guess.
        "How fast must we report a data breach under Brazil's LGPD?",
    ],
)
def test_a_named_uncovered_law_is_not_answered_from_a_neighbouring_law(
    onnx_answerer: OfflineAnswerer, question: str
) -> None:
    result = onnx_answerer.answer(question)

    assert (result.covered, result.not_covered, result.citations) == (False, ["Brazil's LGPD"], [])
    assert "It has no document on Brazil's LGPD." in result.answer


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("We run a bakery in Osaka. Do we need consent to send marketing e-mails?", ["the law of Japan"]),
        ("We run a bakery in Sydney. Do we need consent to send marketing e-mails?", []),  # Australian law: covered
        ("Our clinic is in Zurich. Are we allowed to record patient calls?", ["the law of Switzerland"]),
        ("Our bakery in Leipzig: do we need consent to send marketing e-mails?", []),  # German law: covered
        ("We are in Osaka. Under the GDPR, do we need consent for marketing e-mails?", []),  # asks about GDPR
    ],
)
def test_a_legal_question_about_a_place_without_law_in_the_knowledge_base_is_not_guessed(
    onnx_answerer: OfflineAnswerer, question: str, missing: list[str]
) -> None:
    result = onnx_answerer.answer(question)

    assert [note for note in result.not_covered if note.startswith("the law of")] == missing
    if missing:
        assert not result.covered and result.citations == [] and f"no document on {missing[0]}" in result.answer


def test_knowledge_sentences_are_embedded_once(onnx_answerer: OfflineAnswerer, monkeypatch: pytest.MonkeyPatch) -> None:
    question = "How many hours do we have to report a data breach?"
    first = onnx_answerer.answer(question)
    embedder = onnx_answerer._store.embedder  # counting what reaches the model
    embedded: list[int] = []
    real_embed = embedder.embed
    monkeypatch.setattr(embedder, "embed", lambda texts: embedded.append(len(texts)) or real_embed(texts))

    again = onnx_answerer.answer(question)

    assert again.answer == first.answer  # same scores from cached vectors
    # The question's vector is kept from the first time, and no knowledge sentence is embedded again.
    assert embedded == []


def test_a_question_in_another_language_gets_told_to_ask_in_english(hash_answerer: OfflineAnswerer) -> None:
    result = hash_answerer.answer("Müssen wir unseren Kunden sagen, dass wir einen Chatbot mit KI nutzen?")

    assert not result.covered and result.citations == []
    assert "could not match this German question" in result.answer and "ask it in English" in result.answer
