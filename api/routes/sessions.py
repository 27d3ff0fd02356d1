"""Interview sessions: create, send messages (JSON or server-sent events), read state, roadmap and versions."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from agent.errors import NotFoundError
from agent.export import roadmap_markdown
from agent.schemas import Finding, Roadmap
from api.deps import OwnerDep, Services, ServicesDep
from api.models import ErrorBody, MessageReply, MessageRequest, SessionCreated, SessionView
from api.streaming import reply_pieces

log = logging.getLogger("roadmap.api")
router = APIRouter(
    prefix="/v1/sessions",
    tags=["sessions"],
    responses={404: {"model": ErrorBody}, 401: {"model": ErrorBody}, 422: {"model": ErrorBody}},
)


@router.post("", response_model=SessionCreated, status_code=201)
async def create_session(services: ServicesDep, owner: OwnerDep) -> SessionCreated:
    """Start an interview; the reply holds the session id and the opening question."""
    session_id = await run_in_threadpool(services.interview.create_session, owner)
    state = services.interview.state(session_id, owner)
    return SessionCreated(id=session_id, message=state["messages"][-1])


@router.post(
    "/{session_id}/messages",
    response_model=MessageReply,
    responses={200: {"content": {"text/event-stream": {}}}},
)
async def send_message(
    session_id: str, body: MessageRequest, request: Request, services: ServicesDep, owner: OwnerDep
) -> Any:
    """Send one message. Ask for `Accept: text/event-stream` to get the reply as server-sent events: `delta`
    events while a model writes the reply, then `message` (the saved turn, as in the JSON reply) and `done`."""
    if "text/event-stream" in request.headers.get("accept", ""):
        events = await run_in_threadpool(services.interview.send_stream, session_id, owner, body.content)
        return StreamingResponse(_sse(services, session_id, owner, events), media_type="text/event-stream")
    reply = await run_in_threadpool(services.interview.send, session_id, owner, body.content)
    return _message_reply(services, session_id, owner, reply)


def _message_reply(services: Services, session_id: str, owner: str, reply: dict[str, Any]) -> MessageReply:
    state = services.interview.state(session_id, owner)
    version = len(state.get("versions") or []) or None
    return MessageReply(session_id=session_id, reply=reply, roadmap_version=version)


def _sse(services: Services, session_id: str, owner: str, events: Iterator[dict[str, Any]]) -> Iterator[str]:
    try:
        for piece, reply in reply_pieces(events):
            if reply is None:
                yield f"event: delta\ndata: {json.dumps({'content': piece})}\n\n"
            else:
                saved = _message_reply(services, session_id, owner, reply)
                yield f"event: message\ndata: {saved.model_dump_json()}\n\n"
    except Exception as exc:  # the headers are sent: report in-band
        log.exception("turn failed mid-stream")
        error = {"error": type(exc).__name__, "message": "The turn failed; reload the session to see what was saved."}
        yield f"event: error\ndata: {json.dumps(error)}\n\n"
        return
    yield "event: done\ndata: {}\n\n"


@router.get("/{session_id}", response_model=SessionView)
def get_session(session_id: str, services: ServicesDep, owner: OwnerDep) -> SessionView:
    """Messages, profile and version list of a session."""
    state = services.interview.state(session_id, owner)
    versions = [
        {k: v for k, v in ver.items() if k in ("version", "created_at", "change")}
        for ver in state.get("versions") or []
    ]
    return SessionView(
        id=session_id,
        messages=state.get("messages") or [],
        profile=state.get("profile") or {},
        versions=versions,
        pending_question=state.get("pending_slot"),
    )


@router.get("/{session_id}/roadmap", responses={200: {"content": {"text/markdown": {}}}})
def get_roadmap(
    session_id: str,
    services: ServicesDep,
    owner: OwnerDep,
    format: Literal["json", "md"] = "json",
    version: int | None = Query(default=None, ge=1, le=10_000),
) -> Response:
    """The latest (or a given) roadmap version as JSON or Markdown."""
    versions = services.interview.state(session_id, owner).get("versions") or []
    if not versions:
        raise NotFoundError("This session has no roadmap yet; keep chatting until the first draft.")
    if version is not None and version > len(versions):
        raise NotFoundError(f"Version {version} does not exist; the latest is {len(versions)}.")
    chosen = versions[(version or len(versions)) - 1]
    if format == "md":
        roadmap = Roadmap.model_validate(chosen["roadmap"])
        findings = [Finding.model_validate(f) for f in chosen.get("findings", [])]
        return PlainTextResponse(roadmap_markdown(roadmap, findings), media_type="text/markdown")
    return Response(
        json.dumps(
            {
                "version": chosen["version"],
                "roadmap": chosen["roadmap"],
                "findings": chosen.get("findings", []),
            }
        ),
        media_type="application/json",
    )


@router.get("/{session_id}/roadmap/versions")
def list_versions(session_id: str, services: ServicesDep, owner: OwnerDep) -> list[dict[str, Any]]:
    """Every roadmap version with when it was made and what changed."""
    versions = services.interview.state(session_id, owner).get("versions") or []
    return [
        {
            "version": v["version"],
            "created_at": v["created_at"],
            "change": v["change"],
            "errors": sum(f["severity"] == "error" for f in v.get("findings", [])),
        }
        for v in versions
    ]
