"""`python -m benchmarks.load`: concurrent simulated owners against a real server on loopback.

Each user chats 10 turns (interview, draft, compliance questions, revisions) in its own session, half of them
under a second API key. Afterwards every session must hold exactly its own user's messages, no other user's
marker, and be invisible to the other key. Prints turn latency p50/p95 and writes benchmarks/results/load.json;
exits non-zero on any error or leak.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from tests.api.server import Server

HERE = Path(__file__).parent
KEYS = ("load-key-a", "load-key-b")
OPENINGS = [
    "We are {marker}, a bakery in Leipzig, Germany with {staff} staff; we throw away too much bread.",
    "I run {marker}, a dental practice in Austin, Texas, {staff} people; patients miss appointments.",
    "{marker} is a web shop in Manchester selling tea on Shopify, {staff} of us; emails pile up.",
    "{marker}: a hair salon in Madrid, Spain with {staff} stylists and too many no-shows.",
]
FOLLOW_UPS = [
    "about 10k",
    "a till and Excel",
    "Do we need consent to use customer emails for AI?",
    "our budget is now {budget}k",
    "drop the chatbot",
    "What are the fines for a data breach?",
    "redo the data stage",
    "How long should the pilot run?",
    "We now have {staff_later} staff",
]


def _script(user: int) -> tuple[str, list[str], int]:
    marker = f"Marker{user:03d}x"
    staff = 5 + user
    values = {"marker": marker, "staff": staff, "budget": 8 + user, "staff_later": staff + 1}
    messages = [OPENINGS[user % len(OPENINGS)].format(**values), *(m.format(**values) for m in FOLLOW_UPS)]
    return marker, messages, staff + 1


def _user(url: str, user: int, turns: int) -> dict[str, Any]:
    key = KEYS[user % 2]
    marker, messages, _ = _script(user)
    latencies: list[float] = []
    errors: list[str] = []
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=60) as client:
        created = client.post("/v1/sessions")
        if created.status_code != 201:
            return {"user": user, "session": None, "latencies": [], "errors": [f"create {created.status_code}"]}
        session = created.json()["id"]
        for text in messages[:turns]:
            start = time.perf_counter()
            try:
                reply = client.post(f"/v1/sessions/{session}/messages", json={"content": text})
                if reply.status_code != 200:
                    errors.append(f"turn {reply.status_code}: {reply.text[:200]}")
            except httpx.HTTPError as exc:
                errors.append(f"turn {type(exc).__name__}")
            latencies.append((time.perf_counter() - start) * 1000)
    return {
        "user": user,
        "key": key,
        "marker": marker,
        "session": session,
        "sent": messages[:turns],
        "latencies": latencies,
        "errors": errors,
    }


def _leaks(url: str, results: list[dict[str, Any]]) -> list[str]:
    """Every way a session could show another user's data."""
    markers = {r["marker"] for r in results if r.get("marker")}
    problems = []
    for result in results:
        if not result.get("session"):
            continue
        own = httpx.get(f"{url}/v1/sessions/{result['session']}", headers=_auth(result["key"]), timeout=30)
        if own.status_code != 200:
            problems.append(f"user {result['user']}: own session {own.status_code}")
            continue
        view = own.json()
        said = [m["content"] for m in view["messages"] if m["role"] == "user"]
        if said != result["sent"]:
            problems.append(
                f"user {result['user']}: session holds {len(said)} user messages, sent {len(result['sent'])}"
            )
        text = json.dumps(view)
        foreign = sorted(m for m in markers - {result["marker"]} if m in text)
        if foreign:
            problems.append(f"user {result['user']}: session shows {foreign}")
        other = KEYS[1 - KEYS.index(result["key"])]
        peek = httpx.get(f"{url}/v1/sessions/{result['session']}", headers=_auth(other), timeout=30)
        if peek.status_code != 404:
            problems.append(f"user {result['user']}: other key got {peek.status_code}")
    return problems


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, round(0.95 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    """Start a server, run the users, check isolation, report."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for the server (DATABASE_URL...)")
    parser.add_argument("--out", default="load.json", help="file name under benchmarks/results/")
    args = parser.parse_args(argv)
    data_dir = Path(tempfile.mkdtemp(prefix="roadmap-load-"))
    env = {"DATA_DIR": str(data_dir), "API_KEYS": json.dumps(list(KEYS)), "EMBEDDING_BACKEND": "onnx"}
    env["RATE_LIMIT_PER_MINUTE"] = "0"  # measure the server, not the per-key limit
    env.update(dict(item.split("=", 1) for item in args.env))
    roadmap = str(Path(sys.executable).with_name("roadmap"))
    # Build the index first so the first compliance question measures a turn, not a one-off ingest.
    subprocess.run([roadmap, "ingest"], env={**os.environ, **env}, check=True, capture_output=True)
    server = Server(data_dir, env, workers=args.workers).start()
    try:
        for _ in range(args.workers * 2):  # steady state: every worker has loaded its index
            httpx.post(f"{server.url}/v1/ask", json={"question": "warm-up"}, headers=_auth(KEYS[0]), timeout=120)
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.users) as pool:
            results = list(pool.map(lambda u: _user(server.url, u, args.turns), range(args.users)))
        wall = time.perf_counter() - started
        leaks = _leaks(server.url, results)
    finally:
        server.stop()
    latencies = [ms for r in results for ms in r["latencies"]]
    errors = [f"user {r['user']}: {e}" for r in results for e in r["errors"]]
    report = {
        "users": args.users,
        "workers": args.workers,
        "turns_per_user": args.turns,
        "turns": len(latencies),
        "errors": len(errors),
        "leaks": len(leaks),
        "turn_p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "turn_p95_ms": round(_p95(latencies), 1) if latencies else None,
        "turn_max_ms": round(max(latencies), 1) if latencies else None,
        "throughput_turns_per_s": round(len(latencies) / wall, 1),
        "p95_ms_by_turn": [
            round(_p95([r["latencies"][t] for r in results if len(r["latencies"]) > t]), 1) for t in range(args.turns)
        ],
        "details": (errors + leaks)[:20],
    }
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 1 if errors or leaks else 0


if __name__ == "__main__":
    sys.exit(main())
