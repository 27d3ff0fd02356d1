"""Which interview an OpenAI-style request continues, and running its new turns exactly once.

Such clients resend the whole conversation every time. A session is continued only when the client's whole
prior history (everything up to its last assistant message, and the `user` field) is one this server answered
for that key: after each request the server records the history the client will hold next as a *head*. Two
people who both open with "Hello" therefore get separate interviews, a client that edits an earlier message
gets a fresh interview replaying its own messages, and a client retry (the same request again) gets the reply
already given instead of a second turn. Lookups, turns and records for one head run under one lock that spans
workers, so concurrent duplicates wait and then see the first one's result."""

from __future__ import annotations

import hashlib
import json
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from agent.errors import UsageError
from api.deps import Services

MAX_TURNS_PER_REQUEST = 25
Transcript = list[tuple[str, str]]  # (role, text) of the user and assistant messages


@dataclass
class ChatOutcome:
    """What a request produced: the session, the reply to show and the replies of turns run now."""

    session_id: str
    reply: str
    replies: list[dict[str, Any]] = field(default_factory=list)


def history_key(user: str | None, transcript: Transcript) -> str:
    """A digest of a conversation as the client holds it (whitespace-insensitive)."""
    canonical = json.dumps([user or "", [(role, " ".join(text.split())) for role, text in transcript]])
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def converse(
    services: Services,
    owner: str,
    user: str | None,
    transcript: Transcript,
    idempotency_key: str | None = None,
    on_delta: Callable[[str], None] | None = None,
    on_ready: Callable[[list[dict[str, Any]]], None] | None = None,
) -> ChatOutcome:
    """Run the request's new user messages (once) and return the outcome; on_ready gets the replies of the
    earlier turns just before the last turn starts, on_delta the last turn's streamed text."""
    cut = max((i + 1 for i, (role, _) in enumerate(transcript) if role == "assistant"), default=0)
    prior, new = transcript[:cut], [text for role, text in transcript[cut:] if role == "user" and text.strip()]
    if not new:
        raise UsageError("messages must end with a non-empty user message (text; other content is not read).")
    head = "chat-head:" + history_key(user, prior)
    request = "chat-request:" + (f"key:{idempotency_key}" if idempotency_key else history_key(user, transcript))
    interview, index = services.interview, services.interview.store.index
    # Continuing: one lock per history, so duplicates and racing tabs queue. New: per request, so that
    # unrelated people opening chats at once do not wait for each other.
    with interview.store.locks.hold("conversation", f"{owner}:{head if prior else request}"):
        done = index.recall(owner, request)
        if done is not None:
            _check_same_request(done, transcript, user)
            (on_ready or _ignore)([])
            return ChatOutcome(done["session"], done["reply"])
        session_id = _continued(services, owner, head, bool(prior))
        if session_id is None:  # a new conversation, or one this server cannot continue: replay it
            new = [text for role, text in transcript if role == "user" and text.strip()]
            if len(new) > MAX_TURNS_PER_REQUEST:
                raise UsageError(
                    f"This conversation has {len(new)} messages this server has not answered (the limit per "
                    f"request is {MAX_TURNS_PER_REQUEST}); start a new chat."
                )
            session_id = interview.create_session(owner)
        elif len(new) > MAX_TURNS_PER_REQUEST:
            raise UsageError(f"At most {MAX_TURNS_PER_REQUEST} new user messages per request.")
        outcome = _run(services, owner, session_id, new, on_delta, on_ready)
        after = "chat-head:" + history_key(user, [*transcript, ("assistant", outcome.reply)])
        turns = _user_turns(services, owner, session_id)
        index.remember(owner, after, session_id, {"session": session_id, "turns": turns})
        fingerprint = history_key(user, transcript)
        index.remember(owner, request, session_id, {"session": session_id, "reply": outcome.reply, "of": fingerprint})
    return outcome


def converse_streaming(
    services: Services, owner: str, user: str | None, transcript: Transcript, idempotency_key: str | None = None
) -> tuple[list[dict[str, Any]], Iterator[tuple[str, dict[str, Any] | None]]]:
    """converse() in a thread of its own, so a client that disconnects mid-stream still leaves the turns and
    records complete. Returns the earlier turns' replies (errors are raised here, before anything streams) and
    then (piece, None) pairs, ending with ("", {"content": reply}) once everything is saved."""
    events: queue.Queue[dict[str, Any]] = queue.Queue()

    def run() -> None:
        try:
            outcome = converse(
                services,
                owner,
                user,
                transcript,
                idempotency_key,
                on_delta=lambda delta: events.put({"delta": delta}),
                on_ready=lambda replies: events.put({"ready": replies}),
            )
            events.put({"done": outcome})
        except Exception as exc:  # handed to the reader, which raises it in the request's context
            events.put({"error": exc})

    threading.Thread(target=run, daemon=True, name="chat-completion").start()
    first = events.get()
    if "error" in first:
        raise first["error"]
    return list(first.get("ready") or []), _drain(events)


def _drain(events: queue.Queue[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any] | None]]:
    streamed = ""
    while True:
        event = events.get()
        if "error" in event:
            raise event["error"]
        if "delta" in event:
            streamed += event["delta"]
            yield event["delta"], None
            continue
        outcome: ChatOutcome = event["done"]
        if not streamed:  # offline, or a replayed reply: send the saved text in word groups
            words = outcome.reply.split(" ")
            for start in range(0, len(words), 8):
                yield " ".join(words[start : start + 8]) + (" " if start + 8 < len(words) else ""), None
        elif outcome.reply.startswith(streamed.strip()) and len(outcome.reply) > len(streamed.strip()):
            yield outcome.reply[len(streamed.strip()) :], None  # what the deltas did not show (sources)
        yield "", {"content": outcome.reply, "usage": (outcome.replies[-1:] or [{}])[0].get("usage")}
        return


def _continued(services: Services, owner: str, head: str, has_prior: bool) -> str | None:
    """The session whose recorded head is this history, if it has not moved on since (another tab or an edit
    that branched off would otherwise interleave two conversations)."""
    if not has_prior:
        return None
    record = services.interview.store.index.recall(owner, head)
    if record is None or services.interview.store.index.owner_of(record["session"]) != owner:
        return None
    if _user_turns(services, owner, record["session"]) != record["turns"]:
        return None
    return str(record["session"])


def _run(
    services: Services,
    owner: str,
    session_id: str,
    texts: list[str],
    on_delta: Callable[[str], None] | None,
    on_ready: Callable[[list[dict[str, Any]]], None] | None,
) -> ChatOutcome:
    interview = services.interview
    replies = [interview.send(session_id, owner, text) for text in texts[:-1]]
    (on_ready or _ignore)(list(replies))
    if on_delta is None:
        last = interview.send(session_id, owner, texts[-1])
    else:
        last = {}
        for event in interview.send_stream(session_id, owner, texts[-1]):
            if "delta" in event:
                on_delta(event["delta"])
            else:
                last = event["reply"]
    return ChatOutcome(session_id, str(last["content"]), [*replies, last])


def _user_turns(services: Services, owner: str, session_id: str) -> int:
    messages = services.interview.state(session_id, owner).get("messages") or []
    return sum(m["role"] == "user" for m in messages)


def _check_same_request(done: dict[str, Any], transcript: Transcript, user: str | None) -> None:
    if done.get("of") not in (None, history_key(user, transcript)):
        raise UsageError("This Idempotency-Key was already used for a different request; use a new key.")


def _ignore(_: Any) -> None:
    return None
