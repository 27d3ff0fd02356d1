"""Interview sessions: create, send messages (JSON or server-sent events), read state, roadmap and versions,
delete. POSTs honour an `Idempotency-Key` header: a retry with the same key gets the first response."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from agent.errors import NotFoundError
from agent.export import parse_start
from agent.schemas import Finding, Roadmap
from api.deps import OwnerDep, Services, ServicesDep
from api.downloads import FILE_RESPONSES, file_response
from api.idempotency import fingerprint, once
from api.models import START_PATTERN, ErrorBody, ExportName, MessageReply, MessageRequest, SessionCreated, SessionView
from api.streaming import reply_pieces

IdempotencyKey = Annotated[
    str | None, Header(max_length=200, description="Send the same key again to retry without repeating.")
]

log = logging.getLogger("roadmap.api")
router = APIRouter(
    prefix="/v1/sessions",
    tags=["sessions"],
    responses={404: {"model": ErrorBody}, 401: {"model": ErrorBody}, 422: {"model": ErrorBody}},
)


@router.post("", response_model=SessionCreated, status_code=201)
async def create_session(
    services: ServicesDep, owner: OwnerDep, idempotency_key: IdempotencyKey = None
) -> SessionCreated:
    """Start an interview; the reply holds the session id and the opening question."""

    def create() -> tuple[str, dict[str, Any]]:
        session_id = services.interview.create_session(owner)
        state = services.interview.state(session_id, owner)
        return session_id, SessionCreated(id=session_id, message=state["messages"][-1]).model_dump(mode="json")

    if idempotency_key is None:
        return SessionCreated.model_validate((await run_in_threadpool(create))[1])
    body = await run_in_threadpool(once, services, owner, "create", idempotency_key, fingerprint(), create)
    return SessionCreated.model_validate(body)


@router.delete("/{session_id}", status_code=204, responses={204: {"description": "Deleted."}})
async def delete_session(session_id: str, services: ServicesDep, owner: OwnerDep) -> Response:
    """Delete a session with its messages and roadmap versions (frees a place under the per-key limit)."""
    await run_in_threadpool(services.interview.delete_session, session_id, owner)
    return Response(status_code=204)


@router.post(
    "/{session_id}/messages",
    response_model=MessageReply,
    responses={200: {"content": {"text/event-stream": {}}}},
)
async def send_message(
    session_id: str,
    body: MessageRequest,
    request: Request,
    services: ServicesDep,
    owner: OwnerDep,
    idempotency_key: IdempotencyKey = None,
) -> Any:
    """Send one message. Ask for `Accept: text/event-stream` to get the reply as server-sent events: `delta`
    events while a model writes the reply, then `message` (the saved turn, as in the JSON reply) and `done`.
    With an Idempotency-Key the turn runs whole first, so its events come from the saved reply."""
    streaming = "text/event-stream" in request.headers.get("accept", "")
    if idempotency_key is not None:
        asked = fingerprint(session_id, body.content)

        def turn() -> tuple[str, dict[str, Any]]:
            reply = services.interview.send(session_id, owner, body.content)
            return session_id, _message_reply(services, session_id, owner, reply).model_dump(mode="json")

        saved = await run_in_threadpool(once, services, owner, "message", idempotency_key, asked, turn)
        if streaming:
            events = iter([{"reply": saved["reply"]}])
            return StreamingResponse(_sse(services, session_id, owner, events), media_type="text/event-stream")
        return MessageReply.model_validate(saved)
    if streaming:
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


@router.get("/{session_id}/roadmap", responses=FILE_RESPONSES)
def get_roadmap(
    session_id: str,
    services: ServicesDep,
    owner: OwnerDep,
    format: ExportName = "json",
    version: int | None = Query(default=None, ge=1, le=10_000),
    start: str | None = Query(default=None, pattern=START_PATTERN, description="Month 1 as YYYY-MM."),
) -> Response:
    """The latest (or a given) roadmap version: JSON (with its version and findings), or as a file in md, docx,
    pdf, xlsx, csv (tasks) or ics (milestones and gates)."""
    chosen = services.interview.version(session_id, owner, version)
    if chosen is None:
        versions = services.interview.state(session_id, owner).get("versions") or []
        if not versions:
            raise NotFoundError("This session has no roadmap yet; keep chatting until the first draft.")
        raise NotFoundError(f"Version {version} does not exist; the latest is {len(versions)}.")
    if format != "json":
        roadmap = Roadmap.model_validate(chosen["roadmap"])
        findings = [Finding.model_validate(f) for f in chosen.get("findings", [])]
        return file_response(format, roadmap, findings, parse_start(start) if start else None)
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
            # older versions are kept as stubs that carry their error count
            "errors": v["errors"] if "errors" in v else sum(f["severity"] == "error" for f in v.get("findings", [])),
        }
        for v in versions
    ]
