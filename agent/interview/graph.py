"""The interview as a LangGraph graph. Each turn: read the message into the profile, then ask the next
question, draft, revise, or answer a compliance question. The checkpointer is the session store."""

from __future__ import annotations

import operator
from datetime import UTC, date, datetime
from typing import Annotated, Any, TypedDict

from langgraph.config import get_config, get_stream_writer
from langgraph.graph import END, START, StateGraph

from agent.config import Settings
from agent.errors import UsageError
from agent.interview.changes import describe_changes
from agent.interview.naming import use_case_names
from agent.interview.phrasing import phrase_question
from agent.interview.questions import SLOTS, next_question
from agent.interview.semantic import LazyEmbedder
from agent.interview.understanding import TurnContext, latest_raw, read_turn
from agent.llm import Usage
from agent.planning.pipeline import draft_from_profile
from agent.profile.applicability import location_codes
from agent.schemas import BusinessProfile, Roadmap
from agent.writing.words import counted


class InterviewState(TypedDict, total=False):
    """Everything a conversation keeps between turns."""

    messages: Annotated[list[dict[str, Any]], operator.add]
    profile: dict[str, Any]
    pending_slot: str | None
    asked: list[str]
    skipped: list[str]
    versions: list[dict[str, Any]]
    intent: dict[str, Any]
    undo: list[dict[str, Any]]


def route(state: InterviewState) -> str:
    """Which node answers the turn the understand step read."""
    kind = state["intent"]["kind"]
    roadmap = latest_raw(state)
    if kind == "chat" and roadmap is None and not state.get("pending_slot"):
        # a greeting before anything was asked: the first question, or the draft when nothing is left to ask
        # (a model's reading of the opening can fill every slot at once)
        return "question" if _next(state) is not None else "draft"
    if kind in ("ask", "undo", "reject", "chat"):
        return kind
    if kind == "ask_trade":
        return "question"
    if kind == "show" and roadmap is not None:
        return "show"
    if kind == "revise" and roadmap is not None:
        return "revise"
    if kind == "draft" and roadmap is not None:
        return "revise"
    if roadmap is not None:
        return "nothing"
    if kind in ("draft", "show") or _next(state) is None:
        return "draft"
    return "question"


def _next(state: InterviewState) -> tuple[str, str] | None:
    profile = BusinessProfile.model_validate(state["profile"])
    return next_question(profile, state.get("asked", []), state.get("skipped", []))


