"""The interview as a LangGraph graph. Each turn: read the message into the profile, then ask the next
question, draft, revise, or answer a compliance question. The checkpointer is the session store."""

from __future__ import annotations

import operator
from datetime import UTC, date, datetime
from typing import Annotated, Any, TypedDict

from langgraph.config import get_config, get_stream_writer
from langgraph.graph import END, START, StateGraph

from agent.config import Settings
from agent.interview.changes import describe_changes
from agent.interview.intents import Intent, read_intent
from agent.interview.phrasing import phrase_question
from agent.interview.questions import SLOTS, next_question
from agent.llm import Usage
from agent.planning.pipeline import draft_from_profile
from agent.profile.update import is_skip, record_skip, update_profile
from agent.schemas import BusinessProfile, Roadmap


class InterviewState(TypedDict, total=False):
    """Everything a conversation keeps between turns."""

    messages: Annotated[list[dict[str, Any]], operator.add]
    profile: dict[str, Any]
    pending_slot: str | None
    asked: list[str]
    skipped: list[str]
    versions: list[dict[str, Any]]
    intent: dict[str, Any]


def build_graph(
    settings: Settings, answerer_factory: Any, checkpointer: Any, today: date | None = None, model: Any = None
) -> Any:
    """Compile the interview graph over a checkpointer (SQLite or PostgreSQL saver). With a model, turns also
    read free-form answers through it and drafts are tailored; the graph and its state are the same."""
    from agent.planning.catalogue import load_catalogue

    catalogue_ids = [u.id for u in load_catalogue(settings.knowledge_dir).use_cases]

    def understand(state: InterviewState) -> dict[str, Any]:
        text = state["messages"][-1]["content"]
        profile = BusinessProfile.model_validate(state.get("profile") or {})
        roadmap = _latest(state)
        intent = read_intent(text, roadmap, catalogue_ids)
        asked, skipped = list(state.get("asked", [])), list(state.get("skipped", []))
        slot = state.get("pending_slot")
        changed: list[str] = []
        meter = _meter({})
        if intent.kind != "ask":
            if slot and is_skip(text):
                skipped.append(slot)
                profile = record_skip(profile, slot)
            else:
                profile, changed = update_profile(profile, text, today or date.today(), slot)
                profile = _model_reading(profile, text, meter)
            if intent.drop:
                profile = profile.model_copy(
                    update={"excluded_use_cases": sorted({*profile.excluded_use_cases, *intent.drop})}
                )
            if intent.add:
                profile = profile.model_copy(
                    update={
                        "requested_use_cases": sorted({*profile.requested_use_cases, *intent.add}),
                        "excluded_use_cases": [u for u in profile.excluded_use_cases if u not in intent.add],
                    }
                )
            if roadmap is not None and intent.kind == "inform" and changed:
                intent = Intent("revise")
        return {
            "profile": profile.model_dump(mode="json"),
            "asked": asked,
            "skipped": skipped,
            # The turn's model use so far; the node that replies adds its own and reports the total.
            "intent": {**intent.__dict__, "changed": changed, "usage": meter.as_dict() if meter else None},
        }

    def route(state: InterviewState) -> str:
        kind = state["intent"]["kind"]
        if kind in ("ask", "revise"):
            return kind
        if _latest(state) is not None:
            return "nothing"
        profile = BusinessProfile.model_validate(state["profile"])
        if kind == "draft" or next_question(profile, state.get("asked", []), state.get("skipped", [])) is None:
            return "draft"
        return "question"

    def question(state: InterviewState) -> dict[str, Any]:
        profile = BusinessProfile.model_validate(state["profile"])
        slot, text = next_question(profile, state.get("asked", []), state.get("skipped", []))  # type: ignore[misc]
        noted = _noted(state["intent"].get("changed", []), profile)
        meter = _meter(state)
        if meter is not None:
            text = phrase_question(model, slot, text, profile, state["messages"][-1]["content"], meter)
        return {
            "pending_slot": slot,
            "asked": [*state.get("asked", []), slot],
            "messages": [_reply(f"{noted}{text}", kind="question", slot=slot, **_usage(meter))],
        }

    def draft(state: InterviewState) -> dict[str, Any]:
        return _new_version(state, "First draft.", kind="draft")

    def revise(state: InterviewState) -> dict[str, Any]:
        intent = state["intent"]
        if intent.get("redo_stage"):
            note = f"Redid the {intent['redo_stage']} stage from the current profile."
        else:
            note = "Revised."
        return _new_version(state, note, kind="revision")

    def answer(state: InterviewState) -> dict[str, Any]:
        text = state["messages"][-1]["content"]
        profile = BusinessProfile.model_validate(state.get("profile") or {})
        on_delta = None
        if get_config()["configurable"].get("stream_answer"):  # set only by a caller that streams the turn
            writer = get_stream_writer()
            on_delta = lambda delta: writer({"delta": delta})  # noqa: E731
        meter = _meter(state)
        result = answerer_factory().answer(text, profile.jurisdictions or None, usage=meter, on_delta=on_delta)
        body = result.answer
        if result.citations:
            body += "\n\n" + "\n".join(
                f"[{n}] {c.title}, {c.section} ({c.doc_id})" for n, c in enumerate(result.citations, 1)
            )
        body += f"\n\n*{result.disclaimer}*"
        slot = state.get("pending_slot")
        if slot and _latest(state) is None:  # the interview was waiting for an answer: ask again
            body += f"\n\nBack to your plan: {dict(SLOTS)[slot]}"
        reply = _reply(body, kind="answer", answer=result.model_dump(mode="json"), **_usage(meter))
        return {"messages": [reply]}

    def nothing(state: InterviewState) -> dict[str, Any]:
        return {
            "messages": [
                _reply(
                    "Noted. Ask a compliance question, or tell me what to change (e.g. 'our budget is EUR 8k', "
                    "'drop the chatbot', 'redo the data stage').",
                    kind="info",
                    **_usage(_meter(state)),
                )
            ]
        }

    def _meter(state: InterviewState | dict[str, Any]) -> Usage | None:
        """The turn's usage meter (None offline), carrying what the understand step already spent."""
        if model is None:
            return None
        return Usage.resumed(settings, (state.get("intent") or {}).get("usage"))

    def _model_reading(profile: BusinessProfile, text: str, meter: Usage | None) -> BusinessProfile:
        if model is None or meter is None:
            return profile
        from agent.profile.llm_extract import llm_extract

        try:
            return llm_extract(model, profile, meter, settings, text=text)
        except Exception:  # the rules' reading stands; the next draft reports the endpoint problem
            return profile

    def _new_version(state: InterviewState, note: str, kind: str) -> dict[str, Any]:
        profile = BusinessProfile.model_validate(state["profile"])
        usage = _meter(state)
        result = draft_from_profile(profile, settings, model, usage)
        previous = _latest(state)
        versions = list(state.get("versions", []))
        change = describe_changes(previous, result.roadmap) if previous else note
        errors = sum(f.severity == "error" for f in result.findings)
        version = {
            "version": len(versions) + 1,
            "created_at": _now(),
            "change": change,
            "roadmap": result.roadmap.model_dump(mode="json"),
            "findings": [f.model_dump() for f in result.findings],
        }
        text = (
            f"{'Here is your first draft' if previous is None else 'Updated the roadmap'} (version "
            f"{version['version']}). {change} Checks: {len(result.findings)} findings, {errors} errors.\n\n"
            f"{result.roadmap.summary}"
        )
        if result.notices:
            text += "\n\n" + "\n".join(f"Note: {n}" for n in result.notices)
        return {
            "versions": [*versions, version],
            "pending_slot": None,
            "messages": [_reply(text, kind=kind, version=version["version"], **_usage(usage))],
        }

    graph = StateGraph(InterviewState)
    for name, fn in (
        ("understand", understand),
        ("question", question),
        ("draft", draft),
        ("revise", revise),
        ("ask", answer),
        ("nothing", nothing),
    ):
        graph.add_node(name, fn)
    graph.add_edge(START, "understand")
    graph.add_conditional_edges("understand", route, ["question", "draft", "revise", "ask", "nothing"])
    for name in ("question", "draft", "revise", "ask", "nothing"):
        graph.add_edge(name, END)
    return graph.compile(checkpointer=checkpointer)


def _latest(state: InterviewState) -> Roadmap | None:
    versions = state.get("versions") or []
    return Roadmap.model_validate(versions[-1]["roadmap"]) if versions else None


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _usage(meter: Usage | None) -> dict[str, Any]:
    return {"usage": meter.as_dict()} if meter is not None else {}


def _reply(content: str, **meta: Any) -> dict[str, Any]:
    return {"role": "assistant", "content": content, "at": _now(), **meta}


def _noted(changed: list[str], profile: BusinessProfile) -> str:
    labels = {
        "locations": "location",
        "industry": "trade",
        "headcount": "team size",
        "budget": "budget",
        "goals": "goals",
        "systems": "systems",
        "data_held": "data",
        "deadline": "deadline",
    }
    names = [labels[c] for c in changed if c in labels]
    return f"Noted your {', '.join(dict.fromkeys(names))}. " if names else ""
