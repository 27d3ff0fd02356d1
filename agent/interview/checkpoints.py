"""The LangGraph checkpointers of the session store, with bounded storage.

A checkpoint holds the whole graph state, and a chat writes several per turn; left alone, a session that is
revised 300 times stores its roadmap list hundreds of times over (quadratic growth). So:
- every roadmap version is written once, by content hash, to `roadmap_versions`; a checkpoint keeps the
  latest version whole (the graph revises from it) and the older ones as small stubs that point there;
- after each turn only the latest checkpoint of a session is kept (`trim`);
- a turn that fails is undone (`rollback`): its checkpoints go, so the message is not half-saved.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from langgraph.checkpoint.postgres import PostgresSaver
from langgraph.checkpoint.sqlite import SqliteSaver

VERSIONS_TABLE = """CREATE TABLE IF NOT EXISTS roadmap_versions (
    session_id TEXT NOT NULL, ref TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (session_id, ref))"""
STUB_KEYS = ("version", "created_at", "change")


def is_stub(version: dict[str, Any]) -> bool:
    """True for a version entry whose roadmap lives in roadmap_versions."""
    return "ref" in version and "roadmap" not in version


def _stub(version: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    body = json.dumps(version, sort_keys=True, ensure_ascii=False)
    ref = hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    errors = sum(f.get("severity") == "error" for f in version.get("findings") or [])
    return ref, body, {**{k: version.get(k) for k in STUB_KEYS}, "errors": errors, "ref": ref}


def _with_stubs(checkpoint: Any, save: Any) -> Any:
    """The checkpoint with every version but the last replaced by a stub (each saved once through save)."""
    values = checkpoint.get("channel_values") or {}
    versions = values.get("versions")
    if not isinstance(versions, list) or not any(not is_stub(v) for v in versions[:-1]):
        return checkpoint
    stubbed = []
    for version in versions[:-1]:
        if not is_stub(version):
            ref, body, version = _stub(version)
            save(ref, body)
        stubbed.append(version)
    return {**checkpoint, "channel_values": {**values, "versions": [*stubbed, versions[-1]]}}


class SqliteCheckpoints(SqliteSaver):
    """SqliteSaver that stores roadmap versions once and keeps one checkpoint per session."""

    def setup(self) -> None:
        """Create LangGraph's tables and the versions table (called by cursor(), under its lock)."""
        if not self.is_setup:
            super().setup()
            self.conn.execute(VERSIONS_TABLE)
            self.conn.commit()

    def put(self, config: Any, checkpoint: Any, metadata: Any, new_versions: Any) -> Any:
        """Save a checkpoint with older roadmap versions as stubs."""
        thread = str(config["configurable"]["thread_id"])

        def save(ref: str, body: str) -> None:
            with self.cursor() as cur:
                cur.execute("INSERT OR IGNORE INTO roadmap_versions VALUES (?, ?, ?)", (thread, ref, body))

        return super().put(config, _with_stubs(checkpoint, save), metadata, new_versions)

    def load_version(self, session_id: str, ref: str) -> dict[str, Any] | None:
        """A stored roadmap version by its reference."""
        with self.cursor(transaction=False) as cur:
            row = cur.execute(
                "SELECT body FROM roadmap_versions WHERE session_id = ? AND ref = ?", (session_id, ref)
            ).fetchone()
        return json.loads(row[0]) if row else None

    def latest_id(self, session_id: str) -> str | None:
        """Id of the session's latest checkpoint."""
        with self.cursor(transaction=False) as cur:
            row = cur.execute(
                "SELECT max(checkpoint_id) FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ''", (session_id,)
            ).fetchone()
        return row[0] if row else None

    def trim(self, session_id: str) -> None:
        """Keep only the latest checkpoint of a session (and its pending writes)."""
        latest = self.latest_id(session_id)
        if latest is None:
            return
        with self.cursor() as cur:
            for table in ("writes", "checkpoints"):
                cur.execute(f"DELETE FROM {table} WHERE thread_id = ? AND checkpoint_id <> ?", (session_id, latest))

    def rollback(self, session_id: str, to_checkpoint: str | None) -> None:
        """Remove every checkpoint written after to_checkpoint (all of them when None)."""
        with self.cursor() as cur:
            for table in ("writes", "checkpoints"):
                cur.execute(
                    f"DELETE FROM {table} WHERE thread_id = ? AND checkpoint_id > ?", (session_id, to_checkpoint or "")
                )

    def forget(self, session_id: str) -> None:
        """Delete a session's checkpoints and versions."""
        self.delete_thread(session_id)
        with self.cursor() as cur:
            cur.execute("DELETE FROM roadmap_versions WHERE session_id = ?", (session_id,))


class PostgresCheckpoints(PostgresSaver):
    """PostgresSaver that stores roadmap versions once and keeps one checkpoint per session."""

    def setup(self) -> None:
        """Create LangGraph's tables and the versions table."""
        super().setup()
        with self._cursor() as cur:
            cur.execute(VERSIONS_TABLE)

    def put(self, config: Any, checkpoint: Any, metadata: Any, new_versions: Any) -> Any:
        """Save a checkpoint with older roadmap versions as stubs."""
        thread = str(config["configurable"]["thread_id"])

        def save(ref: str, body: str) -> None:
            with self._cursor() as cur:
                cur.execute(
                    "INSERT INTO roadmap_versions VALUES (%s, %s, %s) ON CONFLICT DO NOTHING", (thread, ref, body)
                )

        return super().put(config, _with_stubs(checkpoint, save), metadata, new_versions)

    def load_version(self, session_id: str, ref: str) -> dict[str, Any] | None:
        """A stored roadmap version by its reference."""
        with self._cursor() as cur:
            row = cur.execute(
                "SELECT body FROM roadmap_versions WHERE session_id = %s AND ref = %s", (session_id, ref)
            ).fetchone()
        return json.loads(row["body"]) if row else None

    def latest_id(self, session_id: str) -> str | None:
        """Id of the session's latest checkpoint."""
        with self._cursor() as cur:
            row = cur.execute(
                "SELECT max(checkpoint_id) AS id FROM checkpoints WHERE thread_id = %s AND checkpoint_ns = ''",
                (session_id,),
            ).fetchone()
        return row["id"] if row else None

    def trim(self, session_id: str) -> None:
        """Keep only the latest checkpoint of a session, its pending writes and the blobs it references."""
        self.prune([session_id], strategy="keep_latest")

    def rollback(self, session_id: str, to_checkpoint: str | None) -> None:
        """Remove every checkpoint written after to_checkpoint, and blobs only they referenced: their channel
        versions would otherwise shadow the next turn's (blobs are inserted with ON CONFLICT DO NOTHING)."""
        with self._cursor() as cur:
            for table in ("checkpoint_writes", "checkpoints"):
                cur.execute(
                    f"DELETE FROM {table} WHERE thread_id = %s AND checkpoint_id > %s",
                    (session_id, to_checkpoint or ""),
                )
        if to_checkpoint is None:
            self.delete_thread(session_id)
        else:
            self.trim(session_id)

    def forget(self, session_id: str) -> None:
        """Delete a session's checkpoints and versions."""
        self.delete_thread(session_id)
        with self._cursor() as cur:
            cur.execute("DELETE FROM roadmap_versions WHERE session_id = %s", (session_id,))
