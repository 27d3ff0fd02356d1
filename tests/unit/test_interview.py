"""The interview graph offline: facts read several at once, corrections replace, skips move on, at most
eight questions, revisions make new versions, compliance questions are answered, owners are kept apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.config import Settings
from agent.errors import NotFoundError, UsageError
from agent.interview import InterviewService
from agent.interview.graph import route
from agent.interview.intents import read_intent
from agent.interview.questions import MAX_QUESTIONS, REQUIRED
from agent.schemas import BusinessProfile


@pytest.fixture
def service(tmp_path: Path) -> InterviewService:
    svc = InterviewService(Settings(data_dir=tmp_path, embedding_backend="hash"))
    yield svc  # type: ignore[misc]
    svc.close()


def _chat(service: InterviewService, sid: str, *messages: str) -> list[dict]:
    return [service.send(sid, "owner", m) for m in messages]


def test_rich_opening_reads_several_facts_and_asks_what_is_missing(service: InterviewService) -> None:
    sid = service.create_session("owner")
    reply = _chat(service, sid, "We are a bakery in Leipzig, Germany with 9 staff and we throw away bread.")[0]
    assert reply["kind"] == "question" and reply["slot"] == "budget"
    profile = service.state(sid, "owner")["profile"]
    assert profile["industry"] == "bakery" and profile["headcount"] == 9
    assert "gdpr" in profile["jurisdictions"]


def test_questions_follow_plan_value_order_and_skip_moves_on(service: InterviewService) -> None:
    sid = service.create_session("owner")
    replies = _chat(service, sid, "hi", "skip", "I don't know")
    assert [r.get("slot") for r in replies] == ["locations", "industry", "goals"]
    state = service.state(sid, "owner")
    assert state["skipped"] == ["locations", "industry"]
    assert state["profile"]["provenance"]["locations"]["source"] == "assumed"


def test_first_draft_within_eight_questions_even_when_nothing_is_known(service: InterviewService) -> None:
    sid = service.create_session("owner")
    replies = _chat(service, sid, "hello", *["no idea"] * 10)
    kinds = [r["kind"] for r in replies]
    assert "draft" in kinds
    assert kinds.index("draft") <= MAX_QUESTIONS


def test_corrections_replace_and_revise(service: InterviewService) -> None:
    sid = service.create_session("owner")
    _chat(
        service,
        sid,
        "We run a cafe in Munich, Germany with 6 staff and waste a lot of food.",
        "About 10k",
        "A Square till and Excel",
    )
    state = service.state(sid, "owner")
    assert len(state["versions"]) == 1
    reply = _chat(service, sid, "Sorry, we are actually in Vienna, Austria, and our budget is €8k")[0]
    assert reply["kind"] == "revision"
    state = service.state(sid, "owner")
    assert [loc["country"] for loc in state["profile"]["locations"]] == ["AT"]
    assert state["profile"]["budget"]["amount"] == 8000
    assert len(state["versions"]) == 2 and "ceiling" in state["versions"][1]["change"]


def test_drop_a_use_case(service: InterviewService) -> None:
    sid = service.create_session("owner")
    _chat(
        service,
        sid,
        "We are a bakery in Leipzig, Germany with 9 staff; too much bread is thrown away.",
        "15,000 EUR",
        "SumUp till and Excel",
    )
    roadmap = service.state(sid, "owner")["versions"][-1]["roadmap"]
    pilot = roadmap["use_cases"][0]
    words = pilot["id"].split("-")[0]
    reply = _chat(service, sid, f"Please drop the {words} idea")[0]
    assert reply["kind"] == "revision"
    latest = service.state(sid, "owner")["versions"][-1]["roadmap"]
    assert pilot["id"] not in [u["id"] for u in latest["use_cases"]]


def test_compliance_question_mid_interview_is_answered_and_interview_resumes(service: InterviewService) -> None:
    sid = service.create_session("owner")
    _chat(service, sid, "We are a dental practice in Dublin, Ireland.")
    answer = _chat(service, sid, "Do we need a DPIA for AI that reads patient notes?")[0]
    assert answer["kind"] == "answer" and "not legal advice" in answer["content"]
    assert service.state(sid, "owner")["pending_slot"] == "goals"  # the open question is still open
    assert "Back to your plan: What should AI help with most?" in answer["content"]


def test_a_systems_answer_does_not_change_the_trade(service: InterviewService) -> None:
    sid = service.create_session("owner")
    _chat(service, sid, "Outdoor gear shop in San Diego, California, two stores, 25 employees.", "better stock levels")
    reply = _chat(service, sid, "$50k", "Shopify POS and NetSuite")[-1]
    assert reply["kind"] == "draft"
    assert service.state(sid, "owner")["profile"]["industry"] == "retail"  # Shopify named as a system, not a trade


def test_an_amount_offered_after_the_draft_becomes_the_budget(service: InterviewService) -> None:
    sid = service.create_session("owner")
    assert _chat(service, sid, "Coffee shop in Vienna, Austria. Just make me a plan.")[0]["kind"] == "draft"
    reply = _chat(service, sid, "We have 5 staff and about €5k")[0]
    assert reply["kind"] == "revision"
    profile = service.state(sid, "owner")["profile"]
    assert (profile["budget"]["amount"], profile["budget"]["currency"], profile["headcount"]) == (5000, "EUR", 5)


def test_sessions_are_private_and_inputs_checked(service: InterviewService) -> None:
    sid = service.create_session("alice")
    with pytest.raises(NotFoundError):
        service.state(sid, "bob")
    with pytest.raises(NotFoundError):
        service.send(sid, "bob", "hello")
    with pytest.raises(UsageError):
        service.send(sid, "alice", "   ")
    with pytest.raises(UsageError):
        service.send(sid, "alice", "x" * 100_001)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Do we need consent to email our customers?", "question"),
        ("What does GDPR Art. 22 mean for us?", "question"),
        ("please draft the roadmap now", "draft"),
        ("We also sell online", "new_facts"),
        ("How long does a pilot usually take?", "question"),  # any plain question goes to the answerer
        ("What if our budget were 8k?", "edit_budget"),  # a change to try, not a question for the knowledge base
    ],
)
def test_intents_without_a_roadmap(text: str, label: str) -> None:
    assert read_intent(text, []).label == label


class _PiecewiseAnswerer:
    """Wraps the real offline answerer and hands its text out in three pieces, as a streaming model would."""

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner, self.streamed_calls = inner, 0

    def answer(self, question, jurisdictions=None, *, usage=None, on_delta=None, places=None):  # type: ignore[no-untyped-def]
        result = self.inner.answer(question, jurisdictions, places=places)
        if on_delta is not None:
            self.streamed_calls += 1
            third = len(result.answer) // 3 or 1
            for start in range(0, len(result.answer), third):
                on_delta(result.answer[start : start + third])
        return result


def test_streamed_turn_yields_deltas_then_the_saved_reply(service: InterviewService) -> None:
    streaming = _PiecewiseAnswerer(service.answerer())
    service._answerer = streaming  # the graph asks the service for its answerer on each turn
    sid = service.create_session("owner")
    service.send(sid, "owner", "We are a dental practice in Lyon, France with 6 staff.")

    events = list(service.send_stream(sid, "owner", "Do we need consent to record patient calls?"))

    deltas = [e["delta"] for e in events if "delta" in e]
    assert len(deltas) >= 3 and "reply" in events[-1] and streaming.streamed_calls == 1
    reply = events[-1]["reply"]
    assert reply["kind"] == "answer" and reply["content"].startswith("".join(deltas))
    assert service.state(sid, "owner")["messages"][-1]["content"] == reply["content"]  # saved, not just streamed
    service.send(sid, "owner", "Is a chatbot allowed?")  # a plain turn does not stream
    assert streaming.streamed_calls == 1


def test_streamed_turn_rejects_bad_input_before_streaming(service: InterviewService) -> None:
    sid = service.create_session("owner")
    with pytest.raises(UsageError):
        service.send_stream(sid, "owner", "   ")
    with pytest.raises(NotFoundError):
        service.send_stream(sid, "someone else", "hello")


@pytest.mark.parametrize(("skipped", "step"), [((), "question"), (REQUIRED, "draft")])
def test_a_greeting_before_any_question_asks_or_drafts_when_nothing_is_left(
    skipped: tuple[str, ...], step: str
) -> None:
    # A model's reading of the opening can fill every slot at once: there is no question left to ask.
    state = {"intent": {"kind": "chat"}, "profile": BusinessProfile().model_dump(), "skipped": list(skipped)}
    assert route(state) == step  # type: ignore[arg-type]


def test_an_answer_to_the_goals_question_is_read_as_asks_and_said_back(service: InterviewService) -> None:
    sid = service.create_session("owner")
    asked = _chat(service, sid, "We run a 40 room hotel in Innsbruck, Austria.")[0]
    assert asked["slot"] == "goals"
    reply = _chat(service, sid, "Staff plan and room prices. Both I do by gut feeling.")[0]
    profile = service.state(sid, "owner")["profile"]
    assert set(profile["requested_use_cases"]) == {"staff-scheduling", "dynamic-pricing"}
    assert "You asked for: " in reply["content"] and "Staff rota planning" in reply["content"]
