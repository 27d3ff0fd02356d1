"""`python -m evals ask|draft|interview|places|places-layer|wishes|wishes-cv|wishes-lowo|intents|descriptions|all
[--quick]`: run suites, write reports, exit non-zero under threshold.

`python -m evals draft|ask|interview --base-url URL [--model M] [--limit N]`: the same suite offline and against
a model endpoint, side by side (evals/llm_mode.py); reported, not gated."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from agent.config import Settings

REPORTS = Path(__file__).parent / "reports"


def main(argv: list[str] | None = None) -> int:
    """Run the named suite and return the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m evals")
    parser.add_argument(
        "suite",
        choices=[
            "ask",
            "draft",
            "interview",
            "places",
            "places-layer",
            "wishes",
            "wishes-cv",
            "wishes-lowo",
            "intents",
            "descriptions",
            "all",
        ],
    )
    parser.add_argument("--quick", action="store_true", help="a stable subset, for CI")
    parser.add_argument(
        "--heldout", action="store_true", help="places: also score the held-out split; ask: only the held-out questions"
    )
    parser.add_argument(
        "--folds", type=int, help="wishes-lowo: group the writers into this many folds (fewer trainings)"
    )
    parser.add_argument(
        "--train-only",
        default="",
        help="wishes-lowo: writers (comma-separated) always trained on, never left out: new writers join the "
        "training without changing which sentences are scored",
    )
    parser.add_argument(
        "--keep-models",
        action="store_true",
        help="wishes-lowo: keep each fold's trained model, so a later run on the same folds and data reads at once "
        "(to compare settings that change only how sentences are read)",
    )
    parser.add_argument("--base-url", help="an OpenAI-compatible endpoint: run draft/ask/interview offline and with it")
    parser.add_argument("--model", help="model name for --base-url (default: LLM_MODEL)")
    parser.add_argument("--limit", type=int, help="with --base-url: only the first N cases (a small model is slow)")
    args = parser.parse_args(argv)
    if args.base_url:
        return _side_by_side(args.suite, args.base_url, args.model, args.limit)
    ok = True
    if args.suite in ("ask", "all"):
        # always whole: ~15 s, and 15 cases cannot measure a 0.95 threshold
        ok &= _report("ask-heldout" if args.heldout else "ask", _run_ask(args.heldout))
    if args.suite in ("draft", "all"):
        from evals.draft_eval import run as run_draft

        ok &= _report("draft", run_draft(Settings(), args.quick))
    if args.suite in ("interview", "all"):
        from evals.interview_eval import run as run_interview

        ok &= _report("interview", run_interview(Settings(), args.quick))
    # Held-out recall is below target: reported on every full run, not a gate of the --quick CI subset.
    if args.suite == "wishes" or (args.suite == "all" and not args.quick):
        from evals.wishes_eval import run as run_wishes

        ok &= _report("wishes", run_wishes())
    if args.suite == "wishes-cv":  # the tuning measure: reported, never a gate
        from evals.wishes_cv import run as run_wishes_cv

        _report("wishes-cv", {**run_wishes_cv(), "passed": True})
    if args.suite == "wishes-lowo":  # the sentence view's tuning measure: reported, never a gate
        from evals.wishes_lowo import run as run_wishes_lowo

        _report(
            "wishes-lowo",
            {
                **run_wishes_lowo(args.folds, set(filter(None, args.train_only.split(","))), args.keep_models),
                "passed": True,
            },
        )
    if args.suite in ("places", "all"):
        from evals.places_eval import run as run_places

        ok &= _report("places", run_places(args.heldout))
    if args.suite in ("places-layer", "all"):  # answers from the place layer; --quick leaves out the held-out part
        from agent.retrieval.index import open_index
        from evals.places_layer_eval import run as run_layer

        ok &= _report("places-layer", run_layer(open_index(Settings()), args.quick))
    # Not part of the thresholded --quick subset: reported on every full run.
    if args.suite == "intents" or (args.suite == "all" and not args.quick):
        from evals.intents_eval import run as run_intents

        ok &= _report("intents", run_intents(Settings()))
    if args.suite == "descriptions" or (args.suite == "all" and not args.quick):
        from evals.descriptions_eval import run as run_descriptions

        ok &= _report("descriptions", run_descriptions(Settings()))
    return 0 if ok else 1


def _run_ask(heldout: bool = False) -> dict:
    from agent.answering import OfflineAnswerer
    from agent.retrieval.index import open_index
    from evals.ask_eval import THRESHOLDS, load_cases, recall_at_k, score_answers

    settings = Settings()
    store = open_index(settings)
    cases = load_cases(heldout)
    scores: dict[str, Any] = {"cases": len(cases), "recall_at_5": recall_at_k(store, cases)}
    scores["recall_at_5_dense_only"] = recall_at_k(store, cases, mode="dense")
    scores.update(score_answers(OfflineAnswerer(store), cases))
    scores["thresholds"] = THRESHOLDS
    scores["passed"] = all(scores[name] >= limit for name, limit in THRESHOLDS.items())
    return scores


def _side_by_side(suite: str, base_url: str, model: str | None, limit: int | None) -> int:
    from evals import llm_mode

    if suite not in llm_mode.COLUMNS:
        print(f"--base-url works with {', '.join(llm_mode.COLUMNS)}, not {suite!r}", file=sys.stderr)
        return 2
    offline = Settings(openai_api_key=None, openai_base_url=None)
    scores = llm_mode.compare(suite, offline, llm_mode.model_settings(offline, base_url, model), limit)
    llm_mode.write(REPORTS, suite, scores)
    print(llm_mode.table(suite, scores))
    return 0


def _report(name: str, scores: dict) -> bool:
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / f"{name}.json").write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
    summary = {k: (round(v, 3) if isinstance(v, float) else v) for k, v in scores.items() if k != "failures"}
    print(f"{name}: {json.dumps(summary)}")
    for failure in scores.get("failures", [])[:20]:
        print(f"  FAIL {failure}")
    return bool(scores["passed"])


if __name__ == "__main__":
    sys.exit(main())
