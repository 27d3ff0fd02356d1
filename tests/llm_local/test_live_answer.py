"""Grounded answers against a live local model: citations only to retrieved passages, the stream is the answer."""

from __future__ import annotations

import re

import pytest

from agent.answering.llm import LLMAnswerer
from agent.config import Settings
from agent.llm import Usage, build_chat_model
from agent.retrieval.index import open_index
from agent.retrieval.store import KnowledgeStore

pytestmark = pytest.mark.llm_local

QUESTION = "How quickly must a personal data breach be reported?"


@pytest.fixture
def store(answer_settings: Settings) -> KnowledgeStore:
    return open_index(answer_settings)


def _retrieved(store: KnowledgeStore, question: str) -> set[str]:
    return {hit.doc_id for hit in store.search(question, k=6)}


def test_grounded_answer_cites_only_retrieved_passages(answer_settings: Settings, store: KnowledgeStore) -> None:
    usage = Usage.for_settings(answer_settings)
    result = LLMAnswerer(build_chat_model(answer_settings), store, answer_settings).answer(QUESTION, usage=usage)

    assert usage.calls == 1 and usage.total_tokens > 0
    assert {c.doc_id for c in result.citations} <= _retrieved(store, QUESTION)
    assert "[P" not in result.answer  # passage markers never reach the owner
    numbers = {int(n) for n in re.findall(r"\[(\d+)\]", result.answer)}
    assert numbers <= set(range(1, len(result.citations) + 1))  # every [n] points at a listed source
    assert result.mode == "llm"
    if result.covered:
        assert result.citations  # covered means grounded in at least one retrieved source
    else:
        assert result.not_covered  # an uncovered answer says what it could not answer


def test_streamed_answer_is_what_was_saved(answer_settings: Settings, store: KnowledgeStore) -> None:
    usage = Usage.for_settings(answer_settings)
    deltas: list[str] = []
    answerer = LLMAnswerer(build_chat_model(answer_settings), store, answer_settings)
    result = answerer.answer(QUESTION, usage=usage, on_delta=deltas.append)

    assert usage.calls == 1 and usage.completion_tokens > 0  # usage read from the stream's last chunk
    assert not any("COVERED" in d or "[P" in d for d in deltas)
    assert "".join(deltas).strip() == (result.answer if result.covered else "")
    assert {c.doc_id for c in result.citations} <= _retrieved(store, QUESTION)


def test_an_unanswerable_question_costs_no_call(answer_settings: Settings, store: KnowledgeStore) -> None:
    usage = Usage.for_settings(answer_settings)
    answerer = LLMAnswerer(build_chat_model(answer_settings), store, answer_settings)
    result = answerer.answer("What is the best recipe for sourdough starter?", usage=usage)

    assert usage.calls == 0 and not result.covered and result.citations == []
