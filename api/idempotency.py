"""Idempotency-Key for the session endpoints: a retried request with the same key gets the first response
instead of creating a second session or running a second turn.

The first response is kept with the session (and deleted with it). The lock is taken per key across
workers, so a retry that arrives while the first attempt still runs waits for it rather than racing it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from agent.errors import UsageError
from api.deps import Services


def fingerprint(*parts: Any) -> str:
    """A digest of what a request asked for, to tell a retry from a different request with a reused key."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()


def once(
    services: Services, owner: str, scope: str, key: str, asked: str, run: Callable[[], tuple[str, dict[str, Any]]]
) -> dict[str, Any]:
    """The response of run() (which returns the session it concerns and the response body), computed once per
    owner, scope and key; a later call with the same key returns the kept body."""
    index = services.interview.store.index
    name = f"idempotency:{scope}:{key}"
    with services.interview.store.locks.hold("request", f"{owner}:{name}"):
        kept = index.recall(owner, name)
        if kept is not None:
            if kept["asked"] != asked:
                raise UsageError("This Idempotency-Key was already used for a different request; use a new key.")
            return dict(kept["response"])
        session_id, response = run()
        index.remember(owner, name, session_id, {"asked": asked, "response": response})
    return response
