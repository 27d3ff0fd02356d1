"""`python -m benchmarks`: ingest, re-ingest, cold ask, warm retrieval, hybrid vs dense recall, drafting,
interview turns. `python -m benchmarks.load` is the concurrent-users benchmark against a real server.

Writes benchmarks/results/latest.json and prints each number next to its target and the committed baseline.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from agent.config import PROJECT_ROOT, Settings

HERE = Path(__file__).parent
TARGETS = {  # seconds unless named otherwise; from the issues
    "ingest_full_s": None,
    "reingest_nochange_s": 2.0,
    "cold_ask_s": 3.0,
    "warm_retrieval_p95_ms": 50.0,
    "warm_answer_p95_ms": 100.0,
    "warm_draft_p95_ms": 200.0,
    "cold_draft_s": 3.0,
    "interview_turn_p95_ms": 300.0,
}
EXAMPLES = sorted((PROJECT_ROOT / "examples").glob("*.txt"))


def _wall(cmd: list[str], env: dict[str, str], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


def main() -> int:
    """Run every measurement and write the report."""
    data_dir = Path(tempfile.mkdtemp(prefix="roadmap-bench-"))
    env = {**os.environ, "DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1"}
    roadmap = str(Path(sys.executable).with_name("roadmap"))
    results: dict[str, float] = {}

    from agent.retrieval.embeddings import ensure_onnx_model
    from agent.retrieval.index import ingest
    from agent.retrieval.store import KnowledgeStore

    start = time.perf_counter()
    ensure_onnx_model(data_dir / "index" / "models")
    results["onnx_export_once_s"] = time.perf_counter() - start
    settings = Settings(data_dir=data_dir)
    store = KnowledgeStore.from_settings(settings)
    start = time.perf_counter()
    ingest(store, settings)
    results["ingest_full_s"] = time.perf_counter() - start
    results["chunks"] = store.count()
    results["reingest_nochange_s"] = _wall([roadmap, "ingest"], env, runs=3)
    results["cold_ask_s"] = _wall([roadmap, "ask", "How fast must we report a data breach?"], env)

    from evals.ask_eval import load_cases, recall_at_k

    cases = load_cases()
    questions = [c.question for c in cases] * 3
    store.search("warm-up")
    samples = []
    for q in questions:
        start = time.perf_counter()
        store.search(q, k=5)
        samples.append((time.perf_counter() - start) * 1000)
    results["warm_retrieval_p50_ms"], results["warm_retrieval_p95_ms"] = _percentiles(samples)
    results["warm_answer_p50_ms"], results["warm_answer_p95_ms"] = _answer_times(store, questions)
    results["recall_at_5_hybrid"] = recall_at_k(store, cases)
    results["recall_at_5_dense_only"] = recall_at_k(store, cases, mode="dense")
    results["recall_at_5_lexical_only"] = recall_at_k(store, cases, mode="lexical")

    from agent.planning.pipeline import draft_from_text

    texts = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    draft_from_text(texts[0], settings)
    samples = []
    for _ in range(20):
        for text in texts:
            start = time.perf_counter()
            draft_from_text(text, settings)
            samples.append((time.perf_counter() - start) * 1000)
    results["warm_draft_p50_ms"], results["warm_draft_p95_ms"] = _percentiles(samples)
    results["cold_draft_s"] = _wall([roadmap, "draft", "--file", str(EXAMPLES[0]), "--format", "json"], env)

    from evals.interview_eval import run as run_interviews

    interviews = run_interviews(settings)  # every scripted persona, in-process, SQLite checkpointer
    results["interview_turn_p50_ms"] = interviews["turn_p50_ms"]
    results["interview_turn_p95_ms"] = interviews["turn_p95_ms"]
    return _report(results)


def _answer_times(store: object, questions: list[str]) -> tuple[float, float]:
    """Warm offline answers (read, retrieve, judge, compose), after one pass has cached the sentence vectors."""
    from agent.answering import OfflineAnswerer

    answerer = OfflineAnswerer(store)  # type: ignore[arg-type]
    for q in set(questions):
        answerer.answer(q)
    samples = []
    for q in questions:
        start = time.perf_counter()
        answerer.answer(q)
        samples.append((time.perf_counter() - start) * 1000)
    return _percentiles(samples)


def _report(results: dict[str, float]) -> int:
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "latest.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    baseline_path = HERE / "baseline.json"
    baseline = json.loads(baseline_path.read_text()) if baseline_path.exists() else {}
    missed = 0
    for name, value in results.items():
        target = TARGETS.get(name)
        ok = target is None or value <= target
        missed += not ok
        base = baseline.get(name)
        versus = f" (baseline {base:.3g})" if isinstance(base, int | float) else ""
        limit = f" target <= {target:g}" if target else ""
        print(f"{'ok  ' if ok else 'MISS'} {name:28} {value:10.3f}{limit}{versus}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
