"""The LLM drafter: the offline roadmap is the skeleton; the model rewrites its wording for this business.

The model returns only text (summary, stage summaries and activities, use-case rationales) through structured
output. Numbers, stages, use cases, budget and compliance tasks stay the planner's. Each answer is validated
and re-checked by the same rules; failures go back to the model (at most 2 retries). When retries or the
token budget run out, the owner gets the offline draft and a notice, never a crash.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from agent.checks import check_roadmap
from agent.config import Settings
from agent.llm import ModelUnavailableError, Usage, explain_model_error
from agent.planning.catalogue import Catalogue
from agent.planning.offline import collect_citations
from agent.prompts import render
from agent.schemas import STAGE_ORDER, Roadmap, StageId

MAX_RETRIES = 2
_CITE = re.compile(r"\[([a-z0-9][a-z0-9-]{2,80})\]")


class StageWording(BaseModel):
    """New wording for one stage."""

    model_config = ConfigDict(extra="forbid")
    id: StageId = Field(description="Stage id, unchanged from the draft.")
    summary: str = Field(description="One or two sentences on what this stage achieves for this business.")
    activities: list[str] = Field(description="Concrete activities for this business, at least three.")


class UseCaseWording(BaseModel):
    """New rationale for one use case."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(description="Use-case id, unchanged from the draft.")
    rationale: str = Field(description="One line on why it fits this business.")


class Tailoring(BaseModel):
    """The model's rewrite of the draft's wording."""

    model_config = ConfigDict(extra="forbid")
    summary: str = Field(description="Three to five sentences the owner reads first.")
    stages: list[StageWording] = Field(description="All nine stages in order.")
    use_cases: list[UseCaseWording] = Field(description="Every use case of the draft.")


class LLMDrafter:
    """Tailors an offline draft with a chat model, bounded and checked."""

    def __init__(self, model: Any, catalogue: Catalogue, settings: Settings) -> None:
        self._model = model
        self._catalogue = catalogue
        self._settings = settings

    def tailor(self, skeleton: Roadmap, usage: Usage, language: str = "English") -> tuple[Roadmap, list[str]]:
        """The tailored roadmap and notices; the skeleton itself when the model cannot produce a valid one."""
        guidance = self._guidance(skeleton)
        allowed = {g["id"] for g in guidance} | {c.doc_id for c in skeleton.citations}
        messages: list[Any] = [
            (
                "human",
                render(
                    "tailor_roadmap",
                    language=language,
                    guidance=guidance,
                    profile_json=skeleton.profile.model_dump_json(
                        exclude={"provenance", "description", "laws_considered"}
                    ),
                    draft_json=_wording_json(skeleton),
                ),
            )
        ]
        structured = self._model.with_structured_output(
            Tailoring, method=self._settings.llm_structured_method, include_raw=True
        )
        notices: list[str] = []
        for attempt in range(1 + MAX_RETRIES):
            if usage.exhausted:
                notices.append("The token budget for this request ran out; showing the offline draft.")
                break
            try:
                reply = structured.invoke(messages)
            except Exception as exc:  # the client already retried transient errors with backoff
                usage.add_failed(exc)
                notices.append(f"{explain_model_error(exc, self._settings)} Showing the offline draft.")
                break
            usage.add(reply["raw"])
            problems, tailored, dropped = self._apply(skeleton, reply, allowed)
            if dropped:
                notices.append("Removed citations the model invented: " + ", ".join(sorted(dropped)) + ".")
            if not problems and tailored is not None:
                return tailored, notices
            messages += [
                reply["raw"],
                *_tool_results(reply["raw"]),
                ("human", render("repair", problems=problems)),
            ]
            if attempt == MAX_RETRIES:
                notices.append(
                    f"The model's draft still failed checks after {MAX_RETRIES} retries "
                    f"({'; '.join(problems[:3])}); showing the offline draft."
                )
        return skeleton, notices

    def _apply(
        self, skeleton: Roadmap, reply: dict[str, Any], allowed: set[str]
    ) -> tuple[list[str], Roadmap | None, set[str]]:
        if reply.get("parsing_error") is not None or reply.get("parsed") is None:
            return [f"The answer did not match the schema: {reply.get('parsing_error')}"], None, set()
        wording: Tailoring = reply["parsed"]
        problems = _structure_problems(skeleton, wording)
        if problems:
            return problems, None, set()
        dropped: set[str] = set()

        def clean(text: str) -> str:
            for cited in _CITE.findall(text):
                if cited not in allowed and not re.fullmatch(r"\d+", cited):
                    dropped.add(cited)
            return re.sub(r"\s*\[([a-z0-9-]+)\]", lambda m: "" if m.group(1) in dropped else m.group(0), text)

        data = skeleton.model_dump()
        data["summary"] = clean(wording.summary)
        data["generated_by"] = "llm"
        for stage, new in zip(data["stages"], wording.stages, strict=True):
            compliance = [a for a in stage["activities"] if a.startswith("Compliance:")]
            stage["summary"] = clean(new.summary)
            stage["activities"] = [clean(a) for a in new.activities] + compliance
        rationale = {u.id: u.rationale for u in wording.use_cases}
        for use_case in data["use_cases"]:
            use_case["rationale"] = clean(rationale[use_case["id"]])
        try:
            tailored = Roadmap.model_validate(data)
        except ValidationError as exc:
            return [f"Invalid value: {e['loc']}: {e['msg']}" for e in exc.errors()[:5]], None, dropped
        tailored = tailored.model_copy(update={"citations": collect_citations(tailored)})
        # Only errors the model introduced count: the skeleton's own findings are not the model's to fix.
        before = {(f.rule_id, f.path) for f in check_roadmap(skeleton) if f.severity == "error"}
        errors = [f for f in check_roadmap(tailored) if f.severity == "error" and (f.rule_id, f.path) not in before]
        return [f"{f.rule_id} at {f.path}: {f.message} Fix: {f.fix}" for f in errors], tailored, dropped

    def _guidance(self, skeleton: Roadmap) -> list[dict[str, str]]:
        out = []
        for stage in self._catalogue.stages:
            doc = self._catalogue.docs[stage.citation.doc_id]
            text = " ".join(s.text for s in doc.sections[:2])[:700]
            out.append({"id": doc.id, "text": f"{doc.title}: {text}"})
        for action in skeleton.compliance[:8]:
            if action.citation:
                out.append({"id": action.citation.doc_id, "text": f"{action.ref}: {action.action}"})
        return out


