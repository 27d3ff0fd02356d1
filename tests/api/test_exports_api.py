"""Exports over HTTP (each format with its media type and file name, read back with its own library; a 4xx
for an unknown format), and a chat front end's housekeeping requests that must not start or move an interview."""

from __future__ import annotations

import csv
import io
import json

import pytest
from docx import Document
from fastapi.testclient import TestClient
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from agent.interview import owner_id
from api.chat_tasks import TITLE
from tests.conftest import example

OPENING = "We run a hair salon in Leeds, UK with 6 staff and many no-shows. Budget £6,000. We use Fresha."
MEDIA = {
    "md": "text/markdown",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
    "ics": "text/calendar",
}


def _content(fmt: str, body: bytes) -> str:
    """The file's text as its own library reads it."""
    if fmt == "docx":
        doc = Document(io.BytesIO(body))
        return " ".join(
            [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
        )
    if fmt == "pdf":
        return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
    if fmt == "xlsx":
        book = load_workbook(io.BytesIO(body))
        return " ".join(str(v) for s in book.worksheets for row in s.iter_rows(values_only=True) for v in row if v)
    if fmt == "csv":
        return " ".join(" ".join(row.values()) for row in csv.DictReader(io.StringIO(body.decode())))
    if fmt == "ics":
        return " ".join(str(e["SUMMARY"]) for e in Calendar.from_ical(body).walk("VEVENT"))
    return body.decode()


@pytest.fixture
def session(client: TestClient) -> str:
    sid = client.post("/v1/sessions").json()["id"]
    assert client.post(f"/v1/sessions/{sid}/messages", json={"content": OPENING}).json()["reply"]["kind"] == "draft"
    return sid


def test_every_format_of_a_session_roadmap_downloads_as_a_named_file(client: TestClient, session: str) -> None:
    roadmap = client.get(f"/v1/sessions/{session}/roadmap?format=json").json()["roadmap"]
    pilot = next(u["name"] for u in roadmap["use_cases"] if u["phase"] == "pilot")
    for fmt, media in MEDIA.items():
        response = client.get(f"/v1/sessions/{session}/roadmap?format={fmt}&version=1&start=2027-02")
        assert response.status_code == 200, (fmt, response.text[:200])
        assert response.headers["content-type"].startswith(media)
        assert response.headers["content-disposition"] == f'attachment; filename="roadmap.{fmt}"' or (
            response.headers["content-disposition"].endswith(f'-roadmap.{fmt}"')
        )
        text = _content(fmt, response.content)
        expected = "Go/no-go gate 1" if fmt == "ics" else pilot
        assert expected in " ".join(text.split()), fmt


def test_drafts_endpoint_answers_with_the_file_for_file_formats(client: TestClient) -> None:
    response = client.post("/v1/drafts", json={"description": example("bakery"), "format": "xlsx"})
    assert response.status_code == 200 and response.headers["content-type"].startswith(MEDIA["xlsx"])
    assert response.headers["content-disposition"].endswith('roadmap.xlsx"')
    assert "Budget" in load_workbook(io.BytesIO(response.content)).sheetnames
    calendar = client.post("/v1/drafts", json={"description": example("bakery"), "format": "ics", "start": "2027-01"})
    starts = sorted(e.decoded("DTSTART") for e in Calendar.from_ical(calendar.content).walk("VEVENT"))
    assert starts[0].isoformat().startswith("2027-01")


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("roadmap", "format=odt"),
        ("roadmap", "format=pdf&start=2027-13"),
        ("roadmap", "format=pdf&start=soon"),
    ],
)
def test_unknown_formats_and_bad_start_months_are_a_json_4xx(
    client: TestClient, session: str, path: str, params: str
) -> None:
    response = client.get(f"/v1/sessions/{session}/{path}?{params}")
    assert response.status_code == 422 and response.json()["message"]
    drafted = client.post("/v1/drafts", json={"description": example("bakery"), "format": "odt"})
    assert drafted.status_code == 422 and "format" in drafted.json()["message"]


TITLE_TASK = (
    "### Task:\nGenerate a concise, 3-5 word title summarizing the chat history.\n### Output:\n"
    'JSON format: { "title": "your concise title here" }\n### Chat History:\n<chat_history>\nUSER: '
    + OPENING
    + "\nASSISTANT: Here is your first draft.\n</chat_history>"
)
FOLLOW_UP_TASK = (
    "### Task:\nSuggest 3-5 relevant follow-up questions the user might ask next.\n### Output:\n"
    'JSON format: { "follow_ups": ["Question 1?", "Question 2?"] }\n<chat_history>\nUSER: Hello\n</chat_history>'
)
PLAIN_TITLE = "Write a concise title for this conversation in 5 words or less, no punctuation:\n\nUser: " + OPENING


def _sessions(client: TestClient) -> int:
    return int(client.app.state.services.interview.store.index.count(owner_id(None)))  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("messages", "key"),
    [
        ([{"role": "user", "content": TITLE_TASK}], "title"),
        ([{"role": "user", "content": FOLLOW_UP_TASK}], "follow_ups"),
        ([{"role": "system", "content": "You name chats."}, {"role": "user", "content": PLAIN_TITLE}], None),
    ],
)
def test_front_end_housekeeping_requests_touch_no_interview(
    client: TestClient, messages: list[dict[str, str]], key: str | None
) -> None:
    history = [{"role": "user", "content": OPENING}]
    first = client.post("/v1/chat/completions", json={"messages": history}).json()["choices"][0]["message"]
    before = _sessions(client)
    for stream in (False, True):
        response = client.post("/v1/chat/completions", json={"messages": messages, "stream": stream})
        assert response.status_code == 200
        if stream:
            assert "data: [DONE]" in response.text
            continue
        reply = response.json()["choices"][0]["message"]["content"]
        if key:
            assert json.loads(reply)[key]
        else:
            assert 0 < len(reply.split()) <= 6 and "?" not in reply
    assert _sessions(client) == before
    history += [first, {"role": "user", "content": "show me the roadmap"}]
    shown = client.post("/v1/chat/completions", json={"messages": history}).json()["choices"][0]["message"]
    assert shown["content"].startswith("Your roadmap, version 1")  # the interview went on where it was
    assert _sessions(client) == before


def test_an_owner_who_mentions_a_title_is_still_interviewed(client: TestClient) -> None:
    messages = [{"role": "user", "content": "We are a title insurance agency in Ohio with 8 staff."}]
    reply = client.post("/v1/chat/completions", json={"messages": messages}).json()["choices"][0]["message"]
    assert reply["content"] != TITLE and "title" not in reply["content"][:40] and _sessions(client) == 1


def test_health_reports_the_index_state(client: TestClient) -> None:
    client.post("/v1/ask", json={"question": "Do we need a DPIA for a chatbot?"})
    index = client.get("/healthz").json()["index"]
    assert index["state"] == "ready" and index["total"] > 50
