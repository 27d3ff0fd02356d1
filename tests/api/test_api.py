"""The HTTP API end to end in-process: drafts, sessions, interview, versions, auth, limits, errors."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from tests.api.conftest import KEY_A, KEY_B, auth
from tests.conftest import example


def test_health_is_open_and_reports_mode(keyed: TestClient) -> None:
    response = keyed.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok" and response.json()["mode"] == "offline"


def test_draft_returns_roadmap_and_findings(client: TestClient) -> None:
    response = client.post("/v1/drafts", json={"description": example("webshop"), "format": "md"})
    assert response.status_code == 200
    body = response.json()
    assert body["roadmap"]["budget"]["currency"] == "GBP"
    assert body["roadmap"]["budget"]["total"] <= 27000
    assert [s["id"] for s in body["roadmap"]["stages"]][:1] == ["assess"] and len(body["roadmap"]["stages"]) == 9
    assert not [f for f in body["findings"] if f["severity"] == "error"]
    assert "```mermaid" in body["markdown"]


def test_check_endpoint_reports_paths_for_bad_roadmaps(client: TestClient) -> None:
    roadmap = client.post("/v1/drafts", json={"description": example("bakery")}).json()["roadmap"]
    roadmap["budget"]["total"] += 1000
    findings = client.post("/v1/check", json=roadmap).json()
    assert any(f["rule_id"] == "BUD-001" for f in findings)
    del roadmap["stages"][0]["owner_role"]
    response = client.post("/v1/check", json=roadmap)
    assert response.status_code == 422
    assert "stages[0].owner_role" in response.json()["message"]


def test_interview_reaches_a_draft_and_revises(client: TestClient) -> None:
    session = client.post("/v1/sessions").json()
    sid = session["id"]
    assert session["message"]["role"] == "assistant"
    turns = [
        "We run a bakery and throw away too much bread.",
        "Leipzig, Germany",
        "9 people",
        "about 12k",
        "A SumUp till and Excel",
    ]
    replies = [client.post(f"/v1/sessions/{sid}/messages", json={"content": t}).json() for t in turns]
    assert replies[-1]["reply"]["kind"] == "draft", [r["reply"]["content"][:80] for r in replies]
    assert replies[-1]["roadmap_version"] == 1
    revised = client.post(f"/v1/sessions/{sid}/messages", json={"content": "Actually our budget is €8k"}).json()
    assert revised["reply"]["kind"] == "revision" and revised["roadmap_version"] == 2
    versions = client.get(f"/v1/sessions/{sid}/roadmap/versions").json()
    assert [v["version"] for v in versions] == [1, 2]
    assert "8,000" in versions[1]["change"] and "ceiling" in versions[1]["change"]
    latest = client.get(f"/v1/sessions/{sid}/roadmap?format=json").json()
    assert latest["roadmap"]["budget"]["total"] <= 8000
    first = client.get(f"/v1/sessions/{sid}/roadmap?format=json&version=1").json()
    assert first["roadmap"]["budget"]["ceiling"] == 12000
    markdown = client.get(f"/v1/sessions/{sid}/roadmap?format=md")
    assert markdown.headers["content-type"].startswith("text/markdown") and "## The nine stages" in markdown.text
    state = client.get(f"/v1/sessions/{sid}").json()
    assert [m["role"] for m in state["messages"]].count("user") == 6
    assert state["profile"]["budget"]["amount"] == 8000


def test_server_sent_events(client: TestClient) -> None:
    sid = client.post("/v1/sessions").json()["id"]
    with client.stream(
        "POST",
        f"/v1/sessions/{sid}/messages",
        json={"content": "We are a dental practice"},
        headers={"Accept": "text/event-stream"},
    ) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        text = "".join(response.iter_text())
    events = [line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("event: ")]
    assert events[0] == "delta" and events[-2:] == ["message", "done"]
    message = next(
        json.loads(line[6:]) for line in text.splitlines() if line.startswith("data: ") and '"session_id"' in line
    )
    assert message["session_id"] == sid
    deltas = [json.loads(line[6:])["content"] for line in text.splitlines() if line.startswith('data: {"content"')]
    assert "".join(deltas) == message["reply"]["content"]  # the pieces add up to the saved reply


def test_keys_are_required_and_sessions_are_private(keyed: TestClient) -> None:
    assert keyed.post("/v1/sessions").status_code == 401
    assert keyed.post("/v1/sessions", headers=auth("wrong")).json()["error"] == "Unauthorized"
    sid = keyed.post("/v1/sessions", headers=auth(KEY_A)).json()["id"]
    assert keyed.get(f"/v1/sessions/{sid}", headers=auth(KEY_A)).status_code == 200
    other = keyed.get(f"/v1/sessions/{sid}", headers=auth(KEY_B))
    assert other.status_code == 404 and other.json()["error"] == "NotFoundError"
    posted = keyed.post(f"/v1/sessions/{sid}/messages", json={"content": "hi"}, headers=auth(KEY_B))
    assert posted.status_code == 404


def test_bad_input_gets_clear_4xx_json(client: TestClient) -> None:
    cases = [
        client.post("/v1/drafts", content=b"{not json", headers={"Content-Type": "application/json"}),
        client.post("/v1/drafts", json={"description": 42}),
        client.post("/v1/drafts", json={"description": "too short"}),
        client.post("/v1/drafts", json={"description": "x" * 30, "extra": 1}),
        client.post("/v1/ask", json={"question": "Is this ok?", "jurisdictions": ["narnia"]}),
        client.get("/v1/sessions/does-not-exist"),
        client.post("/v1/sessions/does-not-exist/messages", json={"content": "hello"}),
    ]
    for response in cases:
        assert 400 <= response.status_code < 500, response.text
        body = response.json()
        assert body["error"] and body["message"]
    assert "narnia" in cases[4].json()["message"] and "gdpr" in cases[4].json()["message"]


def test_body_size_limit_is_413(client: TestClient) -> None:
    response = client.post("/v1/drafts", content=b"x" * 300_000, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json()["error"] == "payload_too_large"


def test_message_length_limit(client: TestClient) -> None:
    sid = client.post("/v1/sessions").json()["id"]
    response = client.post(f"/v1/sessions/{sid}/messages", json={"content": "a" * 100_001})
    assert response.status_code == 422


def test_openai_compatible_chat_continues_the_same_interview(client: TestClient) -> None:
    history = [{"role": "user", "content": "We run a hair salon in Madrid with 6 staff and many no-shows."}]
    first = client.post("/v1/chat/completions", json={"model": "roadmap-agent", "messages": history}).json()
    assert first["object"] == "chat.completion"
    history += [first["choices"][0]["message"], {"role": "user", "content": "About 6,000 EUR"}]
    second = client.post("/v1/chat/completions", json={"model": "roadmap-agent", "messages": history}).json()
    assert second["choices"][0]["message"]["content"] != first["choices"][0]["message"]["content"]
    models = client.get("/v1/models").json()
    assert models["data"][0]["id"] == "roadmap-agent"
