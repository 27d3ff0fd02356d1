"""Where conversations live: the LangGraph checkpointer (SQLite file by default, PostgreSQL by DATABASE_URL),
a small index of sessions and their owners, per-session records (conversation heads, replies kept for client
retries), and the locks that serialise turns across worker processes."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from agent.config import Settings
from agent.interview.checkpoints import PostgresCheckpoints, SqliteCheckpoints
from agent.interview.locks import FileLocks, NamedLocks, PostgresLocks


class SessionIndex(Protocol):
    """Which sessions exist, whose they are, and small records kept with them."""

    def create(self, owner: str, limit: int) -> str | None: ...
    def owner_of(self, session_id: str) -> str | None: ...
    def count(self, owner: str) -> int: ...
    def delete(self, session_id: str) -> None: ...
    def recall(self, owner: str, key: str) -> dict[str, Any] | None: ...
    def remember(self, owner: str, key: str, session_id: str, value: dict[str, Any]) -> None: ...


def owner_id(api_key: str | None) -> str:
    """A stable, non-reversible id for an API key (keys themselves are never stored)."""
    return hashlib.sha256((api_key or "anonymous").encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS roadmap_sessions (
    id TEXT PRIMARY KEY, owner TEXT NOT NULL, created_at TEXT NOT NULL, conv_key TEXT)""",
    "CREATE INDEX IF NOT EXISTS roadmap_sessions_owner ON roadmap_sessions(owner)",
    """CREATE TABLE IF NOT EXISTS roadmap_records (
    owner TEXT NOT NULL, key TEXT NOT NULL, session_id TEXT NOT NULL, value TEXT NOT NULL, created_at TEXT NOT NULL,
    PRIMARY KEY (owner, key))""",
    "CREATE INDEX IF NOT EXISTS roadmap_records_session ON roadmap_records(session_id)",
)


class SqliteSessionIndex:
    """Session index in the same SQLite file as the checkpoints."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        conn.isolation_level = None  # explicit transactions: BEGIN IMMEDIATE where a read decides a write
        self._conn = conn
        self._lock = threading.Lock()
        with self._lock:
            for sql in _SCHEMA:
                self._conn.execute(sql)

    def create(self, owner: str, limit: int) -> str | None:
        """Register a new session for owner, or None when owner already has limit sessions. The count and the
        insert share one write transaction, so concurrent requests cannot pass the cap together."""
        session_id = uuid.uuid4().hex
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                (n,) = self._conn.execute("SELECT count(*) FROM roadmap_sessions WHERE owner = ?", (owner,)).fetchone()
                if n < limit:
                    self._conn.execute(
                        "INSERT INTO roadmap_sessions VALUES (?, ?, ?, NULL)", (session_id, owner, _now())
                    )
            finally:
                self._conn.execute("COMMIT")
        return session_id if n < limit else None

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

    def delete(self, session_id: str) -> None:
        """Forget a session and its records."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            self._conn.execute("DELETE FROM roadmap_records WHERE session_id = ?", (session_id,))
            self._conn.execute("DELETE FROM roadmap_sessions WHERE id = ?", (session_id,))
            self._conn.execute("COMMIT")

    def recall(self, owner: str, key: str) -> dict[str, Any] | None:
        """A record kept for owner under key."""
        with self._lock:
            row = self._conn.execute(
                "SELECT value FROM roadmap_records WHERE owner = ? AND key = ?", (owner, key)
            ).fetchone()
        return json.loads(row[0]) if row else None

    def remember(self, owner: str, key: str, session_id: str, value: dict[str, Any]) -> None:
        """Keep a record for owner under key, tied to a session (deleted with it)."""
        with self._lock:
            self._conn.execute(
                "INSERT OR REPLACE INTO roadmap_records VALUES (?, ?, ?, ?, ?)",
                (owner, key, session_id, json.dumps(value), _now()),
            )


