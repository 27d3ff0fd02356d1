"""The interview and both chat endpoints against a live local model: a usable question in any case, streams
that end properly and report token use."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from agent.config import Settings
from agent.interview import InterviewService
from agent.interview.phrasing import usable_question
from agent.interview.questions import SLOTS
from api.app import create_app

pytestmark = pytest.mark.llm_local

OPENING = "Wir sind eine Bäckerei in Leipzig mit 9 Mitarbeitern und werfen abends zu viel Brot weg."
QUESTION = "How quickly must a personal data breach be reported?"


@pytest.fixture
def service(chat_settings: Settings) -> Iterator[InterviewService]:
    svc = InterviewService(chat_settings)
    yield svc
    svc.close()


@pytest.fixture
def client(chat_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(chat_settings)) as test_client:
        yield test_client


def test_the_next_question_is_one_short_question_or_the_standard_one(service: InterviewService) -> None:
    sid = service.create_session("owner")
    reply = service.send(sid, "owner", OPENING)

    profile = service.state(sid, "owner")["profile"]
    assert profile["industry"] == "bakery" and profile["headcount"] == 9  # the rules' facts stand
    assert reply["slot"] in dict(SLOTS)
    standard = dict(SLOTS)[reply["slot"]]
    assert reply["content"].endswith(standard) or usable_question(reply["content"].splitlines()[-1])
    assert reply["usage"]["calls"] >= 2 and reply["usage"]["total_tokens"] > 0  # read the message, worded a question


def test_session_messages_stream_a_cited_answer(client: TestClient) -> None:
    sid = client.post("/v1/sessions", json={}).json()["id"]
    with client.stream(
        "POST", f"/v1/sessions/{sid}/messages", json={"content": QUESTION}, headers={"Accept": "text/event-stream"}
    ) as response:
        assert response.status_code == 200
        events = _events(response.iter_lines())

    names = [name for name, _ in events]
    assert names[-1] == "done" and names.count("message") == 1 and "error" not in names
    saved = next(data for name, data in events if name == "message")["reply"]
    streamed = "".join(data["content"] for name, data in events if name == "delta")
    assert "[P" not in streamed and "COVERED" not in streamed
    assert streamed.strip() in saved["content"]  # what streamed is part of what was saved


def test_chat_completions_stream_ends_with_usage(client: TestClient) -> None:
    body = {
        "model": "roadmap-agent",
        "messages": [{"role": "user", "content": QUESTION}],
        "stream": True,
        "stream_options": {"include_usage": True},
    }
    with client.stream("POST", "/v1/chat/completions", json=body) as response:
        assert response.status_code == 200
        lines = [line[6:] for line in response.iter_lines() if line.startswith("data: ")]

    assert lines[-1] == "[DONE]"
    chunks = [json.loads(line) for line in lines[:-1]]
    text = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"])
    assert text.strip() and "[P" not in text
    usage = chunks[-1]["usage"]
    assert chunks[-1]["choices"] == [] and usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]
    assert usage["completion_tokens"] > 0


def test_chat_completions_report_token_use(client: TestClient) -> None:
    # Its own `user`: the streaming test sent the same message to the same data dir, and a repeated request gets
    # the reply already given (a client retry), which costs no call.
    body = {"model": "roadmap-agent", "user": "token-use", "messages": [{"role": "user", "content": QUESTION}]}
    reply = client.post("/v1/chat/completions", json=body).json()

    assert reply["choices"][0]["message"]["content"].strip()
    assert reply["usage"]["completion_tokens"] > 0, reply


def _events(lines: Iterator[str]) -> list[tuple[str, dict]]:
    events, name = [], ""
    for line in lines:
        if line.startswith("event: "):
            name = line[7:]
        elif line.startswith("data: "):
            events.append((name, json.loads(line[6:])))
    return events
