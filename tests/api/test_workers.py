"""Several uvicorn workers on one store: concurrent turns on one session are serialised across processes, so
no acknowledged message is lost, also when the whole server is killed with SIGKILL mid-run."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.api.pg import postgres_schema
from tests.api.server import Server

pytestmark = pytest.mark.server
CLIENTS, TURNS = 6, 10


def _hammer(url: str, sid: str, acked: list[str], stop: threading.Event) -> list[threading.Thread]:
    """CLIENTS threads, each sending TURNS distinct messages to one session; acknowledged ones are recorded."""

    def client(n: int) -> None:
        with httpx.Client(timeout=120) as http:
            for turn in range(TURNS):
                if stop.is_set():
                    return
                text = f"Note from till {n}, entry {turn}: we also sell gift cards."
                try:
                    response = http.post(f"{url}/v1/sessions/{sid}/messages", json={"content": text})
                except httpx.HTTPError:
                    return  # the server went away: this message was never acknowledged
                if response.status_code == 200:
                    acked.append(text)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    return threads


def _saved_users(url: str, sid: str) -> list[str]:
    state = httpx.get(f"{url}/v1/sessions/{sid}", timeout=60).json()
    return [m["content"] for m in state["messages"] if m["role"] == "user"]


def _no_lost_turns(data_dir: Path, env: dict[str, str], kill_after: int | None = None) -> None:
    """Run the clients; with kill_after, SIGKILL the whole server once that many turns were acknowledged."""
    server = Server(data_dir, env, workers=2).start()
    acked: list[str] = []
    stop = threading.Event()
    try:
        sid = httpx.post(f"{server.url}/v1/sessions", timeout=30).json()["id"]
        httpx.post(
            f"{server.url}/v1/sessions/{sid}/messages",
            json={"content": "We run a garden centre in Utrecht, Netherlands with 10 staff and 9,000 EUR."},
            timeout=60,
        )
        threads = _hammer(server.url, sid, acked, stop)
        if kill_after is not None:
            deadline = time.monotonic() + 120
            while len(acked) < kill_after and time.monotonic() < deadline:
                time.sleep(0.05)
            server.kill()
            stop.set()
        for thread in threads:
            thread.join()
    finally:
        server.kill()
    restarted = Server(data_dir, env, workers=1).start()
    try:
        saved = _saved_users(restarted.url, sid)
    finally:
        restarted.stop()
    assert acked, "no turn was acknowledged: the test did not exercise anything"
    assert not [text for text in acked if text not in saved], f"{len(acked)} acknowledged, some lost"
    assert len(saved) == len(set(saved))  # and none saved twice
    if kill_after is None:
        assert len(acked) == CLIENTS * TURNS


def test_two_workers_lose_no_turn_postgres(tmp_path: Path) -> None:
    with postgres_schema() as url:
        _no_lost_turns(tmp_path, {"DATABASE_URL": url})


def test_two_workers_lose_no_turn_postgres_sigkill(tmp_path: Path) -> None:
    with postgres_schema() as url:
        _no_lost_turns(tmp_path, {"DATABASE_URL": url}, kill_after=8)


def test_two_workers_lose_no_turn_sqlite(tmp_path: Path) -> None:
    _no_lost_turns(tmp_path, {})


def test_two_workers_lose_no_turn_sqlite_sigkill(tmp_path: Path) -> None:
    _no_lost_turns(tmp_path, {}, kill_after=8)
