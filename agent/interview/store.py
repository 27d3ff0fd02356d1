"""Where conversations live: the LangGraph checkpointer (SQLite file by default, PostgreSQL by DATABASE_URL)
plus a small index of sessions and their owners."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from agent.config import Settings


class SessionIndex(Protocol):
    """Which sessions exist and whose they are."""

    def create(self, owner: str) -> str: ...
    def owner_of(self, session_id: str) -> str | None: ...
    def count(self, owner: str) -> int: ...
    def find_by_key(self, owner: str, key: str) -> str | None: ...
    def set_key(self, session_id: str, key: str) -> None: ...


def owner_id(api_key: str | None) -> str:
    """A stable, non-reversible id for an API key (keys themselves are never stored)."""
    return hashlib.sha256((api_key or "anonymous").encode()).hexdigest()[:32]


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


_SCHEMA = """CREATE TABLE IF NOT EXISTS roadmap_sessions (
    id TEXT PRIMARY KEY, owner TEXT NOT NULL, created_at TEXT NOT NULL, conv_key TEXT)"""


class SqliteSessionIndex:
    """Session index in the same SQLite file as the checkpoints."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        with self._lock:
            self._conn.execute(_SCHEMA)
            self._conn.execute("CREATE INDEX IF NOT EXISTS roadmap_sessions_owner ON roadmap_sessions(owner)")
            self._conn.commit()

    def create(self, owner: str) -> str:
        """Register a new session for owner and return its id."""
        session_id = uuid.uuid4().hex
        with self._lock:
            self._conn.execute("INSERT INTO roadmap_sessions VALUES (?, ?, ?, NULL)", (session_id, owner, _now()))
            self._conn.commit()
        return session_id

    def owner_of(self, session_id: str) -> str | None:
        """Owner id of a session, or None if it does not exist."""
        with self._lock:
            row = self._conn.execute("SELECT owner FROM roadmap_sessions WHERE id = ?", (session_id,)).fetchone()
        return row[0] if row else None

    def count(self, owner: str) -> int:
        """Sessions owned by owner."""
        with self._lock:
            return int(
                self._conn.execute("SELECT count(*) FROM roadmap_sessions WHERE owner = ?", (owner,)).fetchone()[0]
            )

    def find_by_key(self, owner: str, key: str) -> str | None:
        """The session an OpenAI-style client's conversation key maps to."""
        with self._lock:
            row = self._conn.execute(
                "SELECT id FROM roadmap_sessions WHERE owner = ? AND conv_key = ?", (owner, key)
            ).fetchone()
        return row[0] if row else None

    def set_key(self, session_id: str, key: str) -> None:
        """Remember the conversation key of a session."""
        with self._lock:
            self._conn.execute("UPDATE roadmap_sessions SET conv_key = ? WHERE id = ?", (key, session_id))
            self._conn.commit()


class PostgresSessionIndex:
    """Session index in PostgreSQL, beside the checkpoint tables."""

    def __init__(self, pool: Any) -> None:
        self._pool = pool
        with self._pool.connection() as conn:
            conn.execute(_SCHEMA)
            conn.execute("CREATE INDEX IF NOT EXISTS roadmap_sessions_owner ON roadmap_sessions(owner)")

    def _one(self, sql: str, args: tuple[Any, ...]) -> Any:
        with self._pool.connection() as conn:
            row = conn.execute(sql, args).fetchone()
        if row is None:
            return None
        return row[next(iter(row))] if isinstance(row, dict) else row[0]

    def create(self, owner: str) -> str:
        """Register a new session for owner and return its id."""
        session_id = uuid.uuid4().hex
        with self._pool.connection() as conn:
            conn.execute("INSERT INTO roadmap_sessions VALUES (%s, %s, %s, NULL)", (session_id, owner, _now()))
        return session_id

    def owner_of(self, session_id: str) -> str | None:
        """Owner id of a session, or None if it does not exist."""
        return self._one("SELECT owner FROM roadmap_sessions WHERE id = %s", (session_id,))

    def count(self, owner: str) -> int:
        """Sessions owned by owner."""
        return int(self._one("SELECT count(*) AS n FROM roadmap_sessions WHERE owner = %s", (owner,)) or 0)

    def find_by_key(self, owner: str, key: str) -> str | None:
        """The session an OpenAI-style client's conversation key maps to."""
        return self._one("SELECT id FROM roadmap_sessions WHERE owner = %s AND conv_key = %s", (owner, key))

    def set_key(self, session_id: str, key: str) -> None:
        """Remember the conversation key of a session."""
        with self._pool.connection() as conn:
            conn.execute("UPDATE roadmap_sessions SET conv_key = %s WHERE id = %s", (key, session_id))


@dataclass
class SessionStore:
    """The checkpointer and the session index, opened together and closed together."""

    checkpointer: Any
    index: SessionIndex
    _closer: Any = None  # anything with close(): a connection pool or the SQLite connections

    def close(self) -> None:
        """Release connections."""
        if self._closer is not None:
            self._closer.close()


def open_session_store(settings: Settings) -> SessionStore:
    """SQLite under DATA_DIR by default; PostgreSQL when DATABASE_URL is set."""
    if settings.database_url:
        from langgraph.checkpoint.postgres import PostgresSaver
        from psycopg.rows import dict_row
        from psycopg_pool import ConnectionPool

        pool = ConnectionPool(
            settings.database_url,
            min_size=1,
            max_size=10,
            open=True,
            kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row},
        )
        saver = PostgresSaver(pool)  # type: ignore[arg-type]
        saver.setup()
        return SessionStore(saver, PostgresSessionIndex(pool), pool)
    from langgraph.checkpoint.sqlite import SqliteSaver

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(settings.data_dir / "sessions.sqlite", check_same_thread=False, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")  # an acknowledged message survives a crash
    sqlite_saver = SqliteSaver(conn)
    sqlite_saver.setup()
    # The index gets its own connection: sqlite3 connections must not be shared across unsynchronised users.
    index_conn = sqlite3.connect(settings.data_dir / "sessions.sqlite", check_same_thread=False, timeout=30)
    index_conn.execute("PRAGMA synchronous=FULL")
    return SessionStore(sqlite_saver, SqliteSessionIndex(index_conn), _Closing(conn, index_conn))


class _Closing:
    def __init__(self, *conns: sqlite3.Connection) -> None:
        self._conns = conns

    def close(self) -> None:
        for conn in self._conns:
            conn.close()
