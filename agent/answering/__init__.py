"""Cited answers to compliance questions: an offline extractive answerer and an LLM answerer, one protocol."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from agent.answering.offline import DISCLAIMER, OfflineAnswerer
from agent.config import Settings
from agent.retrieval.store import KnowledgeStore
from agent.schemas import Answer

if TYPE_CHECKING:
    from agent.llm import Usage


class Answerer(Protocol):
    """Anything that answers a question with citations."""

    def answer(
        self,
        question: str,
        jurisdictions: list[str] | None = None,
        *,
        usage: Usage | None = None,
        on_delta: Callable[[str], None] | None = None,
        places: list[str] | None = None,
    ) -> Answer:
        """A cited answer or an honest 'not covered'. A model's tokens are counted in usage; on_delta, when an
        answerer can stream, receives the answer text in pieces as it is produced; places (where the business
        is: 'DE', 'US-VA') lets that place's layer lead when the question names no place."""
        ...


def build_answerer(settings: Settings, store: KnowledgeStore, model: object | None = None) -> Answerer:
    """The LLM answerer when a model is configured, else the offline one."""
    from agent.llm import build_chat_model

    model = model if model is not None else build_chat_model(settings)
    if model is None:
        return OfflineAnswerer(store, k=settings.retrieval_k)
    from agent.answering.llm import LLMAnswerer

    return LLMAnswerer(model, store, settings)


__all__ = ["DISCLAIMER", "Answerer", "OfflineAnswerer", "build_answerer"]
