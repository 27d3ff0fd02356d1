"""The draft, ask and interview evals run twice, offline and against a model endpoint, reported side by side
(`python -m evals draft --base-url http://127.0.0.1:8080/v1 --limit 3`).

Quality is scored by the same functions as the offline evals; the model column adds time per draft or answer,
calls and tokens, and how many drafts the model's wording survived the checks (the rest fell back to the offline
draft with a notice). The thresholds gate the offline engine only: a model's numbers are reported, not gated.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from agent.config import Settings

# What each suite's side-by-side table shows, in this order.
COLUMNS = {
    "draft": [
        "cases",
        "case_pass_rate",
        "profile_field_accuracy",
        "tailored_by_model",
        "seconds_per_draft",
        "model_calls",
        "model_tokens",
    ],
    "ask": [
        "cases",
        "fact_coverage",
        "citation_correct",
        "off_topic_honest",
        "complete_answers",
        "wrong_claims",
        "seconds_per_answer",
        "model_calls",
        "model_tokens",
    ],
    "interview": [
        "personas",
        "persona_pass_rate",
        "follow_up_pass_rate",
        "turn_p50_ms",
        "turn_p95_ms",
        "model_calls",
        "model_tokens",
    ],
}


def model_settings(base: Settings, base_url: str, model: str | None) -> Settings:
    """The same settings pointed at the endpoint; a local server needs no key."""
    update: dict[str, Any] = {"openai_base_url": base_url, "llm_timeout_s": max(base.llm_timeout_s, 300.0)}
    if model:
        update["llm_model"] = model
    return base.model_copy(update=update)


def compare(suite: str, offline: Settings, model: Settings, limit: int | None) -> dict[str, Any]:
    """Both engines' scores for one suite, on the same cases."""
    run = _runner(suite)
    return {"offline": run(offline, limit), "model": run(model, limit), "base_url": model.openai_base_url}


def table(suite: str, scores: dict[str, Any]) -> str:
    """A plain side-by-side table for the terminal."""
    rows = [f"{suite:<24}{'offline':>12}{'model':>12}"]
    for name in COLUMNS[suite]:
        cells = [_cell(scores[side].get(name)) for side in ("offline", "model")]
        rows.append(f"{name:<24}{cells[0]:>12}{cells[1]:>12}")
    return "\n".join(rows)


def write(reports: Path, suite: str, scores: dict[str, Any]) -> None:
    reports.mkdir(exist_ok=True)
    (reports / f"{suite}-llm.json").write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if value < 100 else f"{value:.0f}"
    return "-" if value is None else str(value)


def _runner(suite: str) -> Callable[[Settings, int | None], dict[str, Any]]:
    if suite == "draft":
        from evals.draft_eval import run as run_draft

        return lambda settings, limit: run_draft(settings, limit=limit)
    if suite == "interview":
        from evals.interview_eval import run as run_interview

        return lambda settings, limit: run_interview(settings, limit=limit)
    if suite == "ask":
        return _run_ask
    raise ValueError(f"no model mode for the {suite!r} suite")


def _run_ask(settings: Settings, limit: int | None) -> dict[str, Any]:
    """Answer quality on the tuning questions; a limit keeps the first answerable and off-topic ones alike."""
    from agent.answering import OfflineAnswerer
    from agent.answering.llm import LLMAnswerer
    from agent.llm import Usage, build_chat_model
    from agent.retrieval.index import open_index
    from evals.ask_eval import load_cases, score_answers

    cases = load_cases()
    if limit is not None:
        covered = [c for c in cases if c.expect_covered][:limit]
        cases = covered + [c for c in cases if not c.expect_covered][: max(1, limit // 3)]
    store = open_index(settings)
    model = build_chat_model(settings)
    usage = Usage.for_settings(settings)
    answerer = OfflineAnswerer(store) if model is None else LLMAnswerer(model, store, settings)
    scores: dict[str, Any] = {"cases": len(cases), **score_answers(answerer, cases, usage)}
    scores["model_calls"], scores["model_tokens"] = usage.calls, usage.total_tokens
    return scores
