"""The model-backed answerer: answers from retrieved passages only, cites their ids, stays honest.

Citations the model makes to passages it was not given are removed and reported; an answer left with no
valid citation is not presented as covered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from agent.answering.offline import DISCLAIMER, OfflineAnswerer
from agent.answering.question import ReadQuestion, read_question
from agent.answering.relevance import Verdict
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


class _HomeAnswerer:
    """The offline answerer the model falls back on, answering for the same place as the model was asked."""

    def __init__(self, offline: OfflineAnswerer, places: list[str] | None) -> None:
        self._offline, self._places = offline, places

    def answer(self, question: str, jurisdictions: list[str] | None = None) -> Answer:
        return self._offline.answer(question, jurisdictions, places=self._places)

    def assess(self, read: ReadQuestion, jurisdictions: list[str] | None = None) -> Verdict:
        return self._offline.assess(read, jurisdictions)


class LLMAnswerer:
    """Grounded answers from a chat model; falls back to the offline answerer when the model fails."""

    def __init__(self, model: Any, store: KnowledgeStore, settings: Settings) -> None:
        self._model, self._store, self._settings = model, store, settings

    def answer(
        self,
        question: str,
        jurisdictions: list[str] | None = None,
        usage: Usage | None = None,
        on_delta: Callable[[str], None] | None = None,
        places: list[str] | None = None,
    ) -> Answer:
        """A cited answer, or an honest 'not covered'. With on_delta, the model's text streams through it as it
        arrives (citations already renumbered, invented ones already dropped); the returned Answer is final."""
        usage = usage or Usage.for_settings(self._settings)
        hits = self._store.search(question, k=6, jurisdictions=jurisdictions, places=places)
        offline = _HomeAnswerer(OfflineAnswerer(self._store), places)
        read = read_question(question)
        read = replace(read, home=read.home | frozenset(places or ()))
        if not hits or not offline.assess(read, jurisdictions).covered:
            return offline.answer(question, jurisdictions)  # nothing to ground on: no model call, no guess
        passages = {f"P{n}": hit for n, hit in enumerate(hits, 1)}
        prompt = render(
            "answer",
            question=question,
            jurisdictions=jurisdictions or [],
            passages=[{"id": pid, "text": h.text, "source": h.doc_id} for pid, h in passages.items()],
            prose=on_delta is not None,
        )
        if on_delta is not None:
            return self._streamed(question, jurisdictions, prompt, passages, usage, on_delta, offline)
        structured = self._model.with_structured_output(
            ModelAnswer, method=self._settings.llm_structured_method, include_raw=True
        )
        try:
            reply = structured.invoke([("human", prompt)])
        except Exception as exc:
            usage.add_failed(exc)
            result = offline.answer(question, jurisdictions)
            note = f"{explain_model_error(exc, self._settings)} Answered offline instead."
            return result.model_copy(update={"not_covered": [*result.not_covered, note]})
        usage.add(reply["raw"])
        parsed: ModelAnswer | None = reply.get("parsed")
        if parsed is None:
            return offline.answer(question, jurisdictions)
        return _grounded(question, parsed, passages, jurisdictions)

    def _streamed(
        self,
        question: str,
        jurisdictions: list[str] | None,
        prompt: str,
        passages: dict[str, Hit],
        usage: Usage,
        on_delta: Callable[[str], None],
        offline: _HomeAnswerer,
    ) -> Answer:
        """Stream a prose answer whose first line is 'COVERED: yes|no'; the rest is the answer text."""
        stream = _CitationStream(set(passages), on_delta)
        full: Any = None
        try:
            for chunk in self._model.stream([("human", prompt)]):
                full = chunk if full is None else full + chunk
                stream.feed(str(chunk.content or ""))
        except Exception as exc:
            result = offline.answer(question, jurisdictions)
            note = f"{explain_model_error(exc, self._settings)} Answered offline instead."
            return result.model_copy(update={"not_covered": [*result.not_covered, note]})
        stream.close()
        if full is not None:
            usage.add(full)
        parsed = ModelAnswer(answer=stream.raw_body, cited=[], covered=stream.covered)
        return _grounded(question, parsed, passages, jurisdictions)


class _CitationStream:
    """Turns streamed model text into what the user should see, piece by piece: the 'COVERED:' header line is
    read, not shown; [P3] markers become [1], [2]... in order of first use (the same numbering _grounded gives);
    markers to passages that were not retrieved vanish. Nothing is shown when the model says not covered."""

    def __init__(self, passage_ids: set[str], on_delta: Callable[[str], None]) -> None:
        self._ids, self._emit = passage_ids, on_delta
        self._numbers: dict[str, int] = {}
        self._pending = ""
        self._header_done = False
        self.covered = True
        self.raw_body = ""

    def feed(self, text: str) -> None:
        self._pending += text
        if not self._header_done:
            if "\n" not in self._pending:
                return
            first, self._pending = self._pending.split("\n", 1)
            self._header_done = True
            header = re.match(r"\s*COVERED:\s*(yes|no)\s*$", first, re.I)
            if header:
                self.covered = header.group(1).lower() == "yes"
            else:  # no header: the first line is part of the answer
                self._pending = first + "\n" + self._pending
        cut = self._pending.rfind("[")
        if cut != -1 and "]" not in self._pending[cut:]:  # a marker may be split across chunks: hold it back
            ready, self._pending = self._pending[:cut], self._pending[cut:]
        else:
            ready, self._pending = self._pending, ""
        self._show(ready)

    def close(self) -> None:
        if not self._header_done:
            self.feed("\n")  # a one-line reply: read it as the header, or else as the answer
        self._show(self._pending)
        self._pending = ""

    def _show(self, text: str) -> None:
        if not text:
            return
        self.raw_body += text
        if self.covered:
            shown = _MARKER.sub(self._renumber, text)
            if shown:
                self._emit(shown)

    def _renumber(self, match: re.Match[str]) -> str:
        pid = match.group(1)
        if pid not in self._ids:
            return ""
        self._numbers.setdefault(pid, len(self._numbers) + 1)
        return f"[{self._numbers[pid]}]"


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
