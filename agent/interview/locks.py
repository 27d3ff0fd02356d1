"""Named locks that hold across threads and worker processes, so one session runs one turn at a time.

Several API workers share one store; a lock inside one process cannot stop another worker from reading a
session, running a turn and overwriting the checkpoint a concurrent turn just wrote. So the lock lives where
the sessions do: a PostgreSQL advisory lock, or a byte-range lock on a file beside the SQLite database."""

from __future__ import annotations

import fcntl
import hashlib
import os
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, Protocol

# Lock kinds, in the only order one thread may nest them; each kind has its own key space, so a lock of one
# kind never waits on a lock of another and nesting cannot deadlock.
KINDS = ("request", "conversation", "session")


class NamedLocks(Protocol):
    """hold(kind, name) blocks until no other thread or worker holds the same name of that kind."""

    def hold(self, kind: str, name: str) -> AbstractContextManager[None]: ...


def _slot(name: str, bits: int) -> int:
    return int.from_bytes(hashlib.sha256(name.encode("utf-8", "surrogatepass")).digest()[:8], "big") >> (64 - bits)


class _ThreadLocks:
    """Per kind, one lock per slot inside this process; slots are fixed in number, so the table never grows."""

    def __init__(self, slots: int = 4096) -> None:
        self._locks = {kind: [threading.Lock() for _ in range(slots)] for kind in KINDS}

    def __call__(self, kind: str, slot: int) -> threading.Lock:
        locks = self._locks[kind]
        return locks[slot % len(locks)]


class ProcessLocks:
    """Locks for one process (the in-memory store of tests and the CLI)."""

    def __init__(self) -> None:
        self._threads = _ThreadLocks()

    @contextmanager
    def hold(self, kind: str, name: str) -> Iterator[None]:
        """Hold name within this process."""
        with self._threads(kind, _slot(name, 30)):
            yield


class FileLocks:
    """POSIX byte-range locks on one file: a name maps to one byte of its kind's 2^30-byte range, so names that
    share a byte merely wait for each other. Such locks belong to the process, so threads first take the same byte's
    in-process lock."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Kept open for the process's life: closing any descriptor of the file would drop all its locks.
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        self._threads = _ThreadLocks()

    @contextmanager
    def hold(self, kind: str, name: str) -> Iterator[None]:
        """Hold name across threads and processes."""
        offset = (KINDS.index(kind) << 30) + _slot(name, 30)
        with self._threads(kind, offset):
            fcntl.lockf(self._fd, fcntl.LOCK_EX, 1, offset)
            try:
                yield
            finally:
                fcntl.lockf(self._fd, fcntl.LOCK_UN, 1, offset)

    def close(self) -> None:
        """Release the file."""
        os.close(self._fd)


_PG_CLASS = 0x524D  # advisory-lock class ids of this app start here, apart from other users of the database


class PostgresLocks:
    """Advisory locks (session-level, taken with pg_try_advisory_lock and released at once) on connections of
    their own pool, so a turn that holds one can still take connections from the store's pool to save its
    checkpoints. Polling rather than a blocking wait keeps no transaction open: a waiting or holding turn
    never delays CREATE INDEX CONCURRENTLY or VACUUM elsewhere in the database, and a crashed worker's
    locks go with its connections."""

    def __init__(self, pool: Any, poll_s: float = 0.01) -> None:
        self._pool = pool
        self._poll_s = poll_s
        self._threads = _ThreadLocks()
        self._held = threading.local()  # the connection this thread's outer lock already uses

    @contextmanager
    def hold(self, kind: str, name: str) -> Iterator[None]:
        """Hold name across threads, workers and machines that share the database."""
        key = _slot(name, 31)  # the two-int form: (class, key), a key space per kind
        with self._threads(kind, key), self._connection() as conn:
            yield from self._locked(conn, (_PG_CLASS + KINDS.index(kind), key))

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        """The thread's connection: a nested lock reuses its outer lock's, so a thread never needs two and
        threads holding one can never starve the pool waiting for a second."""
        outer = getattr(self._held, "conn", None)
        if outer is not None:
            yield outer
            return
        with self._pool.connection() as conn:
            self._held.conn = conn
            try:
                yield conn
            finally:
                self._held.conn = None

    def _locked(self, conn: Any, args: tuple[int, int]) -> Iterator[None]:
        wait = self._poll_s
        while not _scalar(conn.execute("SELECT pg_try_advisory_lock(%s, %s) AS ok", args).fetchone()):
            time.sleep(wait)
            wait = min(wait * 2, 0.1)
        try:
            yield
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s, %s)", args)


def _scalar(row: Any) -> Any:
    return next(iter(row.values())) if isinstance(row, dict) else row[0]