def build_graph(
    settings: Settings, answerer_factory: Any, checkpointer: Any, today: date | None = None, model: Any = None
) -> Any:
    """Compile the interview graph over a checkpointer (SQLite or PostgreSQL saver). With a model, turns also
    read free-form answers through it and drafts are tailored; the graph and its state are the same."""
    from agent.planning.catalogue import load_catalogue

    specs = load_catalogue(settings.knowledge_dir).use_cases
    names = use_case_names(tuple((u.id, u.title) for u in specs))
    titles = {u.id: u.title for u in specs}

    context = TurnContext(names, titles, LazyEmbedder(settings), settings.index_dir / "models", today)

    def understand(state: InterviewState) -> dict[str, Any]:
        meter = _meter({})
        reading = read_turn(dict(state), context, lambda profile, text: _model_reading(profile, text, meter))
        if "intent" in reading:
            reading["intent"]["usage"] = meter.as_dict() if meter else None
        return reading

    def question(state: InterviewState) -> dict[str, Any]:
        profile = BusinessProfile.model_validate(state["profile"])
        if state["intent"]["kind"] == "ask_trade":
            slot, text = "industry", dict(SLOTS)["industry"]
        else:
            slot, text = next_question(profile, state.get("asked", []), state.get("skipped", []))  # type: ignore[misc]
        noted = state["intent"].get("note", "") + _noted(state["intent"].get("changed", []), profile, titles)
        meter = _meter(state)
        if meter is not None:
            text = phrase_question(model, slot, text, profile, state["messages"][-1]["content"], meter)
        return {
            "pending_slot": slot,
            "asked": [*state.get("asked", []), slot],
            "messages": [_reply(f"{noted}{text}", kind="question", slot=slot, **_usage(meter))],
        }

    def draft(state: InterviewState) -> dict[str, Any]:
        return _new_version(state, "First draft.", kind="draft", prefix=state["intent"].get("note", ""))

    def revise(state: InterviewState) -> dict[str, Any]:
        intent = state["intent"]
        if intent.get("redo_stage"):
            note = f"Redid the {intent['redo_stage']} stage from the current profile."
        else:
            note = "Revised."
        return _new_version(state, note, kind="revision", prefix=intent.get("note", ""))

    def show(state: InterviewState) -> dict[str, Any]:
        from agent.export.markdown import roadmap_markdown
        from agent.schemas import Finding

        latest = state["versions"][-1]
        roadmap = Roadmap.model_validate(latest["roadmap"])
        findings = [Finding.model_validate(f) for f in latest.get("findings", [])]
        body = f"Your roadmap, version {latest['version']}:\n\n{roadmap_markdown(roadmap, findings)}"
        return {"messages": [_reply(body, kind="roadmap", version=latest["version"], **_usage(_meter(state)))]}

    def undo(state: InterviewState) -> dict[str, Any]:
        history = list(state.get("undo", []))
        if not history:
            return {"messages": [_reply("There is nothing to undo yet.", kind="info", **_usage(_meter(state)))]}
        last = history.pop()
        versions = list(state.get("versions", []))
        if versions and last["versions"] == 0:  # the change made the first draft: there is no plan before it
            text = "Version 1 is your first draft; there is no earlier plan to go back to. Tell me what to change."
            return {"undo": [], "messages": [_reply(text, kind="info", **_usage(_meter(state)))]}
        update: dict[str, Any] = {"profile": last["profile"], "undo": history}
        text = "Undone: back to what you had before your last change."
        if 0 < last["versions"] < len(versions):
            restored = _whole(versions[last["versions"] - 1])
            version = {**restored, "version": len(versions) + 1, "created_at": _now()}
            version["change"] = f"Undid the last change: same as version {restored['version']}."
            update["versions"] = [*versions, version]
            text = (
                f"Undone: the roadmap is back to version {restored['version']} (saved as version {version['version']})."
            )
        update["messages"] = [_reply(text, kind="undo", **_usage(_meter(state)))]
        return update

    def small_talk(state: InterviewState) -> dict[str, Any]:
        slot = state.get("pending_slot")
        if slot and latest_raw(state) is None:
            text = f"{state['intent'].get('note', '')}Happy to help. {dict(SLOTS)[slot]}"
        else:
            text = "You're welcome. Ask me a compliance question, say 'show me the roadmap', or tell me what to change."
        return {"messages": [_reply(text.strip(), kind="info", **_usage(_meter(state)))]}

    def reject(state: InterviewState) -> dict[str, Any]:
        text = state["intent"]["note"]
        slot = state.get("pending_slot")
        if slot and latest_raw(state) is None:
            text += f"\n\n{dict(SLOTS)[slot]}"
        return {"messages": [_reply(text, kind="info", **_usage(_meter(state)))]}

    def answer(state: InterviewState) -> dict[str, Any]:
        text = state["messages"][-1]["content"]
        profile = BusinessProfile.model_validate(state.get("profile") or {})
        on_delta = None
        if get_config()["configurable"].get("stream_answer"):  # set only by a caller that streams the turn
            writer = get_stream_writer()
            on_delta = lambda delta: writer({"delta": delta})  # noqa: E731
        meter = _meter(state)
        # Once a plan exists its laws were judged with the planned use cases too (NYC LL 144 once CV screening is
        # in the plan): a follow-up question is answered for those.
        roadmap = _latest(state)
        laws = roadmap.profile.jurisdictions if roadmap else profile.jurisdictions
        home = sorted(location_codes(roadmap.profile if roadmap else profile))  # its place layer leads
        result = answerer_factory().answer(text, laws or None, usage=meter, on_delta=on_delta, places=home)
        body = result.answer
        if result.citations:
            body += "\n\n" + "\n".join(
                f"[{n}] {c.title}, {c.section} ({c.doc_id})" for n, c in enumerate(result.citations, 1)
            )
        body += f"\n\n*{result.disclaimer}*"
        slot = state.get("pending_slot")
        if slot and latest_raw(state) is None:  # the interview was waiting for an answer: ask again
            body += f"\n\nBack to your plan: {dict(SLOTS)[slot]}"
        reply = _reply(body, kind="answer", answer=result.model_dump(mode="json"), **_usage(meter))
        return {"messages": [reply]}

    def _whole(version: dict[str, Any]) -> dict[str, Any]:
        """A saved version with its roadmap: the store keeps older versions once, outside the state (as stubs)."""
        if "roadmap" in version or not hasattr(checkpointer, "load_version"):
            return version
        thread = get_config()["configurable"]["thread_id"]
        return checkpointer.load_version(thread, version["ref"]) or version

    def nothing(state: InterviewState) -> dict[str, Any]:
        intent = state["intent"]
        text = intent.get("note") or "Noted; nothing in the plan changed. "
        text += _HINT if intent.get("note") else _FOLLOW_UP.get(intent.get("label", ""), _HINT)
        return {"messages": [_reply(text, kind="info", **_usage(_meter(state)))]}

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
        except Exception as exc:  # the rules' reading stands; the next draft reports the endpoint problem
            meter.add_failed(exc)
            return profile

    def _new_version(state: InterviewState, note: str, kind: str, prefix: str = "") -> dict[str, Any]:
        profile = BusinessProfile.model_validate(state["profile"])
        usage = _meter(state)
        try:
            result = draft_from_profile(profile, settings, model, usage)
        except UsageError as exc:  # e.g. every use case ruled out: say so, keep the versions as they are
            text = f"{prefix}I could not draft from that: {exc} Say 'undo' to take the last change back."
            return {"messages": [_reply(text, kind="info", **_usage(usage))]}
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
        opening = (
            f"Here is your first draft (version {version['version']})."
            if previous is None
            else f"Updated the roadmap (version {version['version']}). {change}"
        )
        checks = f"Checks: {counted(len(result.findings), 'finding')}, {counted(errors, 'error')}."
        text = f"{prefix}{opening} {checks}\n\n{result.roadmap.summary}"
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
        ("show", show),
        ("undo", undo),
        ("chat", small_talk),
        ("reject", reject),
    ):
        graph.add_node(name, fn)
    graph.add_edge(START, "understand")
    ends = ["question", "draft", "revise", "ask", "nothing", "show", "undo", "chat", "reject"]
    graph.add_conditional_edges("understand", route, ends)
    for name in ends:
        graph.add_edge(name, END)
    return graph.compile(checkpointer=checkpointer)


