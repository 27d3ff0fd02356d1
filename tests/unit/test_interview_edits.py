"""Chat turns that do what the owner meant: questions leave the plan alone, edits change only what they name,
drops and trade changes are confirmed and undoable, the roadmap is shown on request, bad input changes
nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from agent.config import Settings
from agent.errors import UsageError
from agent.interview import InterviewService

SALON = (
    "We run a hair salon in Leeds, UK with 6 staff. Lots of no-shows and the phone rings all day. "
    "Budget about £6,000. We use Fresha for bookings."
)


@pytest.fixture
def service(tmp_path: Path) -> InterviewService:
    svc = InterviewService(Settings(data_dir=tmp_path, embedding_backend="hash"))
    yield svc  # type: ignore[misc]
    svc.close()


@pytest.fixture
def drafted(service: InterviewService) -> str:
    sid = service.create_session("owner")
    assert service.send(sid, "owner", SALON)["kind"] == "draft"
    return sid


def _state(service: InterviewService, sid: str) -> dict[str, Any]:
    return service.state(sid, "owner")


def _ids(service: InterviewService, sid: str, active: bool = False) -> list[str]:
    roadmap = _state(service, sid)["versions"][-1]["roadmap"]
    return [u["id"] for u in roadmap["use_cases"] if not active or u["phase"] != "later"]


def test_a_multi_part_question_changes_nothing(service: InterviewService, drafted: str) -> None:
    before = _state(service, drafted)
    reply = service.send(
        drafted,
        "owner",
        "If an AI answers our phones, do we have to tell callers it's a bot? And can it text customers "
        "appointment reminders without asking them first?",
    )
    after = _state(service, drafted)
    assert reply["kind"] == "answer"
    assert after["versions"] == before["versions"] and after["profile"] == before["profile"]


def test_adding_a_use_case_keeps_the_pilot_and_removes_nothing(service: InterviewService, drafted: str) -> None:
    service.send(drafted, "owner", "drop the no-show reminders")
    before_active, pilot = _ids(service, drafted, active=True), _ids(service, drafted)[0]
    reply = service.send(drafted, "owner", "please add the no-show reminders")
    assert reply["kind"] == "revision" and reply["content"].startswith("Added No-show prediction")
    assert _ids(service, drafted)[0] == pilot
    assert "no-show-prediction" in _ids(service, drafted, active=True)
    assert set(before_active) <= set(_ids(service, drafted))  # nothing left the plan (at most moved later)


def test_drop_is_confirmed_put_back_re_adds(service: InterviewService, drafted: str) -> None:
    assert "phone-answering-assistant" in _ids(service, drafted)
    reply = service.send(drafted, "owner", "Drop the AI phone receptionist")
    assert "Dropped AI phone receptionist" in reply["content"] and "undo" in reply["content"]
    assert "phone-answering-assistant" not in _ids(service, drafted)
    service.send(drafted, "owner", "Put the AI phone receptionist back in")
    assert "phone-answering-assistant" in _ids(service, drafted, active=True)
    assert _state(service, drafted)["profile"]["excluded_use_cases"] == []


def test_make_pilot_makes_it_the_pilot(service: InterviewService, drafted: str) -> None:
    reply = service.send(drafted, "owner", "Make product description drafting the pilot")
    roadmap = _state(service, drafted)["versions"][-1]["roadmap"]
    assert roadmap["use_cases"][0]["id"] == "product-description-generation"
    assert roadmap["use_cases"][0]["phase"] == "pilot"
    assert "the pilot is now Product description drafting" in reply["content"]


def test_undo_restores_the_previous_version(service: InterviewService, drafted: str) -> None:
    original = _ids(service, drafted)
    service.send(drafted, "owner", "Drop the AI phone receptionist")
    reply = service.send(drafted, "owner", "undo")
    state = _state(service, drafted)
    assert reply["kind"] == "undo" and "version 1" in reply["content"]
    assert _ids(service, drafted) == original and len(state["versions"]) == 3
    assert state["profile"]["excluded_use_cases"] == []
    before_first = service.send(drafted, "owner", "undo")  # the opening made the first draft: it stays
    assert "no earlier plan" in before_first["content"] and _state(service, drafted)["profile"]["industry"]
    assert "nothing to undo" in service.send(drafted, "owner", "undo")["content"]


def test_show_me_the_roadmap_shows_it_without_a_new_version(service: InterviewService, drafted: str) -> None:
    reply = service.send(drafted, "owner", "show me the full roadmap")
    assert reply["kind"] == "roadmap" and "# AI implementation roadmap" in reply["content"]
    assert "```mermaid" in reply["content"] and len(_state(service, drafted)["versions"]) == 1


def test_show_before_a_draft_drafts(service: InterviewService) -> None:
    sid = service.create_session("owner")
    service.send(sid, "owner", "We are a bakery in Leipzig, Germany with 9 staff.")
    assert service.send(sid, "owner", "show me the plan")["kind"] == "draft"


def test_a_trade_mentioned_in_passing_does_not_change_the_trade(service: InterviewService, drafted: str) -> None:
    reply = service.send(drafted, "owner", "my bookkeeper says our budget is smaller")
    assert _state(service, drafted)["profile"]["industry"] == "beauty-salon"
    assert "What is the new budget?" in reply["content"] and len(_state(service, drafted)["versions"]) == 1


def test_not_accountants_removes_the_wrong_trade_and_asks(service: InterviewService) -> None:
    sid = service.create_session("owner")
    service.send(sid, "owner", "We are accountants in Leeds, UK with 5 staff.")
    assert _state(service, sid)["profile"]["industry"] == "accounting"
    reply = service.send(sid, "owner", "Wait, we are not accountants!")
    assert reply["kind"] == "question" and reply["slot"] == "industry"
    assert "not accountants" in reply["content"] and "undo" in reply["content"]
    assert _state(service, sid)["profile"]["industry"] is None
    service.send(sid, "owner", "undo")
    assert _state(service, sid)["profile"]["industry"] == "accounting"


def test_a_corrected_trade_is_taken_and_confirmed(service: InterviewService) -> None:
    sid = service.create_session("owner")
    service.send(sid, "owner", "We are accountants in Leeds, UK with 5 staff.")
    reply = service.send(sid, "owner", "We're not accountants, we're a hair salon")
    assert _state(service, sid)["profile"]["industry"] == "beauty-salon"
    assert "Changed your trade" in reply["content"]


def test_small_talk_gets_the_pending_question_again(service: InterviewService) -> None:
    sid = service.create_session("owner")
    first = service.send(sid, "owner", "We are a bakery in Leipzig, Germany with 9 staff.")
    reply = service.send(sid, "owner", "thanks!")
    assert reply["kind"] == "info" and reply["content"].endswith(dict(_slots())[first["slot"]])
    assert _state(service, sid)["pending_slot"] == first["slot"]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("we have -3 staff", "at least one person"),
        ("a team of 0", "at least one person"),
        ("we have " + "9" * 8000 + " staff", "characters"),
        ("our budget is " + "7" * 3000, "digits"),
        ("blah " * 4000, "characters"),
        ("这是一个关于我们公司的测试信息", "English"),
    ],
)
def test_bad_input_gets_a_clear_reply_and_changes_nothing(
    service: InterviewService, drafted: str, text: str, says: str
) -> None:
    before = _state(service, drafted)
    reply = service.send(drafted, "owner", text)
    after = _state(service, drafted)
    assert reply["kind"] == "info" and says in reply["content"]
    assert after["profile"] == before["profile"] and after["versions"] == before["versions"]
    assert len(after["messages"][-2]["content"]) < 4_100  # a wall of text is not kept whole


def test_empty_messages_are_refused_with_a_reason(service: InterviewService, drafted: str) -> None:
    for text in ("", "   \n\t"):
        with pytest.raises(UsageError, match="empty"):
            service.send(drafted, "owner", text)


def _slots() -> list[tuple[str, str]]:
    from agent.interview.questions import SLOTS

    return SLOTS


def test_ruling_out_every_use_case_is_answered_not_raised(service: InterviewService) -> None:
    from agent.planning.catalogue import load_catalogue

    sid = service.create_session("owner")
    service.send(sid, "owner", "We are a bakery in Leipzig, Germany with 9 staff. Just make me a plan.")
    titles = [u.title for u in load_catalogue(Settings().knowledge_dir).use_cases]
    reply = service.send(sid, "owner", "Drop the " + "; drop the ".join(titles))
    assert reply["kind"] == "info" and "could not draft" in reply["content"] and "undo" in reply["content"]
    assert len(_state(service, sid)["versions"]) == 1
    assert service.send(sid, "owner", "undo")["kind"] == "undo"
    assert _state(service, sid)["profile"]["excluded_use_cases"] == []


def test_a_session_stops_taking_turns_at_its_bound(
    service: InterviewService, drafted: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Turns per session are bounded (storage and replay stay bounded); the refused turn saves nothing."""
    import agent.interview.service as service_module

    sent = sum(m["role"] == "user" for m in _state(service, drafted)["messages"])
    monkeypatch.setattr(service_module, "MAX_TURNS_PER_SESSION", sent + 1)
    service.send(drafted, "owner", "thanks!")
    before = _state(service, drafted)
    with pytest.raises(UsageError, match="start a new one"):
        service.send(drafted, "owner", "Drop the AI phone receptionist")
    assert _state(service, drafted)["messages"] == before["messages"]
