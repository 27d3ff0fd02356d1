"""Grounded answers replayed from cassettes: the recordable ones keep to the retrieved passages whatever model
answered; hand-written replies script the misbehaviours (an invented citation, a split marker) the filters must
catch (see tests/cassettes/README.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from agent.answering.llm import LLMAnswerer
from agent.config import Settings
from agent.llm import Usage, build_chat_model
from agent.retrieval.store import KnowledgeStore
from tests.unit.corpus import write_basic_corpus


@pytest.fixture
def store(llm_settings: Settings, tmp_path: Path, onnx_embedder) -> KnowledgeStore:  # type: ignore[no-untyped-def]
    """The fixture corpus indexed with the real MiniLM (coverage thresholds are calibrated for it)."""
    from agent.retrieval.documents import load_knowledge
    from agent.retrieval.store import open_collection

    knowledge = write_basic_corpus(tmp_path / "knowledge")
    settings = llm_settings.model_copy(update={"knowledge_dir": knowledge})
    store = KnowledgeStore(open_collection(settings), lambda: onnx_embedder, "all-MiniLM-L6-v2-onnx")
    store.ingest(load_knowledge(knowledge))
    return store


QUESTION = "How quickly must a personal data breach be reported?"


def test_grounded_answer_cites_only_retrieved_passages(cassette, llm_settings: Settings, store: KnowledgeStore) -> None:  # type: ignore[no-untyped-def]
    """Recordable (`make record`): holds for any model."""
    usage = Usage.for_settings(llm_settings)
    result = LLMAnswerer(build_chat_model(llm_settings), store, llm_settings).answer(QUESTION, usage=usage)
    assert result.mode == "llm" and usage.calls == 1 and usage.total_tokens > 0
    assert {c.doc_id for c in result.citations} <= {h.doc_id for h in store.search(QUESTION, k=6)}
    assert "[P" not in result.answer
    assert {int(n) for n in re.findall(r"\[(\d+)\]", result.answer)} <= set(range(1, len(result.citations) + 1))
    assert bool(result.citations) if result.covered else bool(result.not_covered)


def test_streamed_answer_is_what_was_saved(cassette, llm_settings: Settings, store: KnowledgeStore) -> None:  # type: ignore[no-untyped-def]
    """Recordable (`make record`): holds for any model."""
    usage = Usage.for_settings(llm_settings)
    deltas: list[str] = []
    answerer = LLMAnswerer(build_chat_model(llm_settings), store, llm_settings)
    result = answerer.answer(QUESTION, usage=usage, on_delta=deltas.append)
    assert usage.calls == 1 and usage.completion_tokens > 0  # from the stream's final usage chunk
    assert not any("COVERED" in d or "[P" in d for d in deltas)
    assert "".join(deltas).strip() == (result.answer if result.covered else "")
    assert {c.doc_id for c in result.citations} <= {h.doc_id for h in store.search(QUESTION, k=6)}


def test_grounded_answer_drops_invented_citation(cassette, llm_settings: Settings, store: KnowledgeStore) -> None:  # type: ignore[no-untyped-def]
    usage = Usage.for_settings(llm_settings)
    answerer = LLMAnswerer(build_chat_model(llm_settings), store, llm_settings)
    result = answerer.answer("How quickly must a personal data breach be reported?", usage=usage)
    assert result.mode == "llm" and result.covered
    assert "[1]" in result.answer and "P9" not in result.answer and "[P" not in result.answer
    assert len(result.citations) == 1
    assert any("P9" in note for note in result.not_covered)
    assert usage.calls == 1 and usage.total_tokens == 2180


def test_model_says_not_covered(cassette, llm_settings: Settings, store: KnowledgeStore) -> None:  # type: ignore[no-untyped-def]
    answerer = LLMAnswerer(build_chat_model(llm_settings), store, llm_settings)
    result = answerer.answer("How long must we keep the internal log of every personal data breach?")
    assert not result.covered and result.citations == []


def test_answer_streams_with_citations_renumbered(cassette, llm_settings: Settings, store: KnowledgeStore) -> None:  # type: ignore[no-untyped-def]
    usage = Usage.for_settings(llm_settings)
    answerer = LLMAnswerer(build_chat_model(llm_settings), store, llm_settings)
    deltas: list[str] = []

    question = "How quickly must a personal data breach be reported?"
    result = answerer.answer(question, usage=usage, on_delta=deltas.append)

    assert len(deltas) >= 3, result.not_covered  # pieces arrived as the model wrote them
    assert not any("COVERED" in d or "[P" in d for d in deltas)  # header hidden, markers renumbered in flight
    assert "".join(deltas).strip() == result.answer  # what streamed is what was saved
    assert result.covered and result.answer.count("[1]") == 2 and "[2]" not in result.answer
    assert len(result.citations) == 1 and any("P9" in note for note in result.not_covered)
    assert usage.calls == 1 and usage.total_tokens == 2195  # from the stream's final usage chunk


def test_silent_endpoint_times_out_and_names_the_setting(llm_settings: Settings, store: KnowledgeStore) -> None:
    import socket

    with socket.socket() as silent:  # accepts the connection, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        settings = llm_settings.model_copy(
            update={
                "openai_base_url": f"http://127.0.0.1:{silent.getsockname()[1]}/v1",
                "llm_timeout_s": 1.0,
                "llm_max_retries": 0,
            }
        )
        answerer = LLMAnswerer(build_chat_model(settings), store, settings)
        result = answerer.answer("How quickly must a personal data breach be reported?")

    assert result.mode == "offline" and result.covered  # still answered, from the knowledge base
    assert any("LLM_TIMEOUT_S=1" in note and "Answered offline" in note for note in result.not_covered)
    assert "sk-" not in " ".join(result.not_covered)
