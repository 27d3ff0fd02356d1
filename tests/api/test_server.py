"""Against a real uvicorn process: the official openai client, and no acknowledged message lost to SIGKILL
(SQLite by default, PostgreSQL on 127.0.0.1:5432)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.api.pg import postgres_schema
from tests.api.server import Server

pytestmark = pytest.mark.server


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    srv = Server(tmp_path).start()
    yield srv
    srv.stop()


def test_official_openai_client(server: Server) -> None:
    from openai import OpenAI

    client = OpenAI(base_url=f"{server.url}/v1", api_key="unused-locally", max_retries=0)
    assert [m.id for m in client.models.list().data] == ["roadmap-agent"]
    history = [{"role": "user", "content": "We are a dental practice in Dublin, Ireland with 11 staff."}]
    first = client.chat.completions.create(model="roadmap-agent", messages=history)  # type: ignore[arg-type]
    text = first.choices[0].message.content or ""
    assert "?" in text  # it asks the next question
    history += [{"role": "assistant", "content": text}, {"role": "user", "content": "Around 20,000 EUR"}]
    stream = client.chat.completions.create(model="roadmap-agent", messages=history, stream=True)  # type: ignore[arg-type]
    streamed = "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)
    assert streamed and streamed != text


def _talk(url: str, sid: str, text: str) -> dict:
    response = httpx.post(f"{url}/v1/sessions/{sid}/messages", json={"content": text}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


def _survives_sigkill(data_dir: Path, env: dict[str, str] | None = None) -> None:
    server = Server(data_dir, env).start()
    try:
        sid = httpx.post(f"{server.url}/v1/sessions", timeout=30).json()["id"]
        sent = [
            "We run a bakery in Leipzig, Germany with 9 staff and waste too much bread.",
            "About 12,000 EUR",
            "A SumUp till and Excel",
            "Actually our budget is €8k",
        ]
        acked = [_talk(server.url, sid, text) for text in sent]
        assert acked[-1]["roadmap_version"] == 2
    finally:
        server.kill()
    restarted = Server(data_dir, env).start()
    try:
        state = httpx.get(f"{restarted.url}/v1/sessions/{sid}", timeout=30).json()
        users = [m["content"] for m in state["messages"] if m["role"] == "user"]
        assert users == sent
        assert [v["version"] for v in state["versions"]] == [1, 2]
        roadmap = httpx.get(f"{restarted.url}/v1/sessions/{sid}/roadmap", timeout=30).json()
        assert roadmap["roadmap"]["budget"]["total"] <= 8000
        after = _talk(restarted.url, sid, "Drop the demand forecasting please")
        assert after["roadmap_version"] == 3
    finally:
        restarted.stop()


def test_sigkill_loses_nothing_sqlite(tmp_path: Path) -> None:
    _survives_sigkill(tmp_path)


def test_sigkill_loses_nothing_postgres(tmp_path: Path) -> None:
    with postgres_schema() as url:
        _survives_sigkill(tmp_path, {"DATABASE_URL": url})


def test_the_server_log_shows_the_first_index_build(tmp_path: Path) -> None:
    import time

    srv = Server(tmp_path / "fresh", {"INDEX_SEED_DIR": ""}).start()  # no seed: a real first build
    try:
        deadline = time.monotonic() + 120
        while httpx.get(f"{srv.url}/healthz").json()["index"]["state"] != "ready":
            assert time.monotonic() < deadline, "the index was not ready in 120 s"
            time.sleep(0.5)
    finally:
        srv.stop()
    log = srv.log()
    assert "Building the knowledge index for the first time" in log
    assert "documents embedded" in log and "Knowledge index ready." in log
