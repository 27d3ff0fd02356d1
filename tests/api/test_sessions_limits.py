"""Conversations that must not mix, retries that must not repeat, and limits that must hold: the OpenAI-style
history match, Idempotency-Key, DELETE, the atomic per-key cap, rate limits and wrong-key throttling."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fastapi.testclient import TestClient
from pydantic import SecretStr

from agent.config import Settings
from agent.interview import InterviewService
from agent.interview.service import MAX_SESSIONS_PER_KEY
from api.app import create_app
from tests.api.conftest import KEY_A, auth, make_settings


def _chat(client: TestClient, messages: list[dict], **extra: object) -> dict:
    response = client.post("/v1/chat/completions", json={"model": "roadmap-agent", "messages": messages, **extra})
    assert response.status_code == 200, response.text
    return response.json()


def _reply(body: dict) -> dict:
    return {"role": "assistant", "content": body["choices"][0]["message"]["content"]}


def _session_count(client: TestClient) -> int:
    store = client.app.state.services.interview.store  # type: ignore[attr-defined]
    return store.index.count(_owner())


def _owner() -> str:
    from agent.interview import owner_id

    return owner_id(None)


def test_two_people_opening_alike_get_separate_interviews(client: TestClient) -> None:
    hello = [{"role": "user", "content": "Hello"}]
    first_a, first_b = _chat(client, hello), _chat(client, hello, user="someone-else")
    tea = [*hello, _reply(first_a), {"role": "user", "content": "We roast coffee in Lyon, France, 5 people."}]
    yoga = [*hello, _reply(first_a), {"role": "user", "content": "We run a yoga studio in Perth, Australia."}]
    _chat(client, tea)
    answer_b = _chat(client, yoga)  # same opening and reply, different business: must not continue tea's
    assert "coffee" not in answer_b["choices"][0]["message"]["content"].lower()
    histories = sorted(
        [m["content"] for m in client.get(f"/v1/sessions/{sid}").json()["messages"] if m["role"] == "user"]
        for sid in _sessions(client)
    )
    assert histories == sorted([["Hello"], ["Hello", tea[-1]["content"]], ["Hello", yoga[-1]["content"]]])
    assert first_b["choices"][0]["message"]["content"]


def _sessions(client: TestClient) -> list[str]:
    store = client.app.state.services.interview.store  # type: ignore[attr-defined]
    conn = store.index._conn  # the SQLite index of the test app
    return [row[0] for row in conn.execute("SELECT id FROM roadmap_sessions")]


def test_every_new_message_is_run_and_a_retry_is_not(client: TestClient) -> None:
    history = [{"role": "user", "content": "We are a dental lab in Cork, Ireland with 8 technicians."}]
    first = _chat(client, history)
    history += [_reply(first), {"role": "user", "content": "About 15,000 EUR"}, {"role": "user", "content": ""}]
    history += [{"role": "user", "content": "We use Dentrix and Excel"}]
    second = _chat(client, history)
    again = _chat(client, history)  # the client retried: same reply, no second turn
    assert again["choices"][0]["message"]["content"] == second["choices"][0]["message"]["content"]
    sid = _sessions(client)[0]
    users = [m["content"] for m in client.get(f"/v1/sessions/{sid}").json()["messages"] if m["role"] == "user"]
    assert users == [history[0]["content"], "About 15,000 EUR", "We use Dentrix and Excel"]
    history += [_reply(second), {"role": "user", "content": "   "}]
    assert client.post("/v1/chat/completions", json={"messages": history}).status_code == 422
    assert len(_sessions(client)) == 1


def test_an_edited_history_branches_into_its_own_session(client: TestClient) -> None:
    opening = [{"role": "user", "content": "We make furniture in Tampere, Finland, 14 staff."}]
    first = _chat(client, opening)
    _chat(client, [*opening, _reply(first), {"role": "user", "content": "Budget 20,000 EUR"}])
    edited = [*opening, _reply(first), {"role": "user", "content": "Budget 5,000 EUR"}]
    _chat(client, edited)
    sessions = _sessions(client)
    assert len(sessions) == 2
    budgets = sorted(
        (client.get(f"/v1/sessions/{sid}").json()["profile"].get("budget") or {}).get("amount", 0) for sid in sessions
    )
    assert budgets == [5000, 20000]


def test_concurrent_identical_requests_run_once(client: TestClient) -> None:
    messages = [{"role": "user", "content": "We run a vet clinic in Bilbao, Spain with 7 staff."}]
    with ThreadPoolExecutor(3) as pool:
        replies = list(pool.map(lambda _: _chat(client, messages), range(3)))
    assert len({r["choices"][0]["message"]["content"] for r in replies}) == 1
    assert len(_sessions(client)) == 1
    users = [m for m in client.get(f"/v1/sessions/{_sessions(client)[0]}").json()["messages"] if m["role"] == "user"]
    assert len(users) == 1


def test_idempotency_key_on_session_endpoints(client: TestClient) -> None:
    key = {"Idempotency-Key": "create-1"}
    first, again = client.post("/v1/sessions", headers=key), client.post("/v1/sessions", headers=key)
    assert first.status_code == again.status_code == 201 and first.json()["id"] == again.json()["id"]
    assert _session_count(client) == 1
    sid = first.json()["id"]
    turn = {"Idempotency-Key": "turn-1"}
    sent = client.post(f"/v1/sessions/{sid}/messages", json={"content": "A tattoo studio in Leeds"}, headers=turn)
    resent = client.post(f"/v1/sessions/{sid}/messages", json={"content": "A tattoo studio in Leeds"}, headers=turn)
    assert sent.json() == resent.json()
    users = [m for m in client.get(f"/v1/sessions/{sid}").json()["messages"] if m["role"] == "user"]
    assert len(users) == 1
    reused = client.post(f"/v1/sessions/{sid}/messages", json={"content": "Something else"}, headers=turn)
    assert reused.status_code == 422 and "Idempotency-Key" in reused.json()["message"]
    chat = {"Idempotency-Key": "chat-1"}
    body = {"messages": [{"role": "user", "content": "We are a print shop in Bremen"}]}
    assert (
        client.post("/v1/chat/completions", json=body, headers=chat).json()["choices"]
        == (client.post("/v1/chat/completions", json=body, headers=chat).json()["choices"])
    )


def test_delete_frees_a_place_and_the_cap_is_atomic(tmp_path: Path) -> None:
    service = InterviewService(Settings(data_dir=tmp_path, embedding_backend="hash"))
    try:

        def create(_: int) -> str | None:
            try:
                return service.create_session("owner")
            except Exception:
                return None

        with ThreadPoolExecutor(8) as pool:
            created = [sid for sid in pool.map(create, range(MAX_SESSIONS_PER_KEY + 12)) if sid]
        assert len(created) == MAX_SESSIONS_PER_KEY
        assert service.store.index.count("owner") == MAX_SESSIONS_PER_KEY
        service.delete_session(created[0], "owner")
        assert service.create_session("owner")
    finally:
        service.close()


def test_delete_session_endpoint(client: TestClient) -> None:
    sid = client.post("/v1/sessions").json()["id"]
    client.post(f"/v1/sessions/{sid}/messages", json={"content": "We are a bakery in Graz with 6 staff"})
    assert client.delete(f"/v1/sessions/{sid}").status_code == 204
    assert client.get(f"/v1/sessions/{sid}").status_code == 404
    assert client.delete(f"/v1/sessions/{sid}").status_code == 404


def test_rate_limit_per_key_answers_429_with_retry_after(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, [KEY_A]).model_copy(update={"rate_limit_per_minute": 3})
    with TestClient(create_app(settings)) as client:
        codes = [client.get("/v1/models", headers=auth(KEY_A)).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        limited = client.get("/v1/models", headers=auth(KEY_A))
        assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1


def test_wrong_keys_are_throttled_per_address(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, [KEY_A]).model_copy(update={"auth_failures_per_minute": 3})
    app = create_app(settings)
    with TestClient(app, client=("198.51.100.7", 5000)) as guesser:
        codes = [guesser.get("/v1/models", headers=auth(f"guess-{n}")).status_code for n in range(4)]
        assert codes == [401, 401, 401, 429]
        blocked = guesser.get("/v1/models", headers=auth(KEY_A))
        assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) >= 1
    with TestClient(app, client=("198.51.100.8", 5000)) as other:
        assert other.get("/v1/models", headers=auth(KEY_A)).status_code == 200


def test_limits_are_on_by_default() -> None:
    settings = Settings(api_keys=[SecretStr("k")])
    assert settings.rate_limit_per_minute > 0 and settings.auth_failures_per_minute > 0


def test_a_request_runs_at_most_so_many_unseen_messages(client: TestClient) -> None:
    from api.conversations import MAX_TURNS_PER_REQUEST

    messages = [
        {"role": "user", "content": f"note {n}: we also repair bikes"} for n in range(MAX_TURNS_PER_REQUEST + 1)
    ]
    response = client.post("/v1/chat/completions", json={"messages": messages})
    assert response.status_code == 422 and str(MAX_TURNS_PER_REQUEST) in response.json()["message"]
    assert _sessions(client) == []  # refused before anything was created
