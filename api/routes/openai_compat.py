"""OpenAI-compatible chat completions, so any OpenAI client or chat front end can hold the interview.

A conversation is keyed by its first user message (or the `user` field): a client that resends its whole
history continues the same interview, and only the user messages the session has not yet seen are run.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import uuid
from collections.abc import Iterator
from typing import Any, Literal

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from agent.errors import UsageError
from api.deps import OwnerDep, ServicesDep
from api.models import ErrorBody
from api.streaming import reply_pieces

log = logging.getLogger("roadmap.api")
router = APIRouter(
    prefix="/v1", tags=["openai-compatible"], responses={401: {"model": ErrorBody}, 422: {"model": ErrorBody}}
)
MODEL_ID = "roadmap-agent"


class ChatMessage(BaseModel):
    """An OpenAI chat message (text content only)."""

    model_config = ConfigDict(extra="allow")
    role: Literal["system", "user", "assistant", "tool", "developer"]
    content: str | list[dict[str, Any]] | None = None


class ChatRequest(BaseModel):
    """The subset of the chat completions request this server honours; other fields are ignored."""

    model_config = ConfigDict(extra="allow")
    model: str = Field(default=MODEL_ID, max_length=200)
    messages: list[ChatMessage] = Field(min_length=1, max_length=500)
    stream: bool = False
    stream_options: dict[str, Any] | None = Field(default=None, description="{'include_usage': true} adds usage.")
    user: str | None = Field(default=None, max_length=200)


@router.get("/models")
def list_models(_owner: OwnerDep) -> dict[str, Any]:
    """The one model this server offers."""
    return {
        "object": "list",
        "data": [{"id": MODEL_ID, "object": "model", "created": 1767225600, "owned_by": "roadmap-agent"}],
    }


@router.post("/chat/completions")
async def chat_completions(body: ChatRequest, services: ServicesDep, owner: OwnerDep) -> Any:
    """Run the interview turn(s) for the new user messages and answer like the OpenAI API."""
    users = [_text(m) for m in body.messages if m.role == "user"]
    if not users or not users[-1].strip():
        raise UsageError("messages must contain a non-empty user message.")
    key = hashlib.sha256((body.user or users[0]).encode()).hexdigest()[:32]
    completion_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
    if body.stream:
        earlier, pieces = await run_in_threadpool(_run_turns_streaming, services, owner, key, users)
        include_usage = bool((body.stream_options or {}).get("include_usage"))
        chunks = _stream(completion_id, body.model, earlier, pieces, include_usage)
        return StreamingResponse(chunks, media_type="text/event-stream")
    reply, replies = await run_in_threadpool(_run_turns, services, owner, key, users)
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": reply}, "finish_reason": "stop"}],
        # The agent's own model calls for these turns (all zero offline: no model runs).
        "usage": _tokens(replies),
    }


def _pending_turns(services: ServicesDep, owner: str, key: str, users: list[str]) -> tuple[str, list[str]]:
    """The session for this conversation and the user messages it has not seen yet (a client resends the whole
    history every time)."""
    interview = services.interview
    session_id = interview.find_session(owner, key)
    if session_id is None:
        session_id = interview.create_session(owner)
        interview.bind_key(session_id, key)
    seen = sum(1 for m in interview.state(session_id, owner).get("messages", []) if m["role"] == "user")
    return session_id, [text for text in users[seen:] if text.strip()]


def _last_reply(services: ServicesDep, owner: str, session_id: str) -> str:
    messages = services.interview.state(session_id, owner).get("messages", [])
    return str(next(m["content"] for m in reversed(messages) if m["role"] == "assistant"))


def _run_turns(services: ServicesDep, owner: str, key: str, users: list[str]) -> tuple[str, list[dict[str, Any]]]:
    """The reply text to show (after a client retry with nothing new: the last one again) and the new replies."""
    session_id, pending = _pending_turns(services, owner, key, users)
    replies = [services.interview.send(session_id, owner, text) for text in pending]
    return _last_reply(services, owner, session_id), replies


Pieces = Iterator[tuple[str, dict[str, Any] | None]]


def _run_turns_streaming(
    services: ServicesDep, owner: str, key: str, users: list[str]
) -> tuple[list[dict[str, Any]], Pieces]:
    """Earlier unseen messages run as plain turns (their replies are returned); the last one streams, as
    (piece, None) pairs and then ("", saved reply)."""
    session_id, pending = _pending_turns(services, owner, key, users)
    earlier = [services.interview.send(session_id, owner, text) for text in pending[:-1]]
    if not pending:
        return earlier, iter([(_last_reply(services, owner, session_id), None)])
    return earlier, reply_pieces(services.interview.send_stream(session_id, owner, pending[-1]), group=8)


def _tokens(replies: list[dict[str, Any]]) -> dict[str, int]:
    spent = [reply.get("usage") or {} for reply in replies]
    prompt = sum(int(u.get("prompt_tokens", 0)) for u in spent)
    completion = sum(int(u.get("completion_tokens", 0)) for u in spent)
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def _text(message: ChatMessage) -> str:
    if isinstance(message.content, str):
        return message.content
    parts = message.content or []
    return " ".join(str(p.get("text", "")) for p in parts if isinstance(p, dict) and p.get("type") == "text")


def _stream(
    completion_id: str, model: str, earlier: list[dict[str, Any]], pieces: Pieces, include_usage: bool
) -> Iterator[str]:
    created = int(time.time())
    replies = list(earlier)

    def chunk(delta: dict[str, Any] | None, finish: str | None = None, usage: dict[str, int] | None = None) -> str:
        payload: dict[str, Any] = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "choices": [] if delta is None else [{"index": 0, "delta": delta, "finish_reason": finish}],
        }
        if include_usage:  # as the OpenAI API does: null on every chunk, the totals on a last one with no choices
            payload["usage"] = usage
        return f"data: {json.dumps(payload)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    try:
        for piece, reply in pieces:
            if reply is not None:
                replies.append(reply)
            elif piece:
                yield chunk({"content": piece})
    except Exception:  # the headers are sent: end the stream with an error the client can show
        log.exception("turn failed mid-stream")
        yield f"data: {json.dumps({'error': {'message': 'The turn failed.', 'type': 'server_error'}})}\n\n"
        return
    yield chunk({}, "stop")
    if include_usage:
        yield chunk(None, usage=_tokens(replies))
    yield "data: [DONE]\n\n"
