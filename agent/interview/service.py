"""The interview as a service: sessions owned by API keys, one turn at a time, state and versions on read."""

from __future__ import annotations

import queue
import re
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from pydantic import ValidationError

from agent.answering import Answerer, build_answerer
from agent.config import Settings
from agent.errors import NotFoundError, UsageError
from agent.interview.checkpoints import is_stub
from agent.interview.graph import build_graph
from agent.interview.intents import MAX_READ_CHARS
from agent.interview.store import SessionStore, open_session_store

# A longer message is refused outright; up to this, a message the reader will not read (agent.interview.safety)
# is kept short in the history and answered with a clear reply that changes nothing.
MAX_MESSAGE_CHARS = 100_000
MAX_SESSIONS_PER_KEY = 200
MAX_TURNS_PER_SESSION = 1_000
_SESSION_ID = re.compile(r"[0-9a-f]{32}")
WELCOME = (
    "Hello! I help small businesses plan AI step by step. Tell me about your business: what you do, "
    "where, how many people, and what you would like AI to help with."
)


class InterviewService:
    """Runs interview turns against the session store."""

    def __init__(self, settings: Settings, store: SessionStore | None = None) -> None:
        self._settings = settings
        self._store = store or open_session_store(settings)
        self._answerer: Answerer | None = None
        self._answerer_lock = threading.Lock()
        from agent.llm import build_chat_model

        self._graph = build_graph(settings, self.answerer, self._store.checkpointer, model=build_chat_model(settings))

    @property
    def store(self) -> SessionStore:
        """The session store (its index keeps the API's per-session records; its locks span workers)."""
        return self._store

    def close(self) -> None:
        """Close the session store."""
        self._store.close()

    def answerer(self, progress: Callable[[int], None] | None = None) -> Answerer:
        """The cited answerer (shared with the API's /v1/ask); the index is opened once, on first use, and a
        first build reports its progress (agent/retrieval/progress.py, and `progress` when given)."""
        with self._answerer_lock:
            if self._answerer is None:
                from agent.retrieval.index import open_index
                from agent.retrieval.progress import tracking

                with tracking(self._settings.knowledge_dir, progress) as tick:
                    self._answerer = build_answerer(self._settings, open_index(self._settings, tick))
        return self._answerer

    def create_session(self, owner: str) -> str:
        """A new session for owner, greeted with the first question."""
        session_id = self._store.index.create(owner, MAX_SESSIONS_PER_KEY)
        if session_id is None:
            raise UsageError(
                f"This key already has {MAX_SESSIONS_PER_KEY} sessions, the limit; delete old ones with "
                "DELETE /v1/sessions/{id}."
            )
        greeting = {"role": "assistant", "content": WELCOME, "at": _now(), "kind": "question"}
        self._graph.update_state(self._config(session_id), {"messages": [greeting]}, as_node="__start__")
        return session_id

    def send(self, session_id: str, owner: str, text: str) -> dict[str, Any]:
        """Run one turn; returns the assistant's reply. The turn is saved before this returns."""
        self._check_message(session_id, owner, text)
        return self._run_turn(session_id, text)

    def send_stream(self, session_id: str, owner: str, text: str) -> Iterator[dict[str, Any]]:
        """Run one turn, yielding {"delta": text} while a model writes the reply and then {"reply": message}
        once the turn is saved. Bad input raises here, before anything streams. The turn runs in its own thread,
        so a client that disconnects mid-stream still finds the finished turn saved."""
        self._check_message(session_id, owner, text)
        events: queue.Queue[dict[str, Any]] = queue.Queue()

        def run() -> None:
            try:
                events.put({"reply": self._run_turn(session_id, text, lambda delta: events.put({"delta": delta}))})
            except Exception as exc:  # handed to the reader, which raises it in the request's context
                events.put({"error": exc})

        threading.Thread(target=run, daemon=True, name=f"turn-{session_id[:8]}").start()

        def drain() -> Iterator[dict[str, Any]]:
            while True:
                event = events.get()
                if "error" in event:
                    raise event["error"]
                yield event
                if "reply" in event:
                    return

        return drain()

    def _check_message(self, session_id: str, owner: str, text: str) -> None:
        self._check_owner(session_id, owner)
        if not isinstance(text, str) or not text.strip():
            raise UsageError("The message is empty.")
        if len(text) > MAX_MESSAGE_CHARS:
            raise UsageError(f"The message is {len(text):,} characters; the limit is {MAX_MESSAGE_CHARS:,}.")

    def _run_turn(self, session_id: str, text: str, on_delta: Callable[[str], None] | None = None) -> dict[str, Any]:
        """One turn, atomic and alone: the session lock spans worker processes; a turn that fails is rolled
        back, so its message is not saved without a reply; a turn that succeeds leaves one checkpoint."""
        saver = self._store.checkpointer
        with self._store.locks.hold("session", session_id):
            self._check_turn_budget(session_id)
            before = saver.latest_id(session_id)
            try:
                reply = self._invoke(session_id, text, on_delta)
            except ValidationError as exc:
                saver.rollback(session_id, before)
                raise UsageError(f"That message could not be used ({_first_problem(exc)}); nothing was saved.") from exc
            except BaseException:
                saver.rollback(session_id, before)
                raise
            saver.trim(session_id)
        return reply

    def _invoke(self, session_id: str, text: str, on_delta: Callable[[str], None] | None) -> dict[str, Any]:
        user = {"messages": [_user_message(text)]}
        if on_delta is None:
            state = self._graph.invoke(user, self._config(session_id))
        else:
            state = {}
            config = self._config(session_id, stream_answer=True)
            for mode, chunk in self._graph.stream(user, config, stream_mode=["custom", "values"]):
                if mode == "custom" and chunk.get("delta"):
                    on_delta(chunk["delta"])
                elif mode == "values":
                    state = chunk
        return dict(state["messages"][-1])

    def _check_turn_budget(self, session_id: str) -> None:
        messages = self._graph.get_state(self._config(session_id)).values.get("messages") or []
        if sum(m["role"] == "user" for m in messages) >= MAX_TURNS_PER_SESSION:
            raise UsageError(f"This session has reached {MAX_TURNS_PER_SESSION} messages; start a new one.")

    def delete_session(self, session_id: str, owner: str) -> None:
        """Delete a session with its checkpoints, roadmap versions and records."""
        self._check_owner(session_id, owner)
        with self._store.locks.hold("session", session_id):
            self._store.checkpointer.forget(session_id)
            self._store.index.delete(session_id)

    def version(self, session_id: str, owner: str, number: int | None = None) -> dict[str, Any] | None:
        """A roadmap version whole (the latest when number is None), or None if there is no such version."""
        versions = self.state(session_id, owner).get("versions") or []
        if not versions or (number is not None and not 1 <= number <= len(versions)):
            return None
        chosen = dict(versions[(number or len(versions)) - 1])
        if is_stub(chosen):
            return self._store.checkpointer.load_version(session_id, chosen["ref"])
        return chosen

    def state(self, session_id: str, owner: str) -> dict[str, Any]:
        """The saved state of a session."""
        self._check_owner(session_id, owner)
        snapshot = self._graph.get_state(self._config(session_id))
        return dict(snapshot.values or {})

    def _check_owner(self, session_id: str, owner: str) -> None:
        if not _SESSION_ID.fullmatch(session_id) or self._store.index.owner_of(session_id) != owner:
            raise NotFoundError(f"No session {session_id!r}.")  # same answer for 'not yours' and 'not there'

    @staticmethod
    def _config(session_id: str, stream_answer: bool = False) -> dict[str, Any]:
        return {"configurable": {"thread_id": session_id, "stream_answer": stream_answer}}


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _user_message(text: str) -> dict[str, Any]:
    """The message as saved: a wall of text is kept to its first part, with its real length."""
    text = text.strip()
    if len(text) <= MAX_READ_CHARS:
        return {"role": "user", "content": text, "at": _now()}
    return {"role": "user", "content": text[:MAX_READ_CHARS] + " [...]", "at": _now(), "chars": len(text)}


def _first_problem(exc: ValidationError) -> str:
    error = exc.errors()[0]
    return f"{'.'.join(str(p) for p in error.get('loc', ()))}: {error.get('msg', '')}"


@lru_cache(maxsize=1)
def default_service() -> InterviewService:
    """A process-wide service over the default settings (the CLI chat uses it)."""
    return InterviewService(Settings())
