"""Input that used to crash the API or slip past its guards: each case answered with a clear 4xx, nothing half
saved, and the guards (loopback-only, body size, keys) holding however the app is served."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from agent.config import Settings
from agent.interview import InterviewService
from api.app import create_app
from tests.api.conftest import KEY_A, auth, make_settings

_JSON = {"Content-Type": "application/json"}


def _talk(client: TestClient, sid: str, text: str) -> dict:
    response = client.post(f"/v1/sessions/{sid}/messages", json={"content": text})
    assert response.status_code == 200, response.text
    return response.json()


def _user_messages(client: TestClient, sid: str) -> list[str]:
    return [m["content"] for m in client.get(f"/v1/sessions/{sid}").json()["messages"] if m["role"] == "user"]


def test_zero_staff_is_not_a_server_error(client: TestClient) -> None:
    sid = client.post("/v1/sessions").json()["id"]
    _talk(client, sid, "We run a bike repair shop in Porto, Portugal.")
    asked = _talk(client, sid, "around 9,000 EUR")["reply"]
    assert asked["slot"] == "headcount", asked["content"]
    reply = _talk(client, sid, "0")["reply"]
    assert reply["role"] == "assistant"
    state = client.get(f"/v1/sessions/{sid}").json()
    assert state["profile"].get("headcount") is None  # "0" is no team size
    roles = [m["role"] for m in state["messages"]]
    assert roles == ["assistant"] + ["user", "assistant"] * 3  # every saved message has its reply


class _BrokenAnswerer:
    def answer(self, *args: object, **kwargs: object) -> object:
        raise RuntimeError("index went away")


class _ServiceWithBrokenAnswers(InterviewService):
    """The interview with its answerer seam swapped for one that fails, as a lost index would."""

    def answerer(self):  # type: ignore[no-untyped-def]
        return _BrokenAnswerer()


def test_a_failed_turn_saves_nothing_and_the_session_goes_on(tmp_path: Path) -> None:
    service = _ServiceWithBrokenAnswers(Settings(data_dir=tmp_path, embedding_backend="hash"))
    try:
        sid = service.create_session("owner")
        service.send(sid, "owner", "We are a florist in Ghent, Belgium with 4 staff.")
        before = service.state(sid, "owner")["messages"]
        with pytest.raises(RuntimeError):
            service.send(sid, "owner", "Do we need consent to email our customers about offers?")
        assert service.state(sid, "owner")["messages"] == before
        after = service.send(sid, "owner", "about 5,000 EUR")
        assert after["role"] == "assistant"
        assert [m["role"] for m in service.state(sid, "owner")["messages"]] == ["assistant", *["user", "assistant"] * 2]
    finally:
        service.close()


def test_non_ascii_bearer_token_is_401(keyed: TestClient) -> None:
    for raw in ("Bearer kéy-ünïcode".encode(), b"Bearer caf\xe9", "Bearer ключ".encode()):
        response = keyed.get("/v1/models", headers={"Authorization": raw})  # type: ignore[dict-item]
        assert response.status_code == 401, response.text
        assert response.json()["error"] == "Unauthorized"


def test_lone_surrogate_in_text_is_read_not_500(client: TestClient) -> None:
    body = b'{"messages":[{"role":"user","content":"We sell \\ud800 candles in Lyon"}]}'
    response = client.post("/v1/chat/completions", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 200, response.text
    sid = client.post("/v1/sessions").json()["id"]
    sent = client.post(
        f"/v1/sessions/{sid}/messages",
        content=b'{"content":"a bakery \\udbff in Graz"}',
        headers={"Content-Type": "application/json"},
    )
    assert sent.status_code == 422 and "content" in sent.json()["message"]  # pydantic refuses it for plain str


@pytest.mark.parametrize("session_id", ["ab\x00cd", "x" * 500, "../../etc", "0" * 31 + "\x00"])
def test_odd_session_ids_are_404(client: TestClient, session_id: str) -> None:
    from urllib.parse import quote

    path = quote(session_id, safe="")
    assert client.get(f"/v1/sessions/{path}").status_code == 404
    assert client.post(f"/v1/sessions/{path}/messages", json={"content": "hi"}).status_code == 404
    assert client.delete(f"/v1/sessions/{path}").status_code == 404


@pytest.mark.parametrize(
    ("value", "expected"),
    [("k1,k2", ["k1", "k2"]), (" k1 , k2 ,", ["k1", "k2"]), ('["k1", "k2"]', ["k1", "k2"]), ("solo", ["solo"])],
)
def test_api_keys_as_comma_list_or_json(monkeypatch: pytest.MonkeyPatch, value: str, expected: list[str]) -> None:
    monkeypatch.setenv("API_KEYS", value)
    assert [k.get_secret_value() for k in Settings().api_keys] == expected


def test_chunked_body_over_the_limit_is_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"description": "'
        for _ in range(40):
            yield b"x" * 8192
        yield b'"}'

    response = client.post("/v1/drafts", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json()["error"] == "payload_too_large"
    small = client.post(
        "/v1/sessions/" + "0" * 32 + "/messages", content=iter([b'{"content":', b'"hi"}']), headers=_JSON
    )
    assert small.status_code == 404  # a small chunked body still reaches the route


def test_without_keys_only_loopback_clients_are_served(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path))
    with TestClient(app, client=("203.0.113.9", 40000)) as remote:
        refused = remote.post("/v1/sessions")
        assert refused.status_code == 403 and "API_KEYS" in refused.json()["message"]
        assert remote.get("/healthz").status_code == 200
    with TestClient(app, client=("127.0.0.1", 40000)) as local:
        assert local.post("/v1/sessions").status_code == 201
    keyed_app = create_app(make_settings(tmp_path / "keyed", [KEY_A]))
    with TestClient(keyed_app, client=("203.0.113.9", 40000)) as remote:
        assert remote.post("/v1/sessions", headers=auth(KEY_A)).status_code == 201


def test_markdown_export_escapes_raw_html(client: TestClient) -> None:
    description = (
        "We run a cafe in Lisbon, Portugal with 6 staff and want fewer no-shows. Budget 7,000 EUR. "
        "Staff must not feel <img src=x onerror=alert(2)> watched <script>alert(1)</script>."
    )
    markdown = client.post("/v1/drafts", json={"description": description, "format": "md"}).json()["markdown"]
    assert "<script" not in markdown and "<img" not in markdown
    assert "](http" in markdown or "<http" in markdown  # links to sources still work


def test_model_errors_and_logs_never_show_url_credentials(caplog: pytest.LogCaptureFixture) -> None:
    from agent.llm import explain_model_error
    from agent.redact import install_log_redaction, redact_text

    settings = Settings(openai_base_url="http://alice:hunter2secret@llm.internal:8000/v1?api_key=zzz-top")
    for exc in (ConnectionError("boom"), TimeoutError("slow"), ValueError("odd")):
        message = str(explain_model_error(exc, settings))
        assert "hunter2secret" not in message and "alice" not in message and "zzz-top" not in message
    connect = type("APIConnectionError", (Exception,), {})("refused")
    assert "llm.internal" in str(explain_model_error(connect, settings))  # still says where
    assert redact_text("see https://bob:pw1234@db:5432/x") == "see https://***@db:5432/x"
    install_log_redaction(["s3cr3t-key"])
    try:
        with caplog.at_level(logging.INFO, logger="roadmap.test"):
            logging.getLogger("roadmap.test").info("calling %s with s3cr3t-key", "postgresql://u:pass99@h/db")
        assert "pass99" not in caplog.text and "s3cr3t-key" not in caplog.text and "***" in caplog.text
    finally:
        install_log_redaction()
