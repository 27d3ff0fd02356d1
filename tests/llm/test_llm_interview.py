"""Model-backed interview turns replayed from cassettes: the model reads the message and words the next question;
the graph still decides which question; token use is reported per turn and by the API. The two API tests are
recordable from a real model (`make record`); the first test's replies are hand-written by design (see
tests/cassettes/README.md)."""

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

OPENING = "Wir sind eine Bäckerei in Leipzig mit 9 Mitarbeitern und werfen abends zu viel Brot weg."
GERMAN_BUDGET_QUESTION = "Wie viel möchten Sie im ersten Jahr ungefähr für KI ausgeben"


@pytest.fixture
def service(llm_settings: Settings) -> Iterator[InterviewService]:
    svc = InterviewService(llm_settings)
    yield svc
    svc.close()


def test_model_words_the_question_in_the_owners_language(cassette, service: InterviewService) -> None:  # type: ignore[no-untyped-def]
    sid = service.create_session("owner")

    first = service.send(sid, "owner", OPENING)
    profile = service.state(sid, "owner")["profile"]
    assert profile["industry"] == "bakery" and "reduce-waste" in profile["goals"]  # goals read by the model
    assert first["slot"] == "budget" and GERMAN_BUDGET_QUESTION in first["content"]
    assert first["usage"]["calls"] == 2 and first["usage"]["total_tokens"] == 1300 + 90 + 420 + 30

    second = service.send(sid, "owner", "skip")  # the model's reply is a list, not one question: not used
    assert second["slot"] == "systems" and second["content"].endswith(dict(SLOTS)["systems"])
    assert "1." not in second["content"] and second["usage"]["calls"] == 1


@pytest.fixture
def client(llm_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(llm_settings)) as test_client:
        yield test_client


def _asks_one_question(content: str) -> bool:
    """The reply ends with the standard wording of some slot or with one short question the model wrote."""
    last = content.strip().splitlines()[-1]
    return any(last.endswith(standard) for _, standard in SLOTS) or usable_question(last) is not None


def test_chat_completions_report_token_use(cassette, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    """Recordable: the model read the message and worded a question; the API reports both calls' tokens."""
    body = {"model": "roadmap-agent", "messages": [{"role": "user", "content": OPENING}]}
    reply = client.post("/v1/chat/completions", json=body).json()
    assert _asks_one_question(reply["choices"][0]["message"]["content"])
    usage = reply["usage"]
    assert usage["prompt_tokens"] > 0 and usage["completion_tokens"] > 0
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]


def test_streamed_chat_completion_ends_with_usage(cassette, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    body = {
        "model": "roadmap-agent",
        "messages": [{"role": "user", "content": OPENING}],
        "stream": True,
        "stream_options": {"include_usage": True},
    }
    with client.stream("POST", "/v1/chat/completions", json=body) as response:
        lines = [line[6:] for line in response.iter_lines() if line.startswith("data: ")]
    assert lines[-1] == "[DONE]"
    chunks = [json.loads(line) for line in lines[:-1]]
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks if c["choices"])
    assert _asks_one_question(text)
    usage = chunks[-1]["usage"]
    assert chunks[-1]["choices"] == [] and usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]
    assert usage["completion_tokens"] > 0
    assert all(c["usage"] is None for c in chunks[:-1])


@pytest.mark.parametrize(
    ("reply", "usable"),
    [
        ("How many people work at the bakery?", True),
        ('"Combien de personnes travaillent chez vous ?"', True),
        ("Sure!\nHow many people work there?", False),  # preamble on its own line
        ("Tell me your team size.", False),  # not a question
        ("How many staff? See https://example.com for help", False),
        ("x" * 320 + "?", False),
    ],
)
def test_only_one_short_question_is_used(reply: str, usable: bool) -> None:
    assert (usable_question(reply) is not None) is usable
