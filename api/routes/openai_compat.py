"""OpenAI-compatible chat completions, so any OpenAI client or chat front end can hold the interview.

A client that resends its whole history continues the same interview when that history (and the `user`
field) is exactly one this server answered; see api/conversations.py. A retry of the same request, or one
with the same `Idempotency-Key` header, gets the reply already given.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from api.chat_tasks import chat_task_reply
from api.conversations import Transcript, converse, converse_streaming
from api.deps import OwnerDep, ServicesDep
from api.models import ErrorBody, clean_text

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
async def chat_completions(
    body: ChatRequest,
    services: ServicesDep,
    owner: OwnerDep,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> Any:
    """Run the interview turn(s) for the new user messages and answer like the OpenAI API. A front end's own
    housekeeping request (a chat title, follow-up suggestions) is answered briefly and touches no session."""
    completion_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
    task_reply = chat_task_reply([(m.role, clean_text(_text(m))) for m in body.messages])
    if task_reply is not None:
        log.info("answered a chat front end's housekeeping request without a turn")
        return _immediate(completion_id, body, task_reply)
    transcript = _transcript(body.messages)
    user = clean_text(body.user) if body.user else None
    if body.stream:
        earlier, pieces = await run_in_threadpool(
            converse_streaming, services, owner, user, transcript, idempotency_key
        )
        include_usage = bool((body.stream_options or {}).get("include_usage"))
        chunks = _stream(completion_id, body.model, earlier, pieces, include_usage)
        return StreamingResponse(chunks, media_type="text/event-stream")
    outcome = await run_in_threadpool(converse, services, owner, user, transcript, idempotency_key)
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": outcome.reply}, "finish_reason": "stop"}],
        # The agent's own model calls for these turns (all zero offline: no model runs).
        "usage": _tokens(outcome.replies),
    }


def _immediate(completion_id: str, body: ChatRequest, reply: str) -> Any:
    """A reply that runs no turn, streamed or whole as the request asked."""
    if body.stream:
        pieces = iter([(reply, None), ("", {"content": reply})])
        include_usage = bool((body.stream_options or {}).get("include_usage"))
        return StreamingResponse(
            _stream(completion_id, body.model, [], pieces, include_usage), media_type="text/event-stream"
        )
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": reply}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
    }


def _transcript(messages: list[ChatMessage]) -> Transcript:
    """The user and assistant messages as (role, text); system prompts and tool messages are not part of the
    interview."""
    return [(m.role, clean_text(_text(m))) for m in messages if m.role in ("user", "assistant")]


Pieces = Iterator[tuple[str, dict[str, Any] | None]]


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