class PostgresSessionIndex:
    """Session index in PostgreSQL, beside the checkpoint tables."""

    def __init__(self, pool: Any) -> None:
        self._pool = pool
        with self._pool.connection() as conn:
            for sql in _SCHEMA:
                conn.execute(sql)

    def _one(self, sql: str, args: tuple[Any, ...]) -> Any:
        with self._pool.connection() as conn:
            row = conn.execute(sql, args).fetchone()
        if row is None:
            return None
        return row[next(iter(row))] if isinstance(row, dict) else row[0]

    def create(self, owner: str, limit: int) -> str | None:
        """Register a new session for owner, or None when owner already has limit sessions (an advisory lock
        on the owner makes count-then-insert atomic across workers)."""
        session_id = uuid.uuid4().hex
        with self._pool.connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"roadmap-owner:{owner}",))
            row = conn.execute("SELECT count(*) AS n FROM roadmap_sessions WHERE owner = %s", (owner,)).fetchone()
            if int(row["n"] if isinstance(row, dict) else row[0]) >= limit:
                return None
            conn.execute("INSERT INTO roadmap_sessions VALUES (%s, %s, %s, NULL)", (session_id, owner, _now()))
        return session_id

    def owner_of(self, session_id: str) -> str | None:
        """Owner id of a session, or None if it does not exist."""
        return self._one("SELECT owner FROM roadmap_sessions WHERE id = %s", (session_id,))

    def count(self, owner: str) -> int:
        """Sessions owned by owner."""
        return int(self._one("SELECT count(*) AS n FROM roadmap_sessions WHERE owner = %s", (owner,)) or 0)

    def delete(self, session_id: str) -> None:
        """Forget a session and its records."""
        with self._pool.connection() as conn, conn.transaction():
            conn.execute("DELETE FROM roadmap_records WHERE session_id = %s", (session_id,))
            conn.execute("DELETE FROM roadmap_sessions WHERE id = %s", (session_id,))

    def recall(self, owner: str, key: str) -> dict[str, Any] | None:
        """A record kept for owner under key."""
        value = self._one("SELECT value FROM roadmap_records WHERE owner = %s AND key = %s", (owner, key))
        return json.loads(value) if value is not None else None

    def remember(self, owner: str, key: str, session_id: str, value: dict[str, Any]) -> None:
        """Keep a record for owner under key, tied to a session (deleted with it)."""
        with self._pool.connection() as conn:
            conn.execute(
                "INSERT INTO roadmap_records VALUES (%s, %s, %s, %s, %s) ON CONFLICT (owner, key) "
                "DO UPDATE SET session_id = EXCLUDED.session_id, value = EXCLUDED.value",
                (owner, key, session_id, json.dumps(value), _now()),
            )


@dataclass
class SessionStore:
    """The checkpointer, the session index and the turn locks, opened together and closed together."""

    checkpointer: Any  # SqliteCheckpoints or PostgresCheckpoints
    index: SessionIndex
    locks: NamedLocks
    _closers: tuple[Any, ...] = ()  # anything with close(): connection pools, SQLite connections, lock files

    def close(self) -> None:
        """Release connections."""
        for closer in self._closers:
            closer.close()


def open_session_store(settings: Settings) -> SessionStore:
    """SQLite under DATA_DIR by default; PostgreSQL when DATABASE_URL is set."""
    if settings.database_url:
        return _open_postgres(settings.database_url)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    path = settings.data_dir / "sessions.sqlite"
    conn = sqlite3.connect(path, check_same_thread=False, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")  # an acknowledged message survives a crash
    saver = SqliteCheckpoints(conn)
    saver.setup()
    # The index gets its own connection: sqlite3 connections must not be shared across unsynchronised users.
    index_conn = sqlite3.connect(path, check_same_thread=False, timeout=30)
    index_conn.execute("PRAGMA synchronous=FULL")
    locks = FileLocks(settings.data_dir / "sessions.lock")
    return SessionStore(saver, SqliteSessionIndex(index_conn), locks, (conn, index_conn, locks))


def _open_postgres(url: str) -> SessionStore:
    from psycopg.rows import dict_row
    from psycopg_pool import ConnectionPool

    kwargs = {"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row}
    pool = ConnectionPool(url, min_size=1, max_size=10, open=True, kwargs=kwargs)
    # Turn locks hold a connection for a whole turn, so they get a pool of their own: a turn waiting for a
    # lock must never take the last connection a lock holder needs to save its checkpoint.
    # One connection per turn in progress; a 21st concurrent turn waits for one (up to two minutes).
    lock_pool = ConnectionPool(url, min_size=1, max_size=20, timeout=120, open=True, kwargs=kwargs)
    saver = PostgresCheckpoints(pool)  # type: ignore[arg-type]
    locks = PostgresLocks(lock_pool)
    # Workers start together, and CREATE TABLE IF NOT EXISTS is not safe against a concurrent twin.
    with locks.hold("request", "roadmap-agent schema setup"):
        saver.setup()
        index = PostgresSessionIndex(pool)
    return SessionStore(saver, index, locks, (lock_pool, pool))