_HINT = (
    "Ask a compliance question, say 'show me the roadmap', or tell me what to change (e.g. 'our budget is "
    "EUR 8k', 'drop the chatbot', 'make review replies the pilot', 'undo')."
)
# A change the owner announced without the new value: ask for it.
_FOLLOW_UP = {
    "edit_budget": "What is the new budget? A figure or a range is fine, e.g. 'EUR 5,000' or '3-4k'.",
    "edit_deadline": "By when do you want the first results? A month is enough, e.g. 'by June'.",
    "correction": "What should it say instead? " + _HINT,
}


def _latest(state: InterviewState) -> Roadmap | None:
    versions = state.get("versions") or []
    return Roadmap.model_validate(versions[-1]["roadmap"]) if versions else None


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _usage(meter: Usage | None) -> dict[str, Any]:
    return {"usage": meter.as_dict()} if meter is not None else {}


def _reply(content: str, **meta: Any) -> dict[str, Any]:
    return {"role": "assistant", "content": content, "at": _now(), **meta}


def _noted(changed: list[str], profile: BusinessProfile, titles: dict[str, str]) -> str:
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
    noted = f"Noted your {', '.join(dict.fromkeys(names))}. " if names else ""
    if "requested_use_cases" in changed and profile.requested_use_cases:
        # Say back what was understood as asked, so a misreading is caught before the draft.
        asked = "; ".join(titles.get(uc, uc) for uc in profile.requested_use_cases)
        noted += f"You asked for: {asked}. "
    return noted
