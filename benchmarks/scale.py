"""`python -m benchmarks.scale` (`make bench-scale`): the documented scale-out path, measured.

Starts a Chroma server (`chroma run`) on loopback and uses a fresh schema in the PostgreSQL at
127.0.0.1:5432 (database `test`, or TEST_DATABASE_URL), then runs the load benchmark against 1 worker and
against N workers on that same setup, and prints turns/s and p95 for both. Exits non-zero on any error."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

from benchmarks import load
from tests.api.server import free_port

HERE = Path(__file__).parent
PG_URL = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")


def _chroma(path: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    chroma = str(Path(sys.executable).with_name("chroma"))
    cmd = [chroma, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.25)
    proc.kill()
    raise RuntimeError("chroma run did not start in 30 s")


def _schema(name: str, create: bool) -> None:
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}" if create else f"DROP SCHEMA IF EXISTS {name} CASCADE")


def main(argv: list[str] | None = None) -> int:
    """Run the load benchmark at 1 and N workers on PostgreSQL + a Chroma server; report both."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    chroma, chroma_url = _chroma(Path(tempfile.mkdtemp(prefix="roadmap-chroma-")))
    _schema(schema, create=True)
    env = [f"DATABASE_URL={PG_URL}?options=-csearch_path%3D{schema}", f"CHROMA_URL={chroma_url}"]
    try:
        runs = {}
        for workers in (1, args.workers):
            common = ["--users", str(args.users), "--turns", str(args.turns), "--workers", str(workers)]
            extra = [f"--env={item}" for item in env] + [f"--out=scale-{workers}w.json"]
            code = load.main([*common, *extra])
            runs[workers] = json.loads((HERE / "results" / f"scale-{workers}w.json").read_text()) | {"exit": code}
    finally:
        chroma.terminate()
        chroma.wait(timeout=10)
        _schema(schema, create=False)
    summary = {
        f"{w}_workers": {k: r[k] for k in ("turns", "errors", "leaks", "throughput_turns_per_s", "turn_p95_ms")}
        for w, r in runs.items()
    }
    (HERE / "results" / "scale.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(summary, indent=2))
    return 1 if any(r["exit"] for r in runs.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
