"""The baseline a LangChain user starts from: the three nearest chunks of our own index, pasted together.

`benchmarks/naive-top3 ask "QUESTION" --json` prints the same JSON shape as `roadmap ask --json`, so the same
grader scores the product and this baseline side by side:

    python3 ../shared/validation/grade_ask.py benchmarks/naive-top3 QUESTIONS.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys

from agent.answering import DISCLAIMER
from agent.config import Settings
from agent.retrieval.index import open_index
from agent.retrieval.store import KnowledgeStore
from agent.schemas import Answer


def naive_answer(store: KnowledgeStore, question: str, k: int = 3) -> Answer:
    """The k nearest chunks by dense similarity, pasted in rank order, each with its citation marker."""
    hits = store.search(question, k=k, mode="dense")
    text = "\n\n".join(f"[{n}] {hit.text}" for n, hit in enumerate(hits, 1))
    return Answer(
        question=question,
        answer=text,
        citations=[hit.citation() for hit in hits],
        covered=bool(hits),
        confidence=round(max((h.similarity or 0.0 for h in hits), default=0.0), 3),
        not_covered=[],
        jurisdictions=[],
        disclaimer=DISCLAIMER,
    )


def main(argv: list[str] | None = None) -> int:
    """`ask QUESTION --json`, like the product's command line."""
    parser = argparse.ArgumentParser(prog="naive-top3")
    parser.add_argument("command", choices=["ask"])
    parser.add_argument("question")
    parser.add_argument("--json", action="store_true", help="accepted for the grader; output is always JSON")
    args = parser.parse_args(argv)
    answer = naive_answer(open_index(Settings()), args.question.strip())
    print(json.dumps(answer.model_dump(mode="json"), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
