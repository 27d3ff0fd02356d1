"""Writes the hand-authored cassettes: scripted chat-completions replies in the exact wire format.

Run `python -m tests.cassettes.author` after changing the catalogue or the example descriptions (the valid
tailoring replies echo the offline draft's stage and use-case ids). The reply texts are written by us, not by
a model: see README.md in this folder. A cassette that `make record` has replaced with a recording of a real
model is left alone.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from agent.config import Settings
from agent.planning.pipeline import draft_from_profile
from agent.profile import extract_profile
from agent.profile.llm_extract import ProfileFacts, merge_facts
from agent.schemas import Roadmap
from tests.conftest import EXAMPLES

HERE = Path(__file__).parent
OPENAI = "https://api.openai.com/v1/chat/completions"
LOCAL = "http://127.0.0.1:11434/v1/chat/completions"  # an Ollama-style OpenAI-compatible server
TODAY = date(2026, 11, 23)


def completion(content: str, prompt_tokens: int, completion_tokens: int, n: int) -> dict[str, Any]:
    """A chat.completion body as the API sends it."""
    return {
        "id": f"chatcmpl-handwritten{n:04d}",
        "object": "chat.completion",
        "created": 1795392000 + n,
        "model": "gpt-4o-mini-2024-07-18",
        "system_fingerprint": "fp_handwritten",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": None, "annotations": []},
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
        "service_tier": "default",
    }


def stream(pieces: list[str], prompt_tokens: int, completion_tokens: int, n: int) -> str:
    """A streamed chat completion as the API sends it with stream_options.include_usage: server-sent events,
    one chat.completion.chunk per piece, a finish chunk, a usage chunk with no choices, then [DONE]."""

    def event(choices: list[dict[str, Any]], usage: dict[str, int] | None = None) -> str:
        body = {
            "id": f"chatcmpl-handwritten{n:04d}",
            "object": "chat.completion.chunk",
            "created": 1795392000 + n,
            "model": "gpt-4o-mini-2024-07-18",
            "system_fingerprint": "fp_handwritten",
            "choices": choices,
            "usage": usage,
        }
        return f"data: {json.dumps(body)}\n\n"

    def delta(content: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return {"index": 0, "delta": content, "logprobs": None, "finish_reason": finish}

    events = [event([delta({"role": "assistant", "content": "", "refusal": None})])]
    events += [event([delta({"content": piece})]) for piece in pieces]
    events.append(event([delta({}, "stop")]))
    total = {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens}
    events.append(event([], {**total, "total_tokens": prompt_tokens + completion_tokens}))
    return "".join(events) + "data: [DONE]\n\n"


def interaction(
    body: dict[str, Any] | str, status: int = 200, uri: str = OPENAI, extra_headers: dict[str, str] | None = None
) -> dict[str, Any]:
    """One request/response pair in vcrpy's YAML layout (request bodies are not matched)."""
    text = body if isinstance(body, str) else json.dumps(body)
    reason = {200: "OK", 401: "Unauthorized", 429: "Too Many Requests"}[status]
    streamed = isinstance(body, str) and body.startswith("data: ")
    headers = {
        "Content-Type": ["text/event-stream; charset=utf-8" if streamed else "application/json"],
        "x-request-id": ["req_handwritten"],
        **{k: [v] for k, v in (extra_headers or {}).items()},
    }
    return {
        "request": {
            "body": json.dumps({"model": "gpt-4o-mini", "note": "hand-written cassette; body not matched"}),
            "headers": {"content-type": ["application/json"]},
            "method": "POST",
            "uri": uri,
        },
        "response": {"body": {"string": text}, "headers": headers, "status": {"code": status, "message": reason}},
    }


def write(module: str, test: str, interactions: list[dict[str, Any]]) -> None:
    """Save one cassette, unless a recording of a real model is already there."""
    path = HERE / module / f"{test}.yaml"
    if path.is_file() and "handwritten" not in path.read_text(encoding="utf-8"):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump({"interactions": interactions, "version": 1}, sort_keys=False, width=120))


