"""ASGI middleware at the edge: the request body size limit (413 before the app reads too much), and the
loopback-only rule for a server without API keys."""

from __future__ import annotations

import ipaddress
import json
from typing import Any

MAX_BODY_BYTES = 256 * 1024


class BodySizeLimit:
    """Rejects bodies over the limit, whether announced by Content-Length or streamed in chunks."""

    def __init__(self, app: Any, limit: int = MAX_BODY_BYTES) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await _too_large(send, self.limit)
            return
        # Read the body here, up to the limit, and hand the app a replay of it: an error raised inside the
        # app's own body reading would be turned into a 400 before it could become a 413.
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([message]), send)  # the client left; let the app see it
                return
            seen += len(message.get("body", b""))
            if seen > self.limit:
                await _too_large(send, self.limit)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = {"type": "http.request", "body": b"".join(chunks), "more_body": False}
        await self.app(scope, _replay([body], then=receive), send)


def _replay(messages: list[dict[str, Any]], then: Any = None) -> Any:
    """A receive() that returns the given messages, then defers to then (disconnect notices)."""
    pending = list(messages)

    async def receive() -> dict[str, Any]:
        if pending:
            return pending.pop(0)
        if then is not None:
            return await then()
        return {"type": "http.disconnect"}

    return receive


async def _too_large(send: Any, limit: int) -> None:
    body = {"error": "payload_too_large", "message": f"Request bodies are limited to {limit} bytes.", "details": []}
    await _json(send, 413, body)


async def _json(send: Any, status: int, payload: dict[str, Any]) -> None:
    body = json.dumps(payload).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


class LoopbackOnly:
    """Without API keys the API is open to whoever reaches it, so it answers loopback clients only; this holds
    however the app is served (the CLI, uvicorn or gunicorn directly). /healthz stays open for probes."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope.get("path") != "/healthz" and _remote(scope.get("client")):
            await _refuse(send)
            return
        await self.app(scope, receive, send)


def _remote(client: Any) -> bool:
    """True for a peer with a network address off this machine (a Unix socket or test transport has none)."""
    if not client:
        return False
    try:
        return not ipaddress.ip_address(str(client[0])).is_loopback
    except ValueError:
        return False


async def _refuse(send: Any) -> None:
    message = "This server has no API_KEYS set, so it only answers on 127.0.0.1. Set API_KEYS to open it."
    await _json(send, 403, {"error": "forbidden", "message": message, "details": []})