def _tool_results(raw: Any) -> list[Any]:
    """With function calling, the API wants an answer to each tool call before the next user turn."""
    from langchain_core.messages import ToolMessage

    return [
        ToolMessage(content="Rejected; see the problems below.", tool_call_id=call["id"])
        for call in getattr(raw, "tool_calls", None) or []
    ]


def _wording_json(roadmap: Roadmap) -> str:
    view = {
        "summary": roadmap.summary,
        "stages": [
            {
                "id": s.id,
                "title": s.title,
                "months": [s.start_month, s.end_month],
                "summary": s.summary,
                "activities": [a for a in s.activities if not a.startswith("Compliance:")],
            }
            for s in roadmap.stages
        ],
        "use_cases": [
            {
                "id": u.id,
                "name": u.name,
                "phase": u.phase,
                "rationale": u.rationale,
                "metric": u.metric.model_dump(),
            }
            for u in roadmap.use_cases
        ],
        "budget": {"currency": roadmap.budget.currency, "total": roadmap.budget.total},
    }
    return json.dumps(view, ensure_ascii=False)


def _structure_problems(skeleton: Roadmap, wording: Tailoring) -> list[str]:
    problems = []
    ids = [s.id for s in wording.stages]
    if ids != list(STAGE_ORDER):
        problems.append(f"stages must be exactly {', '.join(STAGE_ORDER)} in this order; you gave {', '.join(ids)}")
    want = {u.id for u in skeleton.use_cases}
    got = {u.id for u in wording.use_cases}
    if got != want:
        problems.append(f"use_cases must have exactly these ids: {', '.join(sorted(want))}")
    for stage in wording.stages:
        if len([a for a in stage.activities if a.strip()]) < 3:
            problems.append(f"stage '{stage.id}' needs at least three concrete activities")
    return problems


__all__ = ["LLMDrafter", "ModelUnavailableError", "Tailoring"]
