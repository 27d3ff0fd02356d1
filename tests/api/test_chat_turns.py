"""Chat turns over HTTP: bad input gets a clear reply and changes nothing saved (never a 5xx), and "show me the
roadmap" shows it on the session API and on the OpenAI-compatible endpoint."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

OPENING = "We run a hair salon in Leeds, UK with 6 staff and many no-shows. Budget £6,000. We use Fresha."


def _session_with_draft(client: TestClient) -> str:
    sid = client.post("/v1/sessions").json()["id"]
    reply = client.post(f"/v1/sessions/{sid}/messages", json={"content": OPENING}).json()["reply"]
    assert reply["kind"] == "draft"
    return sid


def _saved(client: TestClient, sid: str) -> dict[str, Any]:
    state = client.get(f"/v1/sessions/{sid}").json()
    return {"profile": state["profile"], "versions": len(state["versions"])}


@pytest.mark.parametrize(
    "text",
    ["we have -3 staff", "a team of 0", "1" * 8000, "x " * 10_000, "这是一个关于我们公司的测试信息"],
)
def test_bad_messages_get_a_clear_reply_and_change_nothing(client: TestClient, text: str) -> None:
    sid = _session_with_draft(client)
    before = _saved(client, sid)
    response = client.post(f"/v1/sessions/{sid}/messages", json={"content": text})
    assert response.status_code == 200, response.text
    reply = response.json()["reply"]
    assert reply["kind"] == "info"
    assert "nothing was changed" in reply["content"].lower() or "kept what i had" in reply["content"].lower()
    assert _saved(client, sid) == before


def test_empty_messages_are_a_clear_4xx(client: TestClient) -> None:
    sid = _session_with_draft(client)
    before = _saved(client, sid)
    for content in ("", "   "):
        response = client.post(f"/v1/sessions/{sid}/messages", json={"content": content})
        assert 400 <= response.status_code < 500 and response.json()["message"]
    assert _saved(client, sid) == before


def test_show_me_the_roadmap_in_the_session_api(client: TestClient) -> None:
    sid = _session_with_draft(client)
    reply = client.post(f"/v1/sessions/{sid}/messages", json={"content": "show me the roadmap"}).json()["reply"]
    assert reply["kind"] == "roadmap" and "# AI implementation roadmap" in reply["content"]


def test_openai_compatible_chat_shows_the_roadmap_and_survives_a_wall_of_text(client: TestClient) -> None:
    history: list[dict[str, str]] = [{"role": "user", "content": OPENING}]

    def turn(content: str) -> str:
        history.append({"role": "user", "content": content})
        response = client.post("/v1/chat/completions", json={"model": "roadmap-agent", "messages": history})
        assert response.status_code == 200, response.text
        text = str(response.json()["choices"][0]["message"]["content"])
        history.append({"role": "assistant", "content": text})
        return text

    history.pop()
    assert "first draft" in turn(OPENING)
    assert "characters" in turn("word " * 5_000)  # a clear reply, and the conversation goes on
    shown = turn("show me the full roadmap")
    assert shown.startswith("Your roadmap, version 1") and "```mermaid" in shown
    assert "Dropped" in turn("drop the AI phone receptionist")


def test_streamed_completion_shows_the_roadmap(client: TestClient) -> None:
    history = [{"role": "user", "content": OPENING}]
    first = client.post("/v1/chat/completions", json={"messages": history}).json()
    history += [first["choices"][0]["message"], {"role": "user", "content": "show the full plan"}]
    with client.stream("POST", "/v1/chat/completions", json={"messages": history, "stream": True}) as response:
        assert response.status_code == 200
        lines = [line for line in response.iter_lines() if line.startswith("data: {")]
    text = "".join(
        str(json.loads(line[6:])["choices"][0]["delta"].get("content") or "")
        for line in lines
        if json.loads(line[6:])["choices"]
    )
    assert "# AI implementation roadmap" in text and "```mermaid" in text
