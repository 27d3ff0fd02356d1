"""The model-backed answerer: answers from retrieved passages only, cites their ids, stays honest.

Citations the model makes to passages it was not given are removed and reported; an answer left with no
valid citation is not presented as covered.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from agent.answering.coverage import assess_coverage
from agent.answering.offline import DISCLAIMER, OfflineAnswerer
from agent.config import Settings
from agent.llm import Usage, explain_model_error
from agent.prompts import render
from agent.retrieval.store import Hit, KnowledgeStore
from agent.schemas import Answer

_MARKER = re.compile(r"\[(P\d+)\]")


class ModelAnswer(BaseModel):
    """What the model returns for a question."""

    model_config = ConfigDict(extra="forbid")
    answer: str = Field(description="The answer, citing passage ids like [P1] after each claim.")
    cited: list[str] = Field(description="Ids of the passages the answer rests on, e.g. ['P1', 'P3'].")
    covered: bool = Field(description="False when the passages do not answer the question.")
    not_covered: list[str] = Field(default_factory=list, description="Parts of the question left unanswered.")


class LLMAnswerer:
    """Grounded answers from a chat model; falls back to the offline answerer when the model fails."""

    def __init__(self, model: Any, store: KnowledgeStore, settings: Settings) -> None:
        self._model, self._store, self._settings = model, store, settings

    def answer(self, question: str, jurisdictions: list[str] | None = None, usage: Usage | None = None) -> Answer:
        """A cited answer, or an honest 'not covered'."""
        usage = usage or Usage.for_settings(self._settings)
        hits = self._store.search(question, k=6, jurisdictions=jurisdictions)
        offline = OfflineAnswerer(self._store)
        if not hits or not assess_coverage(question, hits).covered:
            return offline.answer(question, jurisdictions)  # nothing to ground on: no model call, no guess
        passages = {f"P{n}": hit for n, hit in enumerate(hits, 1)}
        prompt = render(
            "answer",
            question=question,
            jurisdictions=jurisdictions or [],
            passages=[{"id": pid, "text": h.text, "source": h.doc_id} for pid, h in passages.items()],
        )
        structured = self._model.with_structured_output(
            ModelAnswer, method=self._settings.llm_structured_method, include_raw=True
        )
        try:
            reply = structured.invoke([("human", prompt)])
        except Exception as exc:
            result = offline.answer(question, jurisdictions)
            note = f"{explain_model_error(exc, self._settings)} Answered offline instead."
            return result.model_copy(update={"not_covered": [*result.not_covered, note]})
        usage.add(reply["raw"])
        parsed: ModelAnswer | None = reply.get("parsed")
        if parsed is None:
            return offline.answer(question, jurisdictions)
        return _grounded(question, parsed, passages, jurisdictions)


def _grounded(question: str, parsed: ModelAnswer, passages: dict[str, Hit], jurisdictions: list[str] | None) -> Answer:
    used = [pid for pid in dict.fromkeys([*_MARKER.findall(parsed.answer), *parsed.cited])]
    invented = [pid for pid in used if pid not in passages]
    valid = [pid for pid in used if pid in passages]
    numbering = {pid: n for n, pid in enumerate(valid, 1)}
    text = _MARKER.sub(lambda m: f"[{numbering[m.group(1)]}]" if m.group(1) in numbering else "", parsed.answer)
    not_covered = list(parsed.not_covered)
    if invented:
        not_covered.append("Removed citations to passages that were not retrieved: " + ", ".join(invented))
    covered = parsed.covered and bool(valid)
    if not covered and not parsed.not_covered:
        not_covered.append(question)
    return Answer(
        question=question,
        answer=text.strip(),
        citations=[passages[p].citation() for p in valid],
        covered=covered,
        confidence=0.8 if covered else 0.2,
        not_covered=not_covered,
        jurisdictions=jurisdictions or [],
        disclaimer=DISCLAIMER,
        mode="llm",
    )