def facts(**overrides: Any) -> str:
    """A ProfileFacts reply."""
    base = {
        "name": None,
        "industry": None,
        "headcount": None,
        "countries": [],
        "us_states": [],
        "goals": [],
        "systems": [],
        "data_held": [],
        "pain_points": [],
        "constraints": [],
        "budget_amount": None,
        "budget_currency": None,
    }
    return json.dumps({**base, **overrides})


def skeleton(example: str, facts_json: str) -> Roadmap:
    """The offline draft the LLM drafter tailors: the rules' profile merged with the extraction reply."""
    rules = extract_profile((EXAMPLES / f"{example}.txt").read_text(), TODAY)
    profile = merge_facts(rules, ProfileFacts.model_validate_json(facts_json))
    return draft_from_profile(profile, Settings()).roadmap


def tailoring(roadmap: Roadmap, break_with: str | None = None) -> str:
    """A Tailoring reply for an offline draft; break_with spoils it in a named way."""
    name = roadmap.profile.name or "your business"
    stages = []
    for stage in roadmap.stages:
        activities = [a for a in stage.activities if not a.startswith("Compliance:")][:5]
        stages.append(
            {
                "id": stage.id,
                "summary": f"For {name}: {stage.title.split(': ', 1)[-1].lower()} [stage-{stage.id}].",
                "activities": [f"{a}" for a in activities],
            }
        )
    use_cases = [
        {"id": u.id, "rationale": f"For {name}, {u.rationale[0].lower()}{u.rationale[1:]}"} for u in roadmap.use_cases
    ]
    reply: dict[str, Any] = {
        "summary": f"{name}'s plan, in short: {roadmap.summary} [stage-pilot]",
        "stages": stages,
        "use_cases": use_cases,
    }
    if break_with == "drop_stage":
        reply["stages"] = stages[:-1]
    elif break_with == "surveillance":
        reply["stages"][4]["activities"].append("Monitor staff productivity with the AI tool every day.")
    elif break_with == "invented_citation":
        reply["summary"] += " [gdpr-article-99-made-up]"
    return json.dumps(reply)


def answer(text: str, cited: list[str], covered: bool = True) -> str:
    """A ModelAnswer reply."""
    return json.dumps({"answer": text, "cited": cited, "covered": covered, "not_covered": []})


def main() -> None:
    """Write every cassette the LLM tests replay."""
    n = iter(range(1, 1000))
    bakery = facts(
        name="Crumb & Co",
        industry="bakery",
        headcount=9,
        countries=["DE"],
        goals=["reduce-waste", "increase-revenue"],
        systems=["pos", "spreadsheets"],
        data_held=["contact"],
        pain_points=["Too much bread thrown away every evening"],
        constraints=["Staff must not feel watched"],
        budget_amount=15000,
        budget_currency="EUR",
    )
    ok = completion(bakery, 1450, 160, next(n))
    draft = skeleton("bakery", bakery)
    # Recordable: `make record` replaces these with a real model's replies.
    write("test_llm_draft", "test_structured_extraction", [interaction(ok)])
    write(
        "test_llm_draft",
        "test_tailored_draft",
        [interaction(ok), interaction(completion(tailoring(draft), 5200, 1900, next(n)))],
    )
    write(
        "test_llm_draft",
        "test_invalid_reply_is_repaired",
        [
            interaction(ok),
            interaction(completion(tailoring(draft, "drop_stage"), 5200, 1700, next(n))),
            interaction(completion(tailoring(draft), 7300, 1900, next(n))),
        ],
    )
    write(
        "test_llm_draft",
        "test_failed_checks_are_repaired",
        [
            interaction(ok),
            interaction(completion(tailoring(draft, "surveillance"), 5200, 1950, next(n))),
            interaction(completion(tailoring(draft), 7400, 1900, next(n))),
        ],
    )
    write(
        "test_llm_draft",
        "test_retries_exhausted_fall_back_to_offline",
        [interaction(ok)]
        + [interaction(completion(tailoring(draft, "drop_stage"), 5200 + 2000 * i, 1700, next(n))) for i in range(3)],
    )
    write(
        "test_llm_draft",
        "test_invented_citation_is_removed",
        [interaction(ok), interaction(completion(tailoring(draft, "invented_citation"), 5200, 1900, next(n)))],
    )
    rate_limited = {
        "error": {
            "message": "Rate limit reached for gpt-4o-mini (hand-written fixture).",
            "type": "requests",
            "param": None,
            "code": "rate_limit_exceeded",
        }
    }
    write(
        "test_llm_draft",
        "test_rate_limit_is_retried",
        [
            interaction(rate_limited, status=429, extra_headers={"retry-after-ms": "10"}),
            interaction(ok),
            interaction(completion(tailoring(draft), 5200, 1900, next(n))),
        ],
    )
    unauthorized = {
        "error": {
            "message": "Incorrect API key provided (hand-written fixture).",
            "type": "invalid_request_error",
            "param": None,
            "code": "invalid_api_key",
        }
    }
    write("test_llm_draft", "test_unauthorized_names_the_setting", [interaction(unauthorized, status=401)])
    write(
        "test_llm_draft",
        "test_openai_compatible_base_url",
        [interaction(ok, uri=LOCAL), interaction(completion(tailoring(draft), 5200, 1900, next(n)), uri=LOCAL)],
    )
    write(
        "test_llm_answer",
        "test_grounded_answer_drops_invented_citation",
        [
            interaction(
                completion(
                    answer(
                        "Report the breach to the supervisory authority within 72 hours of becoming aware of it [P1]. "
                        "Fines can reach EUR 20 million [P9].",
                        ["P1", "P9"],
                    ),
                    2100,
                    80,
                    next(n),
                )
            )
        ],
    )
    breach = "Notify the supervisory authority within 72 hours of becoming aware of the breach [P1]."
    write(  # recordable
        "test_llm_answer",
        "test_grounded_answer_cites_only_retrieved_passages",
        [interaction(completion(answer(breach, ["P1"]), 2100, 40, next(n)))],
    )
    write(  # recordable
        "test_llm_answer",
        "test_streamed_answer_is_what_was_saved",
        [interaction(stream(["COVERED: yes\n", breach[:40], breach[40:]], 2150, 30, next(n)))],
    )
    write(
        "test_llm_answer",
        "test_model_says_not_covered",
        [
            interaction(
                completion(
                    answer("The passages do not say how long to keep CCTV footage.", [], covered=False),
                    2000,
                    40,
                    next(n),
                )
            )
        ],
    )

    # The header line is read, not shown; P2 arrives split across two chunks; P9 was never retrieved.
    write(
        "test_llm_answer",
        "test_answer_streams_with_citations_renumbered",
        [
            interaction(
                stream(
                    [
                        "COVERED: yes\n",
                        "Report the breach to the supervisory authority ",
                        "within 72 hours [P",
                        "2]. Keep a record of every breach [P9], ",
                        "even unreported ones [P2].",
                    ],
                    2150,
                    45,
                    next(n),
                )
            )
        ],
    )

    # Interview turns: the model reads the message (facts) and words the next question; a reply that is not one
    # short question is not used.
    german_bakery = facts(
        industry="bakery",
        headcount=9,
        countries=["DE"],
        goals=["reduce-waste"],
        pain_points=["Zu viel Brot wird abends weggeworfen"],
    )
    budget_question = "Wie viel möchten Sie im ersten Jahr ungefähr für KI ausgeben, zum Beispiel 5.000-10.000 EUR?"
    rambling = "Gerne! Hier sind ein paar Fragen:\n1. Welche Kasse nutzen Sie?\n2. Haben Sie ein CRM?"
    write(
        "test_llm_interview",
        "test_model_words_the_question_in_the_owners_language",
        [
            interaction(completion(german_bakery, 1300, 90, next(n))),
            interaction(completion(budget_question, 420, 30, next(n))),
            interaction(completion(rambling, 430, 35, next(n))),
        ],
    )
    for test in ("test_chat_completions_report_token_use", "test_streamed_chat_completion_ends_with_usage"):
        write(  # recordable
            "test_llm_interview",
            test,
            [
                interaction(completion(german_bakery, 1300, 90, next(n))),
                interaction(completion(budget_question, 420, 30, next(n))),
            ],
        )


if __name__ == "__main__":
    main()
